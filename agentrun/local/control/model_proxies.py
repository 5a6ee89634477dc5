"""Model proxies: gateways over model services (openapi/control.yaml). Their `endpoint` is the data-plane
URL the model gateway will serve them at."""

from __future__ import annotations

from agentrun_control_api.models import CreateModelProxyInput, ModelProxy, UpdateModelProxyInput
from starlette.routing import BaseRoute

from agentrun.local.control.crud import Change, Spec, by_name, crud_routes, equals, workspace_filters
from agentrun.local.resources import MODEL_PROXY


def _created(c: Change) -> None:
    c.doc["endpoint"] = f"{c.state.data_endpoint}/models/{c.doc['modelProxyName']}"
    c.doc.setdefault("serviceRegionId", c.state.identity.region)


MODEL_PROXIES = Spec(
    kind=MODEL_PROXY,
    keys=by_name("modelProxy", "mp-"),
    output=ModelProxy,
    create_input=CreateModelProxyInput,
    update_input=UpdateModelProxyInput,
    filters={
        "proxyMode": equals("proxyMode"),
        "status": equals("status", ignore_case=True),
        **workspace_filters(),
    },
    on_create=_created,
)


def routes() -> list[BaseRoute]:
    return crud_routes(MODEL_PROXIES, "/agents/model-proxies", "/agents/model-proxies/{modelProxyName}")
