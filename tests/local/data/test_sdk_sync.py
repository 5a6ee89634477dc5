"""The blocking twin (`agentrun.sync.AgentRun`) of the sandbox API, end to end: it is generated from the async
source, so this checks that the generated code runs, not each behaviour again. It runs in a worker thread: the
server lives on this test's event loop."""

from __future__ import annotations

import io
import os
from pathlib import Path

import anyio
import pytest

from agentrun import errors
from agentrun.local import LocalServer

pytestmark = pytest.mark.usefixtures("isolation_available")


async def test_the_blocking_api_runs_commands(local: LocalServer, template: str) -> None:
    from agentrun.sync import AgentRun
    from agentrun.sync.sandbox.commands import Exit

    def scenario() -> None:
        with AgentRun(local.client.config) as client, client.sandboxes.create(template) as sandbox:
            printed: list[str] = []
            result = sandbox.commands.run("echo hi; exit 3", on_stdout=printed.append)
            assert (result.stdout, result.exit_code, printed) == ("hi\n", 3, ["hi\n"])
            with pytest.raises(errors.CommandExitError):
                sandbox.commands.run("exit 3", check=True)
            assert list(sandbox.commands.stream("echo a"))[-1] == Exit(0)
            handle = sandbox.commands.start("cat")
            handle.send_stdin("echo\n", eof=True)
            assert handle.wait().stdout == "echo\n"
            assert handle.pid in {p.pid for p in sandbox.commands.list()}

    await anyio.to_thread.run_sync(scenario)


async def test_the_blocking_api_runs_code_and_files(local: LocalServer, template: str, tmp_path: Path) -> None:
    from agentrun.sync import AgentRun
    from agentrun.sync.sandbox.execution import End, Stdout

    def scenario() -> str:
        with AgentRun(local.client.config) as client:
            with client.sandboxes.create(template, idle_timeout=120) as sandbox:
                printed: list[str] = []
                execution = sandbox.run_code("print('hi')\n40 + 2", on_stdout=printed.append)
                assert execution.text == "42" and "".join(printed) == "hi\n"
                context = sandbox.create_context()
                sandbox.run_code("x = 1", context=context)
                assert sandbox.run_code("x + 1", context=context).text == "2"
                events = list(sandbox.run_code_stream("print('streamed')"))
                assert events[0] == Stdout("streamed\n") and isinstance(events[-1], End)
                with pytest.raises(errors.InvalidArgumentError, match="async"):

                    async def not_here(_: str) -> None:
                        pass

                    sandbox.run_code("print(1)", on_stdout=not_here)

                sandbox.files.write("/home/user/s.txt", "sync")
                assert sandbox.files.read("/home/user/s.txt") == "sync"
                local_file = tmp_path / "up.bin"
                local_file.write_bytes(os.urandom(700_000))
                assert sandbox.files.write("/home/user/up.bin", local_file) == 700_000
                assert sandbox.files.write("/home/user/it.bin", iter([b"ab", b"cd"])) == 4
                assert sandbox.files.write("/home/user/fo.bin", io.BytesIO(b"xyz")) == 3
                assert sandbox.files.read_bytes("/home/user/it.bin") == b"abcd"
                assert sandbox.files.download_to("/home/user/up.bin", tmp_path / "down.bin") == 700_000
                assert (tmp_path / "down.bin").read_bytes() == local_file.read_bytes()
                assert {e.name for e in sandbox.files.list()} >= {"s.txt", "up.bin", "it.bin", "fo.bin"}

                sandbox_id = sandbox.id
            with pytest.raises(errors.NotFoundError):
                client.sandboxes.get(sandbox_id)
            return sandbox_id

    assert await anyio.to_thread.run_sync(scenario)
