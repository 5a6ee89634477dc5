"""`python -m agentrun.local serve|env ...`: the same as `agentrun local serve|env ...`."""

from __future__ import annotations

import sys

from agentrun.cli import local_main

if __name__ == "__main__":
    sys.exit(local_main())
