"""Agent runtimes through agentrun-sdk's `AgentRuntime` (sync and async): create from a code package (a one-file zip;
AgentRun Local fails Container artifacts, see agent_runtime_code.py),
wait_until_ready_or_failed, update (description only: the SDK also sends its cpu/memory/port defaults),
create_endpoint, list_endpoints, list_versions (of a version published with the Tea client, which the SDK cannot do),
list_all (3 runtimes sync; 51 async, so list_all_async reads two pages of 50), and `delete()`, which deletes the
endpoints and polls the endpoint list until it is empty before deleting the runtime.

Where the SDK sleeps: wait_until_ready_or_failed polls at once and then every `interval_seconds` (default 5; the sync
part keeps the default once, the rest pass 1). `delete()` sleeps a fixed 1 s between endpoint-list polls; AgentRun
Local drops a deleted endpoint after 0.2 s, so delete() takes one such sleep per runtime with endpoints.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
import time
import zipfile
from collections.abc import Awaitable
from datetime import datetime
from typing import TypeVar

from _scenario import (
    ScenarioFailure,
    StatusLog,
    Summary,
    check,
    elapsed,
    equal,
    raises,
    raises_async,
    run,
    tea_client,
    unique,
)

from agentrun import (
    AgentRuntime,
    AgentRuntimeCode,
    AgentRuntimeCreateInput,
    AgentRuntimeEndpointCreateInput,
    AgentRuntimeUpdateInput,
    ResourceAlreadyExistError,
    ResourceNotExistError,
)
from alibabacloud_agentrun20250910.models import PublishRuntimeVersionInput, PublishRuntimeVersionRequest

COMMAND = ["python", "app.py"]
PAGE_SIZE = 50  # what list_all asks for
GONE_TIMEOUT = 5.0
LOOP_TIMEOUT = 20.0
T = TypeVar("T")


def _code() -> AgentRuntimeCode:
    """A one-file package, as AgentRuntimeCode.from_zip_file sends it (never invoked here)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("app.py", "print('agent')\n")
    with tempfile.NamedTemporaryFile(suffix=".zip") as file:
        file.write(out.getvalue())
        file.flush()
        return AgentRuntimeCode.from_zip_file("python3.12", COMMAND, file.name)


CODE = _code()


def create_input(name: str) -> AgentRuntimeCreateInput:
    return AgentRuntimeCreateInput(agent_runtime_name=name, description="compat", code_configuration=CODE)


def check_created(runtime: AgentRuntime, name: str) -> None:
    equal(runtime.agent_runtime_name, name, "create: agent_runtime_name")
    equal(runtime.status, "CREATING", "create: status")
    check(runtime.agent_runtime_id, "create: no agent_runtime_id")
    equal(runtime.artifact_type, "Code", "create: artifact_type inferred from the code configuration")
    equal((runtime.cpu, runtime.memory, runtime.port), (2, 4096, 9000), "create: the SDK defaults")
    equal(runtime.session_concurrency_limit_per_instance, 1, "create: sessionConcurrencyLimitPerInstance")
    for stamp in (runtime.created_at, runtime.last_updated_at):
        datetime.strptime(stamp or "", "%Y-%m-%dT%H:%M:%S.%f%z")  # the form the SDK's end-to-end tests parse


def check_updated(runtime: AgentRuntime) -> None:
    equal(runtime.description, "changed", "update: description")
    command = runtime.code_configuration.command if runtime.code_configuration else None
    equal(command, COMMAND, "update: the code configuration is kept (PUT merges)")
    equal(runtime.status, "UPDATING", "update: status")


async def bounded(call: Awaitable[T], what: str) -> T:
    """`call`, which the SDK would let run for ever if the server misbehaved, with a deadline."""
    try:
        return await asyncio.wait_for(call, LOOP_TIMEOUT)
    except TimeoutError:
        raise ScenarioFailure(f"{what} did not return within {LOOP_TIMEOUT} s") from None


def publish_version(runtime_id: str) -> None:
    request = PublishRuntimeVersionRequest(body=PublishRuntimeVersionInput(description="v1"))
    tea_client().publish_runtime_version(runtime_id, request)


