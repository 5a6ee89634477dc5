"""The SDK's side of agent runtimes against a real AgentRun Local: `agent_runtimes.deploy` packages a folder (its
ignore file honoured), creates or updates the runtime and waits until READY; `runtime.invoke` / `invoke_stream`
answer with the model gateway's typed completions and chunks (openapi/data.yaml, InvokeAgentRuntimeChatCompletion);
the blocking API does the same."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import anyio
import pytest
from local_helpers import unique
from runtime_packages import AGENT

from agentrun import errors
from agentrun.agent_runtime.packaging import package_folder
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.model import ChatCompletion, ChatCompletionChunk

HELLO = [{"role": "user", "content": "one two three"}]


def agent_folder(root: Path, *, said: str = "you said: ") -> Path:
    """An agent's folder as an author has it: the code, an ignore file, and what must not be deployed."""
    folder = root / "my-agent"
    (folder / "__pycache__").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "data").mkdir()
    (folder / "lib").mkdir()
    (folder / "main.py").write_text(AGENT.replace('"you said: "', repr(said)))
    (folder / "lib" / "helper.py").write_text("X = 1\n")
    (folder / "lib" / "notes.log").write_text("log\n")
    (folder / "__pycache__" / "main.cpython-311.pyc").write_bytes(b"\0")
    (folder / ".git" / "config").write_text("[core]\n")
    (folder / "data" / "big.csv").write_text("a,b\n")
    (folder / "secret.env").write_text("KEY=1\n")
    (folder / "keep.log").write_text("kept\n")
    (folder / ".agentrunignore").write_text("# not deployed\nsecret.env\n*.log\n!/keep.log\ndata/\n")
    return folder


def test_a_folder_is_packaged_without_what_its_ignore_file_names(tmp_path: Path) -> None:
    package = package_folder(agent_folder(tmp_path))
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        names = sorted(archive.namelist())
    assert names == [".agentrunignore", "keep.log", "lib/helper.py", "main.py"]
    assert package.files == 4 and int(package.checksum) > 0


async def test_deploy_then_invoke_and_stream(client: AsyncAgentRun, tmp_path: Path) -> None:
    steps: list[str] = []
    name = unique("ar-sdk")
    runtime = await client.agent_runtimes.deploy(agent_folder(tmp_path), name, on_progress=steps.append)
    assert str(runtime.status) == "READY" and runtime.name == name
    assert steps[0].startswith("packaging") and "packaged 4 files" in steps[1] and steps[-1].startswith("ready")

    completion = await runtime.invoke(HELLO)
    assert isinstance(completion, ChatCompletion) and completion.text == "you said: one two three"
    assert completion.model == name  # the runtime's name is sent as the model, as the official SDK does

    chunks = [chunk async for chunk in runtime.invoke_stream(HELLO, session_id="s-1")]
    assert len(chunks) == 5 and all(isinstance(chunk, ChatCompletionChunk) for chunk in chunks)
    assert "".join(chunk.text for chunk in chunks) == "you said: one two three "
    async with client.agent_runtimes.invoke_stream(name, HELLO) as stream:
        assert (await stream.final_completion()).text == "you said: one two three "


async def test_deploying_again_updates_the_code(client: AsyncAgentRun, tmp_path: Path) -> None:
    name = unique("ar-sdk-up")
    first = await client.agent_runtimes.deploy(agent_folder(tmp_path / "v1"), name)
    assert (await first.invoke(HELLO)).text == "you said: one two three"
    second = await client.agent_runtimes.deploy(agent_folder(tmp_path / "v2", said="v2 heard: "), name)
    assert second.id == first.id and str(second.status) == "READY"
    assert (await second.invoke(HELLO)).text == "v2 heard: one two three"


async def test_deploy_and_invoke_say_what_is_wrong(client: AsyncAgentRun, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "server.py").write_text("")
    with pytest.raises(errors.InvalidArgumentError, match=r"pass command=\[\.\.\.\]"):
        await client.agent_runtimes.deploy(tmp_path / "empty", unique("ar-sdk-bad"))
    with pytest.raises(errors.InvalidArgumentError, match="no such folder or zip file"):
        await client.agent_runtimes.deploy(tmp_path / "absent", unique("ar-sdk-bad"))
    broken = agent_folder(tmp_path)
    (broken / "requirements.txt").write_text("./no-such-1.0-py3-none-any.whl\n")
    with pytest.raises(errors.ResourceFailedError, match=r"no-such-1\.0-py3-none-any\.whl"):
        await client.agent_runtimes.deploy(broken, unique("ar-sdk-fail"))
    with pytest.raises(errors.NotFoundError):
        await client.agent_runtimes.invoke(unique("ar-absent"), HELLO)


async def test_the_blocking_api_deploys_and_invokes(local: LocalServer, tmp_path: Path) -> None:
    from agentrun.sync import AgentRun

    folder = agent_folder(tmp_path)
    name = unique("ar-sdk-sync")

    def scenario() -> None:
        with AgentRun(local.client.config) as client:
            runtime = client.agent_runtimes.deploy(folder, name)
            assert str(runtime.status) == "READY"
            assert runtime.invoke(HELLO).text == "you said: one two three"
            chunks = list(runtime.invoke_stream(HELLO))
            assert [chunk.text for chunk in chunks] == ["you ", "said: ", "one ", "two ", "three "]

    await anyio.to_thread.run_sync(scenario)
