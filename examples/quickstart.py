#!/usr/bin/env python3
"""A tour of AgentRun through the async SDK, on AgentRun Local by default.

    python examples/quickstart.py            # starts AgentRun Local in-process on a free port, in a temp dir
    python examples/quickstart.py --env      # uses AGENTRUN_* variables instead (the cloud, or `agentrun local env`)

It stores a model key as a credential, puts a model service and a governed model proxy in front of it, creates a
code-interpreter sandbox template and an agent runtime with an endpoint, lists what it made, and cleans up.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
import uuid
from collections.abc import AsyncIterator

import agentrun


def step(text: str, started: float) -> None:
    print(f"  {'✓':2}{text:<64} {(time.perf_counter() - started) * 1000:7.1f} ms")


@contextlib.asynccontextmanager
async def connect(use_env: bool) -> AsyncIterator[agentrun.AsyncAgentRun]:
    if use_env:
        async with agentrun.AsyncAgentRun() as client:
            print(f"Using {client.config.control_base_url()}")
            yield client
        return
    from agentrun.local import run as run_local

    with tempfile.TemporaryDirectory(prefix="agentrun-quickstart-") as data_dir:
        async with run_local(data_dir=data_dir, port=0) as local:
            print(f"AgentRun Local is serving {local.control_endpoint} (data in {data_dir})")
            yield local.client


async def tour(client: agentrun.AsyncAgentRun) -> None:
    suffix = uuid.uuid4().hex[:6]
    print("\nModels")
    t = time.perf_counter()
    key = await client.credentials.create(
        f"openai-key-{suffix}", auth_type="api_key", source_type="external_llm", secret="sk-demo-not-a-real-key"
    )
    step(f"stored credential {key.name}", t)

    t = time.perf_counter()
    service = await client.model_services.create(
        f"openai-{suffix}",
        provider="openai",
        base_url="https://api.openai.com/v1",
        model_names=["gpt-4o-mini"],
        credential_name=key.name,
    )
    await service.wait_until_ready()
    step(f"model service {service.name} is {service.status}", t)

    t = time.perf_counter()
    proxy = await client.model_proxies.create(
        f"gateway-{suffix}",
        endpoints=[{"modelServiceName": service.name, "modelNames": ["gpt-4o-mini"]}],
        policies={"numRetries": 2, "requestTimeout": 30},
    )
    await proxy.wait_until_ready()
    step(f"model proxy {proxy.name} ({proxy.proxy_mode}) is {proxy.status}", t)

    print("\nSandboxes")
    t = time.perf_counter()
    template = await client.templates.create(f"python-{suffix}", template_type="CodeInterpreter", cpu=1, memory=2048)
    await template.wait_until_ready()
    step(f"template {template.name}: {template.cpu} vCPU, {template.memory} MB, {template.status}", t)

    print("\nAgent runtimes")
    t = time.perf_counter()
    runtime = await client.agent_runtimes.create(
        f"assistant-{suffix}",
        container={"image": "registry.example.com/assistant:1", "command": ["python", "app.py"]},
        environment_variables={"MODEL_PROXY": proxy.name},
    )
    await runtime.wait_until_ready()
    step(f"runtime {runtime.name} ({runtime.artifact_type}) is {runtime.status}", t)

    t = time.perf_counter()
    endpoint = await runtime.create_endpoint("production")
    await endpoint.wait_until_ready()
    step(f"endpoint {endpoint.name} serves version {endpoint.target_version}", t)

    print("\nWhat exists now")
    t = time.perf_counter()
    names = [r.agent_runtime_name async for r in client.agent_runtimes.list()]
    templates = [tpl.template_name async for tpl in client.templates.list()]
    step(f"{len(names)} runtime(s), {len(templates)} template(s), listed page by page", t)

    print("\nCleaning up")
    t = time.perf_counter()
    await runtime.delete()  # deletes its endpoints first
    await template.delete()
    await proxy.delete()
    await service.delete()
    await key.delete()
    step("deleted everything this tour created", t)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", action="store_true", help="use AGENTRUN_* variables instead of AgentRun Local")
    args = parser.parse_args()

    async def run() -> None:
        async with connect(args.env) as client:
            await tour(client)
        print("\nDone.")

    asyncio.run(run())


if __name__ == "__main__":
    main()
