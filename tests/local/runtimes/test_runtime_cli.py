"""`agentrun runtime deploy` and `agentrun runtime invoke` as a user runs them: the entry point in a subprocess,
configured only by what `agentrun local env` prints, against a real AgentRun Local."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import anyio
import pytest
from local_helpers import unique
from test_runtime_sdk import agent_folder

from agentrun.local import LocalServer

AGENTRUN = shutil.which("agentrun", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(AGENTRUN is None, reason="the agentrun entry point is not installed")


async def agentrun(local: LocalServer, *args: str) -> tuple[int, str, str]:
    environment = {**local.env, "PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "")}
    result = await anyio.run_process([str(AGENTRUN), *args], check=False, env=environment)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


async def test_deploy_then_invoke_streams_the_answer(local: LocalServer, tmp_path: Path) -> None:
    name = unique("ar-cli")
    code, out, err = await agentrun(local, "runtime", "deploy", str(agent_folder(tmp_path)), "--name", name)
    assert code == 0, err
    assert "... packaged 4 files" in err and "... ready" in err  # progress on stderr
    url = f"{local.data_endpoint}/agent-runtimes/{name}/endpoints/Default/invocations"
    assert f"invocation URL: {url}" in out and f"curl -N {url}/openai/v1/chat/completions" in out

    code, out, err = await agentrun(local, "runtime", "invoke", name, "one two three")
    assert (code, out) == (0, "you said: one two three \n"), err
    code, out, err = await agentrun(local, "runtime", "invoke", name, "four", "--no-stream", "--session", "s-1")
    assert (code, out) == (0, "you said: four\n"), err


async def test_errors_are_one_line_and_exit_1(local: LocalServer, tmp_path: Path) -> None:
    code, _, err = await agentrun(local, "runtime", "invoke", unique("ar-cli-absent"), "hi")
    assert code == 1 and "agentrun runtime invoke:" in err and "Traceback" not in err
    code, _, err = await agentrun(local, "runtime", "deploy", str(tmp_path / "absent"), "--name", "x")
    assert code == 1 and "no such folder or zip file" in err
    code, _, err = await agentrun(local, "runtime", "deploy", str(tmp_path), "--name", "x", "--env", "oops")
    assert code == 1 and "write NAME=VALUE" in err


async def test_logs_and_follow(local: LocalServer, tmp_path: Path) -> None:
    name = unique("ar-cli-logs")
    code, _, err = await agentrun(local, "runtime", "deploy", str(agent_folder(tmp_path)), "--name", name)
    assert code == 0, err
    assert (await agentrun(local, "runtime", "invoke", name, "hello there"))[0] == 0
    code, out, err = await agentrun(local, "runtime", "logs", name)
    assert code == 0, err
    assert out.startswith("==> instance ari-") and "(RUNNING, started " in out and "request /openai/v1" in out

    environment = {**local.env, "PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "")}
    async with await anyio.open_process(
        [str(AGENTRUN), "runtime", "logs", name, "--follow"], env=environment
    ) as follower:
        assert follower.stdout is not None
        seen = b""
        with anyio.fail_after(20):
            while b"request /openai/v1" not in seen:  # the replay of what is kept
                seen += await follower.stdout.receive()
        follower.terminate()
    assert seen.startswith(b"==> instance ari-")
    code, _, err = await agentrun(local, "runtime", "logs", unique("ar-cli-absent"))
    assert code == 1 and "agentrun runtime logs:" in err and "does not exist" in err
