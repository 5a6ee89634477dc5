"""The data plane, mounted at `/data` (the data endpoint is `<server>/data`): sandboxes, model gateway, agent
runtime invocation and tools add their routes here. Every request under the mount is already verified
(AGENTRUN4-HMAC-SHA256, see auth.py), except under SELF_AUTHENTICATED prefixes, whose routes decide themselves;
unknown paths answer a JSON 404.

Sandbox routes (`/sandboxes...`) are also served under the optional `/2025-09-10` prefix some clients send
(openapi/data.yaml): a module with sandbox routes joins `_SANDBOX_AREAS` and gets both.
"""

from __future__ import annotations

import re

from starlette.routing import BaseRoute, Mount

from agentrun.local import models, tools
from agentrun.local.connect import DATA_PATH
from agentrun.local.data import browser, contexts, execute, files, liveview, processes, recordings, sandboxes
from agentrun.local.routing import IndexedRouter
from agentrun.local.runtimes import log_routes as runtime_logs
from agentrun.local.runtimes import proxy as runtime_invocations

PREFIX = DATA_PATH
VERSION_PREFIX = "/2025-09-10"
_SANDBOX_AREAS = (
    sandboxes,
    execute,
    contexts,
    files,
    processes,
    browser,
    liveview,
    recordings,
)  # execute first: /contexts/execute is not a context id
# The model gateway accepts API keys of bound credentials and the official SDK's relaxed signatures (models/access.py).
# The live-view page and its stream take a token in the URL, which a web browser can send (data/liveview.py).
SELF_AUTHENTICATED = (f"{PREFIX}/models/", f"{PREFIX}{liveview.VIEWER_PREFIX}/")
# A tool's MCP endpoints take the relaxed signature too (openapi/data.yaml): agentrun-sdk 0.0.54 signs MCP only for
# `.agentrun-data.` hosts, so against Local its Tool and MCPToolSet send what Config(headers=...) holds, such as the
# empty-URL signature its DataAPI.auth() makes.
RELAXED_SIGNATURE = re.compile(re.escape(PREFIX) + r"/tools/[^/]+/(?:mcp|sse|messages)")


def routes() -> list[BaseRoute]:
    sandbox_routes = [route for area in _SANDBOX_AREAS for route in area.routes()]
    # Model routes first: a model call is matched before the sandbox routes are tried (they share no prefix).
    return [
        *models.routes(),
        *tools.routes(),
        *runtime_invocations.routes(),
        *runtime_logs.routes(),
        *liveview.viewer_routes(),
        *sandbox_routes,
        Mount(VERSION_PREFIX, app=IndexedRouter(sandbox_routes)),
    ]
