"""The SDK's sandbox lifecycle against AgentRun Local: create on the data plane, `async with` deleting the sandbox on
every path, connect, health, and bad arguments rejected before any request."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import pytest
from sdk_helpers import FaultInjectingProxy, proxied_client

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.sandbox import Sandbox

pytestmark = pytest.mark.usefixtures("isolation_available")


@pytest.fixture
async def proxy(local: LocalServer) -> AsyncIterator[FaultInjectingProxy]:
    proxy = FaultInjectingProxy(local)
    yield proxy
    await proxy.aclose()


async def gone(client: AsyncAgentRun, sandbox_id: str) -> bool:
    try:
        await client.sandboxes.get(sandbox_id)
    except errors.NotFoundError:
        return True
    return False


async def test_create_returns_a_ready_sandbox_with_the_idle_timeout_asked_for(
    client: AsyncAgentRun, template: str
) -> None:
    sandbox = await client.sandboxes.create(template, idle_timeout=321)
    try:
        assert sandbox.is_running
        assert sandbox.sandbox_idle_timeout_seconds == 321
        assert sandbox.template_name == template
        assert await sandbox.health() is True
        assert await sandbox.wait_until_ready() is sandbox
    finally:
        await sandbox.delete()
    assert await gone(client, sandbox.id)


async def test_async_with_deletes_the_sandbox_when_the_block_ends(client: AsyncAgentRun, template: str) -> None:
    async with await client.sandboxes.create(template) as sandbox:
        assert (await client.sandboxes.get(sandbox.id)).is_running
    assert await gone(client, sandbox.id)


async def test_async_with_deletes_the_sandbox_when_the_block_raises(client: AsyncAgentRun, template: str) -> None:
    created: list[Sandbox] = []
    with pytest.raises(ZeroDivisionError):
        async with await client.sandboxes.create(template) as sandbox:
            created.append(sandbox)
            1 / 0  # noqa: B018
    assert await gone(client, created[0].id)


async def test_async_with_deletes_the_sandbox_when_the_task_is_cancelled(client: AsyncAgentRun, template: str) -> None:
    created: list[Sandbox] = []
    with anyio.CancelScope() as scope:
        async with await client.sandboxes.create(template) as sandbox:
            created.append(sandbox)
            scope.cancel()
            await anyio.sleep_forever()
    assert scope.cancelled_caught
    assert await gone(client, created[0].id)


async def test_leaving_async_with_after_deleting_inside_it_is_fine(client: AsyncAgentRun, template: str) -> None:
    async with await client.sandboxes.create(template) as sandbox:
        await sandbox.kill()
    assert await gone(client, sandbox.id)


async def test_connect_finds_a_sandbox_by_id_and_resumes_a_paused_one(client: AsyncAgentRun, template: str) -> None:
    async with await client.sandboxes.create(template) as sandbox:
        connected = await client.sandboxes.connect(sandbox.id)
        assert connected.id == sandbox.id and connected.is_running
        await sandbox.pause()
        assert str(sandbox.status) == "PAUSED"
        resumed = await client.sandboxes.connect(sandbox.id)
        assert resumed.is_running
        assert (await resumed.run_code("6 * 7")).text == "42"


async def test_a_sandbox_that_never_gets_ready_is_deleted_before_create_raises(
    local: LocalServer, client: AsyncAgentRun, template: str
) -> None:
    proxy = FaultInjectingProxy(local, unhealthy=True)
    async with proxied_client(local, proxy) as unhealthy_client:
        with pytest.raises(errors.WaitTimeoutError, match=r"not ready within 0.5s .* deleted; pass a larger ready_tim"):
            await unhealthy_client.sandboxes.create(template, ready_timeout=0.5)
    await proxy.aclose()
    assert len(set(proxy.health_checked)) == 1
    assert await gone(client, proxy.health_checked[0])


async def test_a_create_cancelled_while_waiting_for_ready_deletes_the_sandbox(
    local: LocalServer, client: AsyncAgentRun, template: str
) -> None:
    proxy = FaultInjectingProxy(local, unhealthy=True)
    async with proxied_client(local, proxy) as unhealthy_client, anyio.create_task_group() as tg:
        tg.start_soon(unhealthy_client.sandboxes.create, template)
        await proxy.health_asked.wait()
        tg.cancel_scope.cancel()
    await proxy.aclose()
    assert await gone(client, proxy.health_checked[0])


async def test_create_with_an_unknown_template_raises_not_found(client: AsyncAgentRun) -> None:
    with pytest.raises(errors.NotFoundError):
        await client.sandboxes.create("no-such-template")


async def test_work_in_a_deleted_sandbox_raises_not_found_saying_so(client: AsyncAgentRun, template: str) -> None:
    sandbox = await client.sandboxes.create(template)
    await sandbox.delete()
    with pytest.raises(errors.NotFoundError, match="does not exist"):
        await sandbox.run_code("1")
    with pytest.raises(errors.NotFoundError):
        await sandbox.files.read("/home/user/x")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.run_code(""), "code must be a non-empty string"),
        (lambda s: s.run_code("  \n"), "code must be a non-empty string"),
        (lambda s: s.run_code("1", timeout=-1), "timeout must be a positive number"),
        (lambda s: s.run_code("1", timeout=0), "timeout must be a positive number"),
        (lambda s: s.run_code("1", language="ruby"), "unknown language 'ruby'; use one of python, javascript"),
        (lambda s: s.create_context(language="cobol"), "unknown language"),
        (lambda s: s.run_code("1", context=""), "context must be a non-empty string"),
        (lambda s: s.files.read(""), "path must be a non-empty string"),
        (lambda s: s.files.write("/home/user/x", 42), "cannot upload a int"),
        (lambda s: s.files.list(depth=0), "depth must be a whole number of at least 1"),
        (lambda s: s.commands.run(""), "cmd must be a non-empty string"),
        (lambda s: s.commands.run("ls", timeout=-5), "timeout must be a positive number"),
        (lambda s: s.commands.get(0), "pid must be a whole number of at least 1"),
        (lambda s: s.commands.send_stdin(1, 5), "data must be str or bytes"),
        (lambda s: s.commands.start("sleep 1", env={"A": 1}), "env must map names to string values"),
    ],
)
async def test_bad_arguments_are_rejected_before_any_request(
    local: LocalServer, template: str, proxy: FaultInjectingProxy, call, message: str
) -> None:
    async with proxied_client(local, proxy) as client, await client.sandboxes.create(template) as sandbox:
        sent = len(proxy.requests)
        with pytest.raises(errors.InvalidArgumentError, match=message):
            await call(sandbox)
        assert len(proxy.requests) == sent


async def test_create_rejects_a_bad_idle_timeout_before_any_request(
    local: LocalServer, template: str, proxy: FaultInjectingProxy
) -> None:
    async with proxied_client(local, proxy) as client:
        for bad in (0, -1, 1.5, True):
            with pytest.raises(errors.InvalidArgumentError, match="idle_timeout"):
                await client.sandboxes.create(template, idle_timeout=bad)  # type: ignore[arg-type]
    assert proxy.requests == []
