"""Model services and model proxies through agentrun-sdk's `ModelService` and `ModelProxy` (sync and async): create,
wait_until_ready_or_failed, get, update, list_all, delete_and_wait_until_finished; the proxy's endpoint refers to the
service (openapi/control.yaml).

Where the SDK sleeps: both waits poll GET at once and then every `interval_seconds` (default 5). AgentRun Local
settles CREATING/UPDATING/DELETING in 0.2 s, so every wait here takes one sleep (none if its first poll comes later
than that, on a loaded machine). The sync proxy deletion keeps the default interval (one 5 s sleep, proving the
default loop ends); the others pass interval_seconds=1.

A client bug the server cannot work around: `ModelService.get_by_name` asks `ModelClient.get` for
`backend_type=SERVICE`, which re-raises the raw `ClientError` instead of mapping a 404 to `ResourceNotExistError`.
So `ModelService.delete_and_wait_until_finished` sees DELETING, then fails with ClientError(404, "model service ...
does not exist") once the service is gone, against any server; the scenario pins that down.
"""

from __future__ import annotations

import time

from _scenario import (
    StatusLog,
    Summary,
    check,
    elapsed,
    equal,
    raises,
    raises_async,
    run,
    unique,
)

from agentrun import (
    ModelClient,
    ModelProxy,
    ModelProxyCreateInput,
    ModelProxyUpdateInput,
    ModelService,
    ModelServiceCreateInput,
    ModelServiceUpdateInput,
    ModelType,
    ProviderSettings,
    ProxyConfig,
    ProxyConfigEndpoint,
    ResourceAlreadyExistError,
    ResourceNotExistError,
)
from agentrun.utils.exception import ClientError

MODEL = "gpt-4o"


def service_input(name: str) -> ModelServiceCreateInput:
    return ModelServiceCreateInput(
        model_service_name=name,
        model_type=ModelType.LLM,
        provider="openai",
        description="compat",
        provider_settings=ProviderSettings(api_key="k-compat", base_url="https://api.example/v1", model_names=[MODEL]),
    )


def proxy_input(name: str, service: str) -> ModelProxyCreateInput:
    return ModelProxyCreateInput(
        model_proxy_name=name,
        model_type=ModelType.LLM,
        proxy_config=ProxyConfig(endpoints=[ProxyConfigEndpoint(model_service_name=service, model_names=[MODEL])]),
    )


def check_service(service: ModelService, what: str) -> None:
    settings = service.provider_settings
    check(settings is not None, f"{what}: no provider_settings")
    assert settings is not None
    equal((settings.api_key, settings.model_names), ("k-compat", [MODEL]), f"{what}: provider_settings")


def check_proxy(proxy: ModelProxy, service: str, what: str) -> None:
    endpoints = proxy.proxy_config.endpoints if proxy.proxy_config else None
    equal([e.model_service_name for e in endpoints or []], [service], f"{what}: proxy_config.endpoints")
    equal(str(getattr(proxy.proxy_mode, "value", proxy.proxy_mode)), "single", f"{what}: proxy_mode")
    check((proxy.endpoint or "").endswith(f"/models/{proxy.model_proxy_name}"), f"{what}: endpoint {proxy.endpoint}")


def check_unmapped_404(error: ClientError, service: str) -> None:
    equal(error.status_code, 404, "deleted service: status_code")
    equal(error.message, f"model service {service} does not exist", "deleted service: message")
    check(error.request_id, "deleted service: no request id")


