"""The data plane, mounted at `/data` (the data endpoint is `<server>/data`): sandboxes, model gateway, agent
runtime invocation and tools will add their routes here. Every request under the mount is already verified
(AGENTRUN4-HMAC-SHA256, see auth.py); unknown paths answer a JSON 404.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from agentrun.local.connect import DATA_PATH

PREFIX = DATA_PATH


def routes() -> list[BaseRoute]:
    return []
