"""`client.tools.sandbox_tools(template)`: the code-interpreter tool set as ToolFunctions with an async call, against
a real AgentRun Local and real sandboxes. The sandbox is created by the first call, reused, and deleted on close,
cancellation included; bad arguments are typed errors; the blocking twin does the same."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import pytest
from local_helpers import unique

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.sandbox import IsolationUnavailable, SandboxEngine
from agentrun.sync import AgentRun


@pytest.fixture(scope="module")
async def template(local: LocalServer, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    try:
        await SandboxEngine(tmp_path_factory.mktemp("probe")).isolation()
    except IsolationUnavailable as exc:
        pytest.skip(str(exc))
    name = unique("tpl")
    await local.client.templates.create(name, network={"networkMode": "PRIVATE"})
    yield name


async def _sandbox_ids(client: AsyncAgentRun, template: str) -> list[str]:
    return [s.id async for s in client.sandboxes.list(template_name=template) if s.status not in ("DELETED",)]


async def test_the_set_describes_five_typed_functions(client: AsyncAgentRun, template: str) -> None:
    async with client.tools.sandbox_tools(template) as tools:
        assert [t.name for t in tools] == ["run_code", "read_file", "write_file", "list_files", "run_command"]
        run_code = tools.get("run_code")
        assert run_code.input_schema["required"] == ["code"]
        assert run_code.to_openai_function()["function"]["parameters"]["properties"]["code"]["type"] == "string"
        assert tools.get("write_file").to_anthropic_tool()["input_schema"]["required"] == ["path", "content"]
        assert tools.sandbox is None  # nothing created until a call


async def test_calls_share_one_lazily_created_sandbox_deleted_on_close(client: AsyncAgentRun, template: str) -> None:
    tools = client.tools.sandbox_tools(template)
    async with tools:
        first = await tools.get("run_code").call({"code": "x = 20\nprint('hi')"})
        assert first.body["stdout"] == "hi\n" and not first.is_error
        second = await tools.call("run_code", {"code": "x * 2 + 2"})  # the context keeps x
        assert second.body["results"][0]["text"] == "42"
        written = await tools.call("write_file", {"path": "notes/a.txt", "content": "héllo"})
        assert written.body["bytes"] == len("héllo".encode())
        assert (await tools.call("read_file", {"path": "notes/a.txt"})).body == "héllo"
        listed = await tools.call("list_files", {"path": "notes"})
        assert [(e["name"], e["type"]) for e in listed.body] == [("a.txt", "file")]
        ran = await tools.call("run_command", {"command": "cat notes/a.txt; exit 3"})
        assert ran.body == {"stdout": "héllo", "stderr": "", "exit_code": 3} and ran.is_error
        failed = await tools.call("run_code", {"code": "1/0"})
        assert failed.is_error and failed.body["error"]["name"] == "ZeroDivisionError"
        assert tools.sandbox is not None
        sandbox_id = tools.sandbox.id
        assert sandbox_id in await _sandbox_ids(client, template)
    assert sandbox_id not in await _sandbox_ids(client, template)
    with pytest.raises(errors.InvalidArgumentError, match="closed"):
        await tools.call("run_code", {"code": "1"})


async def test_bad_arguments_are_typed_errors_before_any_sandbox_starts(client: AsyncAgentRun, template: str) -> None:
    async with client.tools.sandbox_tools(template) as tools:
        with pytest.raises(errors.InvalidArgumentError, match="needs the argument 'code'"):
            await tools.call("run_code", {})
        with pytest.raises(errors.InvalidArgumentError, match="must be a string"):
            await tools.call("read_file", {"path": 3})
        with pytest.raises(errors.InvalidArgumentError, match="no argument 'cmd'"):
            await tools.call("run_command", {"cmd": "ls"})
        with pytest.raises(errors.InvalidArgumentError, match="one of"):
            await tools.call("run_code", {"code": "1", "language": "cobol"})
        with pytest.raises(errors.InvalidArgumentError, match="no sandbox tool"):
            await tools.call("rm_rf", {})
        assert tools.sandbox is None
    with pytest.raises(errors.NotFoundError):
        async with client.tools.sandbox_tools(template) as tools:
            await tools.call("read_file", {"path": "/home/user/missing.txt"})


async def test_cancelling_the_first_call_leaves_no_sandbox(client: AsyncAgentRun, template: str) -> None:
    before = set(await _sandbox_ids(client, template))
    tools = client.tools.sandbox_tools(template)
    with anyio.move_on_after(2):
        async with tools:
            await tools.call("run_code", {"code": "import time; time.sleep(30)", "timeout": 60})
    assert tools.sandbox is None
    assert set(await _sandbox_ids(client, template)) == before


async def test_the_blocking_twin(local: LocalServer, template: str) -> None:
    def scenario() -> str:
        with AgentRun(local.client.config) as client, client.tools.sandbox_tools(template) as tools:
            result = tools.call("run_command", {"command": "echo $((6 * 7))"})
            assert result.body["stdout"] == "42\n"
            assert tools.get("run_code").call({"code": "print(1 + 1)"}).body["stdout"] == "2\n"
            assert tools.sandbox is not None
            return tools.sandbox.id

    sandbox_id = await anyio.to_thread.run_sync(scenario)
    assert sandbox_id not in await _sandbox_ids(local.client, template)
