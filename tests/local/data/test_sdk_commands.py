"""`sandbox.commands` against AgentRun Local: run (streamed, and from a JSON answer), stream, background processes
with stdin, output replay, wait and kill."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import anyio
import anyio.lowlevel
import pytest
from sdk_helpers import FaultInjectingProxy, answering_json, eventually

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.sandbox import Exit, Sandbox
from agentrun.sandbox.commands import ProcessEvent
from agentrun.sandbox.execution import Stderr, Stdout

pytestmark = pytest.mark.usefixtures("isolation_available")


@pytest.fixture(scope="module")
async def sandbox(client: AsyncAgentRun, template: str) -> AsyncIterator[Sandbox]:
    async with await client.sandboxes.create(template) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
async def json_sandbox(local: LocalServer, sandbox: Sandbox) -> AsyncIterator[tuple[Sandbox, FaultInjectingProxy]]:
    async with answering_json(local, sandbox) as view:
        yield view


def joined(events: list[ProcessEvent]) -> tuple[str, str, Any]:
    out = "".join(e.text for e in events if isinstance(e, Stdout))
    err = "".join(e.text for e in events if isinstance(e, Stderr))
    exits = [e for e in events if isinstance(e, Exit)]
    assert len(exits) == 1 and events[-1] is exits[0]
    return out, err, exits[0].exit_code


async def test_run_returns_output_and_a_non_zero_exit_code_without_raising(sandbox: Sandbox) -> None:
    result = await sandbox.commands.run("echo out; echo err >&2; exit 3")
    assert (result.stdout, result.stderr, result.exit_code) == ("out\n", "err\n", 3)


async def test_run_with_check_raises_on_a_non_zero_exit(sandbox: Sandbox) -> None:
    with pytest.raises(errors.CommandExitError, match="exited with code 2: boom") as raised:
        await sandbox.commands.run("echo partial; echo boom >&2; exit 2", check=True)
    assert (raised.value.exit_code, raised.value.stdout, raised.value.stderr) == (2, "partial\n", "boom\n")
    assert (await sandbox.commands.run("true", check=True)).exit_code == 0


async def test_run_honours_cwd(sandbox: Sandbox) -> None:
    assert (await sandbox.commands.run("pwd", cwd="/tmp")).stdout == "/tmp\n"


async def test_run_callbacks_may_be_plain_or_async(sandbox: Sandbox) -> None:
    out: list[str] = []
    err: list[str] = []

    async def on_stderr(text: str) -> None:
        await anyio.lowlevel.checkpoint()
        err.append(text)

    result = await sandbox.commands.run("echo a; echo b >&2; echo c", on_stdout=out.append, on_stderr=on_stderr)
    assert "".join(out) == result.stdout == "a\nc\n"
    assert "".join(err) == result.stderr == "b\n"


async def test_a_timeout_kills_the_command_and_raises_with_the_output_so_far(sandbox: Sandbox) -> None:
    with pytest.raises(errors.ExecutionTimeoutError, match="timeout of 1s") as raised:
        await sandbox.commands.run("echo before; sleep 60", timeout=1)
    assert raised.value.result.stdout == "before\n"


async def test_stream_yields_output_as_it_is_produced(sandbox: Sandbox) -> None:
    """The command prints, then waits for a file the test writes only after it got that print."""
    command = "echo waiting; while [ ! -e /home/user/cmd-go ]; do sleep 0.01; done; echo released >&2"
    events: list[ProcessEvent] = []
    async for event in sandbox.commands.stream(command, timeout=60):
        events.append(event)
        if event == Stdout("waiting\n"):
            await sandbox.files.write("/home/user/cmd-go", "")
    assert joined(events) == ("waiting\n", "released\n", 0)


async def test_leaving_a_stream_early_stops_the_command(sandbox: Sandbox) -> None:
    command = "echo started; while true; do date +%s%N >> /home/user/ticks; sleep 0.01; done"
    async with contextlib.aclosing(sandbox.commands.stream(command, timeout=300)) as events:
        async for event in events:
            assert event == Stdout("started\n")
            break

    async def stopped() -> bool:
        ours = [p for p in await sandbox.commands.list() if "ticks" in (p.command or "")]
        return len(ours) == 1 and ours[0].status == "killed"

    assert await eventually(stopped)
    size = (await sandbox.files.stat("/home/user/ticks")).size
    await sandbox.commands.run("sleep 0.2")
    assert (await sandbox.files.stat("/home/user/ticks")).size == size


async def test_a_background_process_reads_stdin_and_is_waited_for(sandbox: Sandbox) -> None:
    handle = await sandbox.commands.start("cat; echo done >&2", cwd="/tmp")
    info = await handle.info()
    assert info.pid == handle.pid and info.status == "running" and info.cwd == "/tmp"
    assert handle.pid in {p.pid for p in await sandbox.commands.list()}
    await handle.send_stdin("hello ")
    await handle.send_stdin("world\n")
    await handle.close_stdin()
    seen: list[str] = []
    result = await handle.wait(on_stdout=seen.append)
    assert (result.stdout, result.stderr, result.exit_code) == ("hello world\n", "done\n", 0)
    assert "".join(seen) == "hello world\n"
    assert (await sandbox.commands.get(handle.pid)).exit_code == 0


async def test_output_replays_from_the_start_and_connect_finds_the_process(sandbox: Sandbox) -> None:
    handle = await sandbox.commands.start("echo first; read line; echo got $line", env={"UNUSED": "1"})
    async with contextlib.aclosing(handle.output()) as events:
        async for event in events:
            assert event == Stdout("first\n")
            break
    again = sandbox.commands.connect(handle.pid)
    await again.send_stdin("x\n", eof=True)
    events = [e async for e in again.output()]
    assert joined(events) == ("first\ngot x\n", "", 0)


async def test_stdin_takes_bytes_exactly(sandbox: Sandbox) -> None:
    handle = await sandbox.commands.start("od -An -tx1")
    await handle.send_stdin(b"\x00\xff\n", eof=True)
    assert (await handle.wait()).stdout.split() == ["00", "ff", "0a"]


async def test_writing_to_an_exited_process_raises_conflict(sandbox: Sandbox) -> None:
    handle = await sandbox.commands.start("true")
    await handle.wait()
    with pytest.raises(errors.ConflictError):
        await handle.send_stdin("late")


async def test_start_passes_the_environment(sandbox: Sandbox) -> None:
    handle = await sandbox.commands.start("echo $GREETING", env={"GREETING": "hi there"})
    assert (await handle.wait()).stdout == "hi there\n"


async def test_kill_ends_a_process_and_its_group(sandbox: Sandbox) -> None:
    handle = await sandbox.commands.start("sleep 300 & sleep 300; wait")
    await handle.kill()
    result = await handle.wait()
    assert result.exit_code is not None and result.exit_code < 0
    assert (await handle.info()).status == "killed"
    with pytest.raises(errors.CommandExitError):
        await sandbox.commands.connect(handle.pid).wait(check=True)


async def test_unknown_pids_raise_not_found(sandbox: Sandbox) -> None:
    with pytest.raises(errors.NotFoundError):
        await sandbox.commands.get(999_999)
    with pytest.raises(errors.NotFoundError):
        await sandbox.commands.kill(999_999)


async def test_run_and_stream_work_the_same_on_a_json_answer(
    sandbox: Sandbox, json_sandbox: tuple[Sandbox, FaultInjectingProxy]
) -> None:
    fallback, proxy = json_sandbox
    answered = len(proxy.json_answers)
    command = "echo out; echo err >&2; exit 4"
    seen: list[str] = []
    result = await fallback.commands.run(command, on_stdout=seen.append)
    assert (result.stdout, result.stderr, result.exit_code) == ("out\n", "err\n", 4) and seen == ["out\n"]
    replayed = [e async for e in fallback.commands.stream(command)]
    streamed = [e async for e in sandbox.commands.stream(command)]
    assert joined(replayed) == joined(streamed) == ("out\n", "err\n", 4)
    assert proxy.json_answers[answered:] == ["application/json", "application/json"]
    with pytest.raises(errors.ExecutionTimeoutError):
        await fallback.commands.run("echo a; sleep 60", timeout=1)


async def test_a_chunk_that_is_not_utf8_carries_its_exact_bytes(sandbox: Sandbox) -> None:
    events = [event async for event in sandbox.commands.stream("printf 'A\\377B'; printf ok")]
    chunks = [event for event in events if isinstance(event, Stdout)]
    # The text shows the byte as an escape (A\xffB); only `data` has it as sent.
    assert b"".join(chunk.data or chunk.text.encode() for chunk in chunks) == b"A\xffBok"
    assert all(chunk.dropped == 0 for chunk in chunks)
