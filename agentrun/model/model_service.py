"""Model services: a model provider (OpenAI, Tongyi, DeepSeek, a custom OpenAI-compatible URL, ...) registered with
AgentRun, with its base URL, key and model names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

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
from agentrun._core.resource import ControlAPI, ListOptions, WriteOptions, build_input

if TYPE_CHECKING:
    from agentrun_control_api.fields import CreateModelServiceMore, ListModelServicesFilters, UpdateModelServiceMore
    from agentrun_control_api.models import ProviderSettings

    class ModelServiceQuery(ListModelServicesFilters, ListOptions):
        """The filters and paging of `model_services.list`."""

    class ProviderFields(TypedDict, total=False):
        """Where the provider is and how it is reached: they make the service's ProviderSettings."""

        base_url: str | None
        api_key: str | None
        model_names: Sequence[str] | None

    class CreateServiceParams(ProviderFields, CreateModelServiceMore, WriteOptions):
        """The keyword arguments of `model_services.create` besides provider and model_type."""

    class UpdateServiceParams(ProviderFields, UpdateModelServiceMore, WriteOptions):
        """The keyword arguments of `model_services.update`."""


def _split_provider(given: Mapping[str, Any]) -> tuple[dict[str, Any], ProviderSettings | None]:
    """A model service's other fields, and ProviderSettings of its base_url, api_key and model_names (None when
    none of them is given)."""
    fields = dict(given)
    base_url, api_key, names = (fields.pop(key, None) for key in ("base_url", "api_key", "model_names"))
    if base_url is None and api_key is None and names is None:
        return fields, None
    settings = build_input(
        control_models.ProviderSettings,
        "provider settings",
        base_url=base_url,
        api_key=api_key,
        model_names=None if names is None else [*names],
    )
    return fields, settings


class ModelServices(ControlAPI):
    """`client.model_services`: create, get, update, delete and list model services."""

    async def create(
        self, name: str, *, provider: str, model_type: str = "llm", **given: Unpack[CreateServiceParams]
    ) -> ModelService:
        """Register a model provider. `provider` is openai, tongyi, deepseek, anthropic, ... or custom; `model_type`
        llm, text-embedding, rerank, speech2text, tts or moderation. Give the key as `api_key` (with `base_url` and
        `model_names`), or keep it in a credential named by `credential_name`. The other CreateModelServiceInput
        fields (description, model_info_configs, network_configuration, workspace_id) are keyword arguments too."""
        fields, settings = _split_provider(given)
        return await self._write(
            create_model_service.request, ModelService, control_models.CreateModelServiceInput, fields,
            model_service_name=name, provider=provider, model_type=model_type,
            provider_settings=settings or control_models.ProviderSettings(),
        )  # fmt: skip

    async def get(self, name: str, *, options: CallOptions | None = None) -> ModelService:
        return await self._load(
            get_model_service.request(model_service_name=name), ModelService, what="model service", options=options
        )

    async def update(self, name: str, /, **given: Unpack[UpdateServiceParams]) -> ModelService:
        """Change the given fields (base_url, api_key, model_names, credential_name, description and the other
        UpdateModelServiceInput fields); only they are sent and the others keep their values."""
        fields, settings = _split_provider(given)
        return await self._write(
            partial(update_model_service.request, model_service_name=name), ModelService,
            control_models.UpdateModelServiceInput, fields, provider_settings=settings,
        )  # fmt: skip

    async def delete(self, name: str, *, options: CallOptions | None = None) -> None:
        await self._send(
            delete_model_service.request(model_service_name=name),
            ModelServiceModel,
            what="model service",
            options=options,
        )

    def list(self, **query: Unpack[ModelServiceQuery]) -> AsyncPager[ModelService]:
        """Every model service matching the filters (model_type, provider, provider_type, workspace_id, ...); pages
        under `async for`."""
        return self._paged(list_model_services.request, ModelService, "model service", **query)


class ModelService(BoundResource[ModelServices], ModelServiceModel):
    """A model service as the service returns it, with methods that act on it."""

    _what = "model service"

    name = WireText("model_service_name")

    update = updater(ModelServices.update)
