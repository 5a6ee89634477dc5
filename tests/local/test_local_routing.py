"""AgentRun Local's IndexedRouter picks the route Starlette's own router would pick, for every route of both planes
(a concrete path made from each template, every method, and a few paths that match nothing)."""

from __future__ import annotations

import re

import pytest
from starlette.routing import BaseRoute, Match, Mount, Route, Router

from agentrun.local import control, data
from agentrun.local.routing import IndexedRouter

PLANES = {"control": control.routes, "data": data.routes}
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")


def concrete(template: str) -> str:
    return re.sub(r"\{[^}]+\}", "v-1", template)


def paths(routes: list[BaseRoute], prefix: str = "") -> list[str]:
    found = []
    for route in routes:
        if isinstance(route, Mount):
            found += paths(list(route.routes), prefix + route.path)
        elif isinstance(route, Route):
            found.append(prefix + concrete(route.path))
    return found


def first_full(routes: list[BaseRoute], method: str, path: str) -> BaseRoute | None:
    """What Starlette's Router.app would hand the request to: the first route that matches fully."""
    scope = {"type": "http", "method": method, "path": path, "root_path": ""}
    return next((route for route in routes if route.matches(scope)[0] is Match.FULL), None)


@pytest.mark.parametrize("plane", sorted(PLANES))
def test_the_indexed_router_picks_the_route_starlette_picks(plane: str) -> None:
    routes = PLANES[plane]()
    indexed = IndexedRouter(routes)
    plain = Router(routes=routes)
    tried = [*paths(routes), "/", "/nothing", "/nothing/here", "/agents", "/agents/unknown/x", "/sandboxes"]
    for path in tried:
        for method in METHODS:
            expected = first_full(plain.routes, method, path)
            got = first_full(list(indexed.candidates(path)), method, path)
            assert got is expected, (method, path)
    assert len(tried) > 20
