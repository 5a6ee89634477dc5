"""Model proxies: one OpenAI-compatible gateway in front of one or more model services, with routing by weight,
fallbacks, retries, caching, rate limits and guardrails."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, Unpack

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
from agentrun._core.resource import (
    ControlAPI,
    WireObject,
    build_input,
    wire_body,
)

if TYPE_CHECKING:
    from agentrun_control_api.fields import CreateModelProxyMore, UpdateModelProxyMore
    from agentrun_control_api.models import ProxyConfig, ProxyEndpoint, ProxyMode, ProxyPolicies, ResourceStatus
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
        cpu: float = 2,
        memory: int = 4096,
        credential_name: str | None = None,
        description: str | None = None,
        options: CallOptions | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **more: Unpack[CreateModelProxyMore],
    ) -> ModelProxy:
        """Create a proxy over `endpoints`: ProxyEndpoint objects or dicts {modelServiceName, modelNames, baseUrl,
        weight}. `proxy_mode` is single for one endpoint and multi for several unless given. `policies` (ProxyPolicies
        or a dict: fallbacks, numRetries, requestTimeout, cache, tokenRateLimiter, aiGuardrailConfig, ...) apply to
        every request. Other CreateModelProxyInput fields (model_type, network_configuration, ...) go in `more`."""
        if not endpoints:
            raise errors.InvalidArgumentError("create model proxy: endpoints must name at least one model service")
        modes = control_models.ProxyMode
        mode = modes(proxy_mode) if proxy_mode else modes.SINGLE if len(endpoints) == 1 else modes.MULTI
        body = build_input(
            control_models.CreateModelProxyInput,
            "create model proxy",
            model_proxy_name=name,
            proxy_mode=mode,
            proxy_config=_proxy_config(endpoints, policies),
            cpu=cpu,
            memory=memory,
            credential_name=credential_name,
            description=description,
            **more,
        )
        return await self._load(
            create_model_proxy.request(body=wire_body(body, extra_body)),
            ModelProxy,
            what="model proxy",
            options=options,
        )

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
        credential_name: str | None = None,
        description: str | None = None,
        options: CallOptions | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **more: Unpack[UpdateModelProxyMore],
    ) -> ModelProxy:
        """Change the given fields; only they are sent and the others keep their values (the proxy mode cannot
        change). Other UpdateModelProxyInput fields go in `more`."""
        body = build_input(
            control_models.UpdateModelProxyInput,
            "update model proxy",
            proxy_config=_proxy_config(endpoints, policies),
            credential_name=credential_name,
            description=description,
            **more,
        )
        return await self._load(
            update_model_proxy.request(model_proxy_name=name, body=wire_body(body, extra_body)),
            ModelProxy,
            what="model proxy",
            options=options,
        )

    async def delete(self, name: str, *, options: CallOptions | None = None) -> None:
        await self._send(
            delete_model_proxy.request(model_proxy_name=name), ModelProxyModel, what="model proxy", options=options
        )

    def list(
        self,
        *,
        proxy_mode: ProxyMode | str | None = None,
        status: ResourceStatus | str | None = None,
        workspace_id: str | None = None,
        page_size: int = 50,
        limit: int | None = None,
        options: CallOptions | None = None,
    ) -> AsyncPager[ModelProxy]:
        """Every model proxy matching the filters; pages under `async for`."""
        return self._paged(
            lambda number, size: list_model_proxies.request(
                page_number=number, page_size=size, proxy_mode=proxy_mode, status=status, workspace_id=workspace_id
            ),
            ModelProxy,
            what="model proxy",
            options=options,
            page_size=page_size,
            limit=limit,
        )


class ModelProxy(BoundResource[ModelProxies], ModelProxyModel):
    """A model proxy as the service returns it, with methods that act on it. `endpoint` is its base URL."""

    _what = "model proxy"

    name = WireText("model_proxy_name")

    update = updater(ModelProxies.update)
