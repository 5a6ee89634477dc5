"""What agentrun.server needs beyond the SDK (the `server` extra), looked for before anything imports it. ag_ui is
only looked for: its models are slow to import, so they are loaded when first used."""

from __future__ import annotations

import importlib.util

from agentrun.errors import MissingDependencyError

_missing = [name for name in ("starlette", "uvicorn", "ag_ui") if importlib.util.find_spec(name) is None]
if _missing:  # pragma: no cover - depends on the install
    raise MissingDependencyError(
        f"agentrun.server needs the 'server' extra ({', '.join(_missing)} missing): pip install 'agentrun[server]'"
    )
