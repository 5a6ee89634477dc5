"""Model services: connections to model providers (openapi/control.yaml). The API key is encrypted at rest."""

from __future__ import annotations

from agentrun_control_api.models import CreateModelServiceInput, ModelService, UpdateModelServiceInput
from starlette.routing import BaseRoute

from agentrun.local.control.crud import Spec, by_name, crud_routes, equals, workspace_filters
from agentrun.local.resources import MODEL_SERVICE, MODEL_SERVICE_SECRETS

MODEL_SERVICES = Spec(
    kind=MODEL_SERVICE,
    keys=by_name("modelService", "ms-"),
    output=ModelService,
    create_input=CreateModelServiceInput,
    update_input=UpdateModelServiceInput,
    filters={
        "modelType": equals("modelType"),
        "provider": equals("provider"),
        "providerType": equals("providerType"),
        **workspace_filters(),
    },
    secrets=MODEL_SERVICE_SECRETS,
)


def routes() -> list[BaseRoute]:
    return crud_routes(MODEL_SERVICES, "/agents/model-services", "/agents/model-services/{modelServiceName}")
