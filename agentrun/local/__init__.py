"""AgentRun Local: the AgentRun API served on this machine, so agents can be built and tested offline and then
pointed at the cloud unchanged.

Three ways to start it (all listen on 127.0.0.1 with HTTPS from a local CA, and verify request signatures with a
key pair created on first start in the data dir, default ~/.agentrun/local or $AGENTRUN_LOCAL_DIR):

    agentrun local serve [--host 127.0.0.1] [--port 8490] [--data-dir DIR] [--http] [--unsafe-no-isolation]
    python -m agentrun.local serve ...               # the same options

    async with agentrun.local.run(data_dir=..., port=0) as local:   # in-process, on a free port
        await local.client.credentials.get("c1")

Point any client (this SDK or the official one) at a running server with `eval "$(agentrun local env)"`, or in
Python with `AsyncAgentRun.local()`. The server needs the `local` extra: `pip install "agentrun[local]"`.

Packaging: one distribution, `agentrun`, with the server behind the `local` extra; no separate `agentrun-local`.
An SDK-only install carries this package's source (about 0.6 MB) but none of the server's dependencies (uvicorn,
Starlette, cryptography, certifi, python-multipart, bwrap are all in the extra), and `import agentrun` imports no
module of `agentrun.local` (the server loads on `run`/`LocalServer` only). A split would save that source and cost
users a second package to install and keep in step: SDK and server are generated from, and tested against, the
same specs (openapi/), so their versions would have to move in lockstep, and the two share code both ways (the
server verifies signatures with the SDK's signer and config; `AsyncAgentRun.local()` and `agentrun local` read
the server's data dir through connect.py). Revisit if the server needs releases of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agentrun.local.server import LocalServer, run

__all__ = ["LocalServer", "run"]


def __getattr__(name: str) -> Any:
    # uvicorn and Starlette load only when a server is actually started.
    if name in __all__:
        from agentrun.local import server

        return getattr(server, name)
    raise AttributeError(f"module 'agentrun.local' has no attribute {name!r}")
