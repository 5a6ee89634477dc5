"""The way a deployed agent reaches AgentRun Local from inside its sandbox (local/instance_access.py): a unix socket
relayed byte for byte to the server's port. An SDK client with Config.unix_socket (AGENTRUN_UNIX_SOCKET) connects
through it, the endpoints' URLs and TLS unchanged: its own calls and the OpenAI client it makes. The endpoint's port
here has nothing listening, so an answer proves the socket carried the call."""

from __future__ import annotations

import contextlib
import dataclasses
import socket
from collections.abc import AsyncIterator

import anyio
import pytest

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.instance_access import InstanceAccess

HELLO = [{"role": "user", "content": "hi"}]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def relaying(local: LocalServer) -> AsyncIterator[InstanceAccess]:
    """The server's relay, serving while the block runs (in the test's task: a task group must be left there)."""
    relay = InstanceAccess(host="127.0.0.1", port=local.port, control_endpoint="", data_endpoint="", ca_bundle=None,
                           region="cn-hangzhou", account_id="1")  # fmt: skip
    await relay.start()
    try:
        async with anyio.create_task_group() as group:
            group.start_soon(relay.serve)
            yield relay
            group.cancel_scope.cancel()
    finally:
        await relay.aclose()
    assert relay.directory is None


async def test_a_client_with_a_unix_socket_reaches_the_server_through_it(local: LocalServer) -> None:
    async with relaying(local) as access:
        directory = access.directory
        await through_the_socket(local, access)
    assert directory is not None and not directory.exists()  # removed with the relay


async def through_the_socket(local: LocalServer, access: InstanceAccess) -> None:
    assert access.directory is not None
    unreachable = f"127.0.0.1:{closed_port()}"
    config = local.client.config
    config = dataclasses.replace(
        config,
        control_endpoint=str(config.control_endpoint).replace(f"127.0.0.1:{local.port}", unreachable),
        data_endpoint=str(config.data_endpoint).replace(f"127.0.0.1:{local.port}", unreachable),
        unix_socket=str(access.directory / "api.sock"),
    )
    async with AsyncAgentRun(config) as client:
        assert (await client.models.chat("agentrun-local-test-model", HELLO)).model == "agentrun-local-test-model"
        async with client.models.openai("agentrun-local-test-model") as openai:
            completion = await openai.chat.completions.create(model="agentrun-local-test-model", messages=HELLO)
        assert completion.model == "agentrun-local-test-model"
    async with AsyncAgentRun(dataclasses.replace(config, unix_socket=None)) as direct:
        with pytest.raises(Exception, match="onnect"):  # without the socket the endpoint is unreachable
            await direct.models.chat("agentrun-local-test-model", HELLO, options=None)