def sync_part(summary: Summary) -> None:
    name = unique("ar-sync")
    runtime = AgentRuntime.create(create_input(name))
    check_created(runtime, name)
    ready = StatusLog()
    start = time.monotonic()
    runtime.wait_until_ready_or_failed(callback=ready)  # the default 5 s interval
    ready_seconds = elapsed(start)
    equal(runtime.status, "READY", "wait_until_ready_or_failed: status")
    runtime.update(AgentRuntimeUpdateInput(description="changed"))
    check_updated(runtime)
    runtime.wait_until_ready_or_failed(interval_seconds=1)
    equal(runtime.status, "READY", "wait after update: status")

    endpoint = runtime.create_endpoint(AgentRuntimeEndpointCreateInput(agent_runtime_endpoint_name="ep1"))
    equal((endpoint.target_version, endpoint.agent_runtime_id), ("LATEST", runtime.agent_runtime_id), "endpoint")
    url = f"/agent-runtimes/{name}/endpoints/ep1"
    check(url in (endpoint.endpoint_public_url or ""), f"endpoint_public_url {endpoint.endpoint_public_url}")
    endpoint.wait_until_ready_or_failed(interval_seconds=1)
    equal(endpoint.status, "READY", "endpoint wait_until_ready_or_failed: status")
    endpoints = [e.agent_runtime_endpoint_id for e in runtime.list_endpoints()]
    equal(endpoints, [endpoint.agent_runtime_endpoint_id], "list_endpoints")
    publish_version(str(runtime.agent_runtime_id))
    versions = [(v.agent_runtime_version, v.description) for v in runtime.list_versions()]
    equal(versions, [("1", "v1")], "list_versions")

    prefix = unique("ar-list")
    batch = [AgentRuntime.create(create_input(f"{prefix}-{i}")) for i in range(3)]
    listed = sorted(str(r.agent_runtime_name) for r in AgentRuntime.list_all(agent_runtime_name=prefix))
    equal(listed, [f"{prefix}-{i}" for i in range(3)], "list_all(agent_runtime_name)")
    duplicate = raises(ResourceAlreadyExistError, lambda: AgentRuntime.create(create_input(name)), "duplicate create")

    start = time.monotonic()
    runtime.delete()
    delete_seconds = elapsed(start)
    statuses: list[str | None] = []
    deadline = time.monotonic() + GONE_TIMEOUT
    while True:
        try:
            statuses.append(AgentRuntime.get_by_id(str(runtime.agent_runtime_id)).status)
        except ResourceNotExistError:
            break
        check(time.monotonic() < deadline, f"runtime still there {GONE_TIMEOUT} s after delete(): {statuses}")
        time.sleep(0.05)
    check(set(statuses) <= {"DELETING"}, f"get after delete(): {statuses}")
    for other in batch:
        other.delete()
    missing = raises(ResourceNotExistError, lambda: AgentRuntime.get_by_id("ar-missing"), "get of a missing id")
    summary.update(
        ready_polls=ready.seen,
        ready_default_interval_seconds=ready_seconds,
        endpoints=len(endpoints),
        versions=versions,
        listed=len(listed),
        duplicate_error=type(duplicate).__name__,
        delete_seconds=delete_seconds,
        statuses_after_delete=sorted({str(s) for s in statuses}),
        missing_error=type(missing).__name__,
    )


async def async_part(summary: Summary) -> None:
    name = unique("ar-async")
    runtime = await AgentRuntime.create_async(create_input(name))
    check_created(runtime, name)
    ready = StatusLog()
    await runtime.wait_until_ready_or_failed_async(callback=ready, interval_seconds=1)
    equal(runtime.status, "READY", "wait_until_ready_or_failed_async: status")
    await runtime.update_async(AgentRuntimeUpdateInput(description="changed"))
    check_updated(runtime)
    endpoint = await runtime.create_endpoint_async(AgentRuntimeEndpointCreateInput(agent_runtime_endpoint_name="ep1"))
    await endpoint.wait_until_ready_or_failed_async(interval_seconds=1)
    equal(endpoint.status, "READY", "endpoint wait_until_ready_or_failed_async: status")
    endpoints = [e.agent_runtime_endpoint_id for e in await runtime.list_endpoints_async()]
    equal(endpoints, [endpoint.agent_runtime_endpoint_id], "list_endpoints_async")
    await asyncio.to_thread(publish_version, str(runtime.agent_runtime_id))
    versions = [(v.agent_runtime_version, v.description) for v in await runtime.list_versions_async()]
    equal(versions, [("1", "v1")], "list_versions_async")

    prefix = unique("ar-page")
    count = PAGE_SIZE + 1
    # One at a time: the official async transport builds two SSL contexts (loading the CA bundles) per request on the
    # event loop and gives the connection 0.6 s, so with many requests in flight the later connections time out in
    # the client, whatever the server (seen with 51 at once, and with 4 at once on a loaded machine).
    batch = [await AgentRuntime.create_async(create_input(f"{prefix}-{i:02}")) for i in range(count)]
    # list_all stops at the first short page only: a server ignoring pageNumber would make it loop for ever.
    found = await bounded(AgentRuntime.list_all_async(agent_runtime_name=prefix), "list_all_async")
    listed = sorted(str(r.agent_runtime_name) for r in found)
    equal(listed, [f"{prefix}-{i:02}" for i in range(count)], "list_all_async over two pages")

    start = time.monotonic()
    # delete() polls the endpoint list with no timeout until it is empty.
    await bounded(runtime.delete_async(), "delete_async()")
    delete_seconds = elapsed(start)
    deadline = time.monotonic() + GONE_TIMEOUT
    while True:
        try:
            status = (await AgentRuntime.get_by_id_async(str(runtime.agent_runtime_id))).status
        except ResourceNotExistError:
            break
        equal(status, "DELETING", "get_by_id_async after delete_async(): status")
        check(time.monotonic() < deadline, f"runtime still there {GONE_TIMEOUT} s after delete_async()")
        await asyncio.sleep(0.05)
    check(len(batch) == count, "the paging batch was not created")  # left in place: the server is thrown away
    missing = await raises_async(
        ResourceNotExistError, lambda: AgentRuntime.get_by_id_async("ar-missing"), "get of a missing id"
    )
    summary.update(
        ready_polls=ready.seen,
        endpoints=len(endpoints),
        versions=versions,
        listed=len(listed),
        delete_seconds=delete_seconds,
        missing_error=type(missing).__name__,
    )


if __name__ == "__main__":
    run("agent_runtimes", sync_part, async_part)
