"""Model services: a model provider (OpenAI, Tongyi, DeepSeek, a custom OpenAI-compatible URL, ...) registered with
AgentRun, with its base URL, key and model names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

import agentrun_control_api.models as control_models
from agentrun_control_api.api.model_services import (
    create_model_service,
    delete_model_service,
    get_model_service,
    list_model_services,
    update_model_service,
)
from agentrun_control_api.models import ModelService as ModelServiceModel

from agentrun._core.bound import BoundResource, WireText, updater
from agentrun._core.http import CallOptions
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI, build_input, wire_body

if TYPE_CHECKING:
    from agentrun_control_api.fields import CreateModelServiceMore, UpdateModelServiceMore
    from agentrun_control_api.models import ProviderSettings


def _provider_settings(
    base_url: str | None, api_key: str | None, model_names: Sequence[str] | None
) -> ProviderSettings | None:
    """ProviderSettings holding the given values, or None when none is given."""
    if base_url is None and api_key is None and model_names is None:
        return None
    names = [*model_names] if model_names is not None else None
    return build_input(
        control_models.ProviderSettings, "provider settings", base_url=base_url, api_key=api_key, model_names=names
    )


class ModelServices(ControlAPI):
    """`client.model_services`: create, get, update, delete and list model services."""

    async def create(
        self,
        name: str,
        *,
        provider: str,
        model_type: str = "llm",
        base_url: str | None = None,
        api_key: str | None = None,
        model_names: Sequence[str] | None = None,
        credential_name: str | None = None,
        description: str | None = None,
        options: CallOptions | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **more: Unpack[CreateModelServiceMore],
    ) -> ModelService:
        """Register a model provider. `provider` is openai, tongyi, deepseek, anthropic, ... or custom; `model_type`
        llm, text-embedding, rerank, speech2text, tts or moderation. Give the key as `api_key`, or keep it in a
        credential named by `credential_name`. Other CreateModelServiceInput fields (model_info_configs,
        network_configuration, workspace_id) go in `more`."""
        body = build_input(
            control_models.CreateModelServiceInput,
            "create model service",
            model_service_name=name,
            provider=provider,
            model_type=model_type,
            provider_settings=_provider_settings(base_url, api_key, model_names) or control_models.ProviderSettings(),
            credential_name=credential_name,
            description=description,
            **more,
        )
        return await self._load(
            create_model_service.request(body=wire_body(body, extra_body)),
            ModelService,
            what="model service",
            options=options,
        )

    async def get(self, name: str, *, options: CallOptions | None = None) -> ModelService:
        return await self._load(
            get_model_service.request(model_service_name=name), ModelService, what="model service", options=options
        )

    async def update(
        self,
        name: str,
        /,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        model_names: Sequence[str] | None = None,
        credential_name: str | None = None,
        description: str | None = None,
        options: CallOptions | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **more: Unpack[UpdateModelServiceMore],
    ) -> ModelService:
        """Change the given fields; only they are sent and the others keep their values. Other
        UpdateModelServiceInput fields (model_info_configs, network_configuration, ...) go in `more`."""
        body = build_input(
            control_models.UpdateModelServiceInput,
            "update model service",
            provider_settings=_provider_settings(base_url, api_key, model_names),
            credential_name=credential_name,
            description=description,
            **more,
        )
        return await self._load(
            update_model_service.request(model_service_name=name, body=wire_body(body, extra_body)),
            ModelService,
            what="model service",
            options=options,
        )

    async def delete(self, name: str, *, options: CallOptions | None = None) -> None:
        await self._send(
            delete_model_service.request(model_service_name=name),
            ModelServiceModel,
            what="model service",
            options=options,
        )

    def list(
        self,
        *,
        model_type: str | None = None,
        provider: str | None = None,
        provider_type: str | None = None,
        workspace_id: str | None = None,
        page_size: int = 50,
        limit: int | None = None,
        options: CallOptions | None = None,
    ) -> AsyncPager[ModelService]:
        """Every model service matching the filters; pages under `async for`."""
        return self._paged(
            lambda number, size: list_model_services.request(
                page_number=number,
                page_size=size,
                model_type=model_type,
                provider=provider,
                provider_type=provider_type,
                workspace_id=workspace_id,
            ),
            ModelService,
            what="model service",
            options=options,
            page_size=page_size,
            limit=limit,
        )


class ModelService(BoundResource[ModelServices], ModelServiceModel):
    """A model service as the service returns it, with methods that act on it."""

    _what = "model service"

    name = WireText("model_service_name")

    update = updater(ModelServices.update)
