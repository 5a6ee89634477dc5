"""The server's clock for the durations and deadlines it computes itself (a sandbox's idle time, an execution's
timeout): `time.monotonic`. Only relative delays are handed to anyio, so it need not be the event loop's clock; and
reading the loop's clock costs a system call on Python 3.11 (asking asyncio for the running loop checks the process
id every time), several times per request on the sandbox paths."""

from __future__ import annotations

from time import monotonic as now

__all__ = ["now"]
