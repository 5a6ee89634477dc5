"""The control plane (API version 2025-09-10): one module per resource area, each contributing its routes.

Routes are relative to the `/2025-09-10` mount (see app.py). A new area adds a module with `routes()` and joins
the list below.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from agentrun.local.control import (
    agent_runtimes,
    credentials,
    model_proxies,
    model_services,
    sandboxes,
    templates,
    tools,
    workspaces,
)
from agentrun.local.state import ServerState

API_VERSION = "2025-09-10"
_AREAS = (agent_runtimes, templates, sandboxes, model_services, model_proxies, tools, credentials, workspaces)


def routes() -> list[BaseRoute]:
    return [route for area in _AREAS for route in area.routes()]


async def prepare(state: ServerState) -> None:
    """First-start data the control plane needs (the default workspace)."""
    await workspaces.seed(state)