def sync_part(summary: Summary) -> None:
    service_name, proxy_name = unique("ms-sync"), unique("mp-sync")
    service = ModelService.create(service_input(service_name))
    equal(service.status, "CREATING", "create: status")
    ready = StatusLog()
    service.wait_until_ready_or_failed(callback=ready, interval_seconds=1)
    equal(service.status, "READY", "wait_until_ready_or_failed: status")
    check_service(ModelService.get_by_name(service_name), "get_by_name")
    service.update(ModelServiceUpdateInput(description="updated"))
    equal(service.description, "updated", "update: description")
    check_service(service, "update (provider_settings kept)")
    listed = [s.model_service_name for s in ModelService.list_all(model_type=ModelType.LLM)]
    check(service_name in listed, f"list_all(model_type=llm) lacks {service_name}: {listed}")
    others = [s.model_service_name for s in ModelService.list_all(model_type=ModelType.EMBEDDING)]
    check(service_name not in others, "list_all(model_type=text-embedding) lists an llm service")

    proxy = ModelProxy.create(proxy_input(proxy_name, service_name))
    proxy_ready = StatusLog()
    proxy.wait_until_ready_or_failed(callback=proxy_ready, interval_seconds=1)
    equal(proxy.status, "READY", "proxy wait_until_ready_or_failed: status")
    check_proxy(ModelProxy.get_by_name(proxy_name), service_name, "proxy get_by_name")
    proxy.update(ModelProxyUpdateInput(description="proxy updated"))
    equal(proxy.description, "proxy updated", "proxy update: description")
    check_proxy(proxy, service_name, "proxy update (proxy_config kept)")
    check(proxy_name in [p.model_proxy_name for p in ModelProxy.list_all()], "ModelProxy.list_all lacks the proxy")
    # ModelClient.get without a backend type tries GetModelService, then falls back to GetModelProxy.
    found = ModelClient().get(proxy_name)
    check(isinstance(found, ModelProxy), f"ModelClient().get(proxy name) gave {type(found).__name__}")
    check(isinstance(ModelClient().get(service_name), ModelService), "ModelClient().get(service name)")
    duplicate = raises(
        ResourceAlreadyExistError, lambda: ModelProxy.create(proxy_input(proxy_name, service_name)), "duplicate proxy"
    )

    proxy_gone = StatusLog()
    start = time.monotonic()
    proxy.delete_and_wait_until_finished(callback=proxy_gone)  # the default 5 s interval
    default_wait = elapsed(start)
    missing = raises(ResourceNotExistError, lambda: ModelProxy.get_by_name(proxy_name), "proxy get after delete")
    service_gone = StatusLog()
    unmapped = raises(
        ClientError,
        lambda: service.delete_and_wait_until_finished(callback=service_gone, interval_seconds=1),
        "ModelService.delete_and_wait_until_finished (the SDK leaves its 404 unmapped)",
    )
    check_unmapped_404(unmapped, service_name)
    summary.update(
        service_ready_polls=ready.seen,
        proxy_ready_polls=proxy_ready.seen,
        proxy_delete_polls=proxy_gone.seen,
        proxy_delete_default_interval_seconds=default_wait,
        service_delete_polls=service_gone.seen,
        service_delete_error=[type(unmapped).__name__, unmapped.status_code, unmapped.message],
        listed_llm=service_name in listed,
        proxy_endpoint=proxy.endpoint,
        duplicate_proxy_error=type(duplicate).__name__,
        missing_error=type(missing).__name__,
    )


async def async_part(summary: Summary) -> None:
    service_name, proxy_name = unique("ms-async"), unique("mp-async")
    service = await ModelService.create_async(service_input(service_name))
    ready = StatusLog()
    await service.wait_until_ready_or_failed_async(callback=ready, interval_seconds=1)
    equal(service.status, "READY", "wait_until_ready_or_failed_async: status")
    check_service(await ModelService.get_by_name_async(service_name), "get_by_name_async")
    await service.update_async(ModelServiceUpdateInput(description="updated"))
    equal(service.description, "updated", "update_async: description")
    listed = [s.model_service_name for s in await ModelService.list_all_async(model_type=ModelType.LLM)]
    check(service_name in listed, f"list_all_async(model_type=llm) lacks {service_name}")

    proxy = await ModelProxy.create_async(proxy_input(proxy_name, service_name))
    proxy_ready = StatusLog()
    await proxy.wait_until_ready_or_failed_async(callback=proxy_ready, interval_seconds=1)
    equal(proxy.status, "READY", "proxy wait_until_ready_or_failed_async: status")
    check_proxy(await ModelProxy.get_by_name_async(proxy_name), service_name, "proxy get_by_name_async")
    await proxy.update_async(ModelProxyUpdateInput(description="proxy updated"))
    equal(proxy.description, "proxy updated", "proxy update_async: description")
    proxies = [p.model_proxy_name for p in await ModelProxy.list_all_async()]
    check(proxy_name in proxies, "ModelProxy.list_all_async lacks the proxy")

    proxy_gone, service_gone = StatusLog(), StatusLog()
    await proxy.delete_and_wait_until_finished_async(callback=proxy_gone, interval_seconds=1)
    missing = await raises_async(
        ResourceNotExistError, lambda: ModelProxy.get_by_name_async(proxy_name), "proxy get after delete"
    )
    unmapped = await raises_async(
        ClientError,
        lambda: service.delete_and_wait_until_finished_async(callback=service_gone, interval_seconds=1),
        "ModelService.delete_and_wait_until_finished_async (the SDK leaves its 404 unmapped)",
    )
    check_unmapped_404(unmapped, service_name)
    summary.update(
        service_ready_polls=ready.seen,
        proxy_ready_polls=proxy_ready.seen,
        proxy_delete_polls=proxy_gone.seen,
        service_delete_polls=service_gone.seen,
        service_delete_error=[type(unmapped).__name__, unmapped.status_code, unmapped.message],
        listed_llm=service_name in listed,
        missing_error=type(missing).__name__,
    )


if __name__ == "__main__":
    run("model_services", sync_part, async_part)
