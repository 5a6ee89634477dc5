"""Model proxies: one OpenAI-compatible gateway in front of one or more model services, with routing by weight,
fallbacks, retries, caching, rate limits and guardrails."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, TypeAlias, Unpack

import agentrun_control_api.models as control_models
from agentrun_control_api.api.model_proxies import (
    create_model_proxy,
    delete_model_proxy,
    get_model_proxy,
    list_model_proxies,
    update_model_proxy,
)
from agentrun_control_api.models import ModelProxy as ModelProxyModel

from agentrun import errors
from agentrun._core.bound import BoundResource, WireText, updater
from agentrun._core.http import CallOptions
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI, ListOptions, WireObject, WriteOptions, build_input

if TYPE_CHECKING:
    from agentrun_control_api.fields import CreateModelProxyMore, ListModelProxiesFilters, UpdateModelProxyMore
    from agentrun_control_api.models import ProxyConfig, ProxyEndpoint, ProxyMode, ProxyPolicies

    class ModelProxyQuery(ListModelProxiesFilters, ListOptions):
        """The filters and paging of `model_proxies.list`."""

    class CreateProxyParams(CreateModelProxyMore, WriteOptions):
        """The keyword arguments of `model_proxies.create` besides endpoints, proxy_mode and policies."""

    class UpdateProxyParams(UpdateModelProxyMore, WriteOptions):
        """The keyword arguments of `model_proxies.update` besides endpoints and policies."""


# Strings, so the models load when a proxy is built rather than with the module.
Endpoints: TypeAlias = "Sequence[ProxyEndpoint | WireObject]"
Policies: TypeAlias = "ProxyPolicies | WireObject"


def _proxy_config(endpoints: Endpoints | None, policies: Policies | None) -> ProxyConfig | None:
    """ProxyConfig from endpoints ({modelServiceName, modelNames, baseUrl, weight} or ProxyEndpoint) and policies."""
    if endpoints is None and policies is None:
        return None
    items = [*endpoints] if endpoints is not None else None
    return build_input(control_models.ProxyConfig, "model proxy config", endpoints=items, policies=policies)


class ModelProxies(ControlAPI):
    """`client.model_proxies`: create, get, update, delete and list model proxies."""

    async def create(
        self,
        name: str,
        *,
        endpoints: Endpoints,
        proxy_mode: ProxyMode | str | None = None,
        policies: Policies | None = None,
        **given: Unpack[CreateProxyParams],
    ) -> ModelProxy:
        """Create a proxy over `endpoints`: ProxyEndpoint objects or dicts {modelServiceName, modelNames, baseUrl,
        weight}. `proxy_mode` is single for one endpoint and multi for several unless given. `policies` (ProxyPolicies
        or a dict: fallbacks, numRetries, requestTimeout, cache, tokenRateLimiter, aiGuardrailConfig, ...) apply to
        every request. The other CreateModelProxyInput fields (cpu, 2 by default; memory, 4096 MB; credential_name,
        description, model_type, network_configuration, ...) are keyword arguments too."""
        if not endpoints:
            raise errors.InvalidArgumentError("create model proxy: endpoints must name at least one model service")
        modes = control_models.ProxyMode
        mode = modes(proxy_mode) if proxy_mode else modes.SINGLE if len(endpoints) == 1 else modes.MULTI
        return await self._write(
            create_model_proxy.request, ModelProxy, control_models.CreateModelProxyInput, given,
            model_proxy_name=name, proxy_mode=mode, proxy_config=_proxy_config(endpoints, policies), cpu=2,
            memory=4096,
        )  # fmt: skip

    async def get(self, name: str, *, options: CallOptions | None = None) -> ModelProxy:
        return await self._load(
            get_model_proxy.request(model_proxy_name=name), ModelProxy, what="model proxy", options=options
        )

    async def update(
        self,
        name: str,
        /,
        *,
        endpoints: Endpoints | None = None,
        policies: Policies | None = None,
        **given: Unpack[UpdateProxyParams],
    ) -> ModelProxy:
        """Change the given fields (endpoints, policies, credential_name, description and the other
        UpdateModelProxyInput fields); only they are sent and the others keep their values (the proxy mode cannot
        change)."""
        return await self._write(
            partial(update_model_proxy.request, model_proxy_name=name), ModelProxy,
            control_models.UpdateModelProxyInput, given, proxy_config=_proxy_config(endpoints, policies),
        )  # fmt: skip

    async def delete(self, name: str, *, options: CallOptions | None = None) -> None:
        await self._send(
            delete_model_proxy.request(model_proxy_name=name), ModelProxyModel, what="model proxy", options=options
        )

    def list(self, **query: Unpack[ModelProxyQuery]) -> AsyncPager[ModelProxy]:
        """Every model proxy matching the filters (proxy_mode, status, workspace_id, ...); pages under `async for`."""
        return self._paged(list_model_proxies.request, ModelProxy, "model proxy", **query)


class ModelProxy(BoundResource[ModelProxies], ModelProxyModel):
    """A model proxy as the service returns it, with methods that act on it. `endpoint` is its base URL."""

    _what = "model proxy"

    name = WireText("model_proxy_name")

    update = updater(ModelProxies.update)
