"""The event loop's clock, read directly. `anyio.current_time()` reads the same clock on asyncio (the only event loop
the server runs: uvicorn is asyncio-only) but finds the backend through sniffio on every call, ~1 us each, several
times per request on the sandbox paths."""

from __future__ import annotations

import asyncio


def loop_time() -> float:
    """Seconds on the running event loop's monotonic clock (what anyio's deadlines and `current_time()` use)."""
    return asyncio.get_running_loop().time()
