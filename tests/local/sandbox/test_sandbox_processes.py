"""Processes in a real sandbox: output streaming and replay, stdin, exit codes, group kill, timeouts, binary output,
isolation, and cleanup on every path."""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal

import anyio
import pytest
from sandbox_helpers import alive, eventually, group_members, namespace_members, pid_namespace

from agentrun.local.sandbox import (
    InvalidArgument,
    OutputChunk,
    OutputDropped,
    ProcessExit,
    ProcessHandle,
    ProcessNotFound,
    ProcessOutput,
    SandboxEngine,
    SandboxHandle,
    StdinClosed,
)
from agentrun.local.sandbox.processes import MAX_EXITED, OUTPUT_LIMIT


async def events_of(process: ProcessHandle) -> list[ProcessOutput]:
    with anyio.fail_after(20):
        return [event async for event in process.output()]


def text_of(events: list[ProcessOutput], stream: str = "stdout") -> bytes:
    return b"".join(e.data for e in events if isinstance(e, OutputChunk) and e.stream == stream)


async def test_output_streams_while_the_process_runs(sandbox: SandboxHandle) -> None:
    """The process waits for a file the test creates only after it has received the first line."""
    go = sandbox.workspace / "go-process"
    process = await sandbox.start_process("echo ready; while [ ! -e go-process ]; do sleep 0.01; done; echo done")
    seen: list[ProcessOutput] = []
    with anyio.fail_after(20):
        async for event in process.output():
            seen.append(event)
            if event == OutputChunk("stdout", b"ready\n"):
                go.touch()
    assert seen == [OutputChunk("stdout", b"ready\n"), OutputChunk("stdout", b"done\n"), ProcessExit(0, "exited")]
    assert (process.exit_code, process.status) == (0, "exited")


async def test_stdout_and_stderr_are_kept_apart_and_exit_codes_are_reported(sandbox: SandboxHandle) -> None:
    result = await sandbox.run_command("echo out; echo err >&2; exit 3")
    assert (result.stdout, result.stderr, result.exit_code, result.timed_out) == (b"out\n", b"err\n", 3, False)
    killed = await sandbox.start_process("kill -TERM $$")
    assert await killed.wait(20) == -signal.SIGTERM
    assert killed.status == "killed"


async def test_stdin_round_trip(sandbox: SandboxHandle) -> None:
    process = await sandbox.start_process('while read line; do echo "got $line"; done; echo bye')
    reader = process.output()
    await process.write_stdin(b"one\n")
    with anyio.fail_after(20):
        assert await reader.__anext__() == OutputChunk("stdout", b"got one\n")
    await process.write_stdin(b"two\nthree\n")
    await process.close_stdin()
    rest = [event async for event in reader]
    assert text_of(rest) == b"got two\ngot three\nbye\n"
    assert rest[-1] == ProcessExit(0, "exited")
    with pytest.raises(StdinClosed):
        await process.write_stdin(b"too late\n")


async def test_large_stdin_is_written_whole(sandbox: SandboxHandle) -> None:
    """More than a pipe holds: the writer waits for the reader instead of blocking the event loop."""
    data = os.urandom(1 << 20)
    process = await sandbox.start_process("sha256sum | cut -d' ' -f1")

    async def feed() -> None:
        await process.write_stdin(data)
        await process.close_stdin()

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(feed)
        events = await events_of(process)
    assert text_of(events).strip().decode() == hashlib.sha256(data).hexdigest()


async def test_binary_output_comes_back_byte_for_byte(sandbox: SandboxHandle) -> None:
    result = await sandbox.run_command(r"printf 'a\000b\377\376\n'; head -c 300000 /dev/zero | tr '\0' x")
    assert result.stdout == b"a\x00b\xff\xfe\n" + b"x" * 300_000


async def test_kill_takes_the_whole_process_group(sandbox: SandboxHandle) -> None:
    process = await sandbox.start_process("sleep 100 & sleep 100 & echo ready; wait")
    reader = process.output()
    with anyio.fail_after(20):
        assert await reader.__anext__() == OutputChunk("stdout", b"ready\n")
    members = group_members(process.host_pid)
    assert len(members) == 3  # the shell and its two grandchildren
    assert await process.kill() == 3
    assert [event async for event in reader] == [ProcessExit(-signal.SIGKILL, "killed")]
    assert await eventually(lambda: not any(alive(pid) for pid in members))
    assert (process.exit_code, process.status) == (-signal.SIGKILL, "killed")


async def test_a_signal_of_choice_goes_to_the_group(sandbox: SandboxHandle) -> None:
    process = await sandbox.start_process(
        "trap 'echo terminated; exit 7' TERM; echo ready; while :; do sleep 0.01; done"
    )
    reader = process.output()
    with anyio.fail_after(20):
        assert await reader.__anext__() == OutputChunk("stdout", b"ready\n")
    await process.kill(signal.SIGTERM)
    assert await process.wait(20) == 7
    assert text_of([e async for e in reader]) == b"terminated\n"


async def test_a_command_that_times_out_is_killed_with_its_group(sandbox: SandboxHandle) -> None:
    result = await sandbox.run_command("echo started; sleep 60 & sleep 60", timeout=0.5)
    assert result.timed_out
    assert result.exit_code == -signal.SIGKILL
    assert result.stdout == b"started\n"
    process = sandbox.get_process(result.pid)
    assert process.status == "killed"
    assert await eventually(lambda: not group_members(process.host_pid))


async def test_cancelling_run_command_kills_the_process_group(sandbox: SandboxHandle) -> None:
    before = set(sandbox.processes)
    with anyio.move_on_after(0.5) as scope:
        await sandbox.run_command("sleep 60 & sleep 60", timeout=None)
    assert scope.cancelled_caught
    (pid,) = set(sandbox.processes) - before
    process = sandbox.get_process(pid)
    assert await process.wait(20) == -signal.SIGKILL
    assert await eventually(lambda: not group_members(process.host_pid))


async def test_processes_left_in_the_background_do_not_hold_the_command(sandbox: SandboxHandle) -> None:
    """The command is over when its shell exits, even though a background child still has its stdout; that child
    keeps running until its group is killed."""
    result = await sandbox.run_command("sleep 60 & echo now", timeout=20)
    assert (result.stdout, result.exit_code, result.timed_out) == (b"now\n", 0, False)
    process = sandbox.get_process(result.pid)
    leftovers = group_members(process.host_pid)
    assert len(leftovers) == 1
    assert await process.kill() == 1
    assert await eventually(lambda: not any(alive(pid) for pid in leftovers))


async def test_every_reader_gets_the_whole_output_even_after_the_exit(sandbox: SandboxHandle) -> None:
    process = await sandbox.start_process("for i in 1 2 3; do echo $i; echo e$i >&2; done")
    first, second = await events_of(process), await events_of(process)
    assert await process.wait(20) == 0
    late = await events_of(process)
    assert first == second == late
    assert (text_of(late), text_of(late, "stderr")) == (b"1\n2\n3\n", b"e1\ne2\ne3\n")
    assert late[-1] == ProcessExit(0, "exited")


async def test_old_output_beyond_the_buffer_is_dropped_with_a_marker(sandbox: SandboxHandle) -> None:
    total = 3 * OUTPUT_LIMIT
    process = await sandbox.start_process(f"head -c {total} /dev/zero; echo tail >&2")
    assert await process.wait(20) == 0
    events = await events_of(process)
    assert isinstance(events[0], OutputDropped) and events[0].stream == "stdout"
    kept = text_of(events)
    assert events[0].size + len(kept) == total
    assert OUTPUT_LIMIT <= len(kept) <= OUTPUT_LIMIT * 5 // 4
    assert text_of(events, "stderr") == b"tail\n"


async def test_run_command_keeps_the_tail_of_huge_output(sandbox: SandboxHandle) -> None:
    result = await sandbox.run_command("seq 1 100000", max_output=1000)
    assert len(result.stdout) == 1000
    assert result.stdout.endswith(b"99999\n100000\n")
    assert result.stdout_dropped + 1000 == len("".join(f"{i}\n" for i in range(1, 100_001)))


async def test_processes_run_inside_the_sandbox(sandbox: SandboxHandle) -> None:
    async with await anyio.create_tcp_listener(local_host="127.0.0.1") as listener:
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        connect = f"python3 -c \"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2)\""
        script = (
            "id -u; pwd; grep CapEff /proc/self/status | tr -d '\\t'; "
            "touch /usr/evil 2>/dev/null || echo usr-read-only; "
            f"{connect} 2>/dev/null || echo no-network; "
            "env | cut -d= -f1 | sort | tr '\\n' ' '"
        )
        result = await sandbox.run_command(script, timeout=20)
    lines = result.stdout.decode().splitlines()
    assert lines[:5] == ["1000", "/home/user", "CapEff:0000000000000000", "usr-read-only", "no-network"], result
    names = lines[5].split()
    assert {"HOME", "PATH", "LANG"} <= set(names)
    assert not [name for name in names if name.startswith(("AGENTRUN", "PYTEST", "SSL_"))]
    process = sandbox.get_process(result.pid)
    assert result.pid < 100 and process.host_pid != result.pid  # a pid of the sandbox's own pid namespace
    assert pid_namespace(process.host_pid) == pid_namespace(sandbox.init_pid or 0) if alive(process.host_pid) else True


async def test_cwd_and_env_apply(sandbox: SandboxHandle) -> None:
    (sandbox.workspace / "sub").mkdir(exist_ok=True)
    result = await sandbox.run_command("pwd; echo $GREETING; echo $HOME", cwd="sub", env={"GREETING": "hi there"})
    assert result.stdout == b"/home/user/sub\nhi there\n/home/user\n"
    process = sandbox.get_process(result.pid)
    assert (process.cwd, process.name) == ("/home/user/sub", "pwd")


async def test_bad_input_is_refused_with_what_to_change(sandbox: SandboxHandle) -> None:
    with pytest.raises(InvalidArgument, match="does not exist"):
        await sandbox.start_process("true", cwd="/home/user/missing")
    with pytest.raises(InvalidArgument, match="environment variable name"):
        await sandbox.start_process("true", env={"A=B": "x"})
    with pytest.raises(InvalidArgument, match="non-empty"):
        await sandbox.start_process("  ")
    with pytest.raises(InvalidArgument, match="timeout"):
        await sandbox.run_command("true", timeout=-1)
    with pytest.raises(ProcessNotFound):
        sandbox.get_process(999_999)


async def test_wait_can_time_out_and_the_process_keeps_running(sandbox: SandboxHandle) -> None:
    process = await sandbox.start_process("sleep 60")
    with pytest.raises(TimeoutError):
        await process.wait(0.1)
    assert process.status == "running" and process.exit_code is None
    assert process.started_at.endswith("+00:00")
    await process.kill()
    assert await process.wait(20) == -signal.SIGKILL


async def test_the_list_keeps_running_processes_and_the_last_exited_ones(sandbox: SandboxHandle) -> None:
    running = await sandbox.start_process("sleep 60")
    for _ in range(MAX_EXITED + 3):
        await sandbox.run_command("true")
    listed = sandbox.processes
    assert listed[running.pid] is running
    assert sum(p.exit_code is not None for p in listed.values()) == MAX_EXITED
    await running.kill()


async def test_destroying_a_sandbox_kills_its_processes_and_leaves_nothing_open(engine: SandboxEngine) -> None:
    fds_before = set(os.listdir("/proc/self/fd"))
    pumps_before = set(_output_pumps())  # other sandboxes of the session (a Local's runtimes) share this loop
    sandbox = await engine.create("process-cleanup")
    namespace = pid_namespace(sandbox.init_pid or 0)
    running = [await sandbox.start_process("sleep 60 & sleep 60") for _ in range(3)]
    ends: list[list[ProcessOutput]] = []

    async def read(process: ProcessHandle) -> None:
        ends.append(await events_of(process))

    async with anyio.create_task_group() as tasks:
        for process in running:
            tasks.start_soon(read, process)
        await sandbox.run_command("echo done")
        await engine.destroy(sandbox.id)
    assert ends == [[ProcessExit(-signal.SIGKILL, "killed")]] * 3
    assert await eventually(lambda: not namespace_members(namespace))
    # a command's output pump ends just after its exit is reported: on a loaded machine it may still be finishing
    assert await eventually(lambda: not set(_output_pumps()) - pumps_before)
    assert await eventually(lambda: set(os.listdir("/proc/self/fd")) <= fds_before)
    assert sandbox.processes == {}


async def test_a_cancelled_start_leaves_no_process_behind(engine: SandboxEngine) -> None:
    sandbox = await engine.create("process-cancel")
    try:
        namespace = pid_namespace(sandbox.init_pid or 0)
        for delay in (0.0, 0.0005, 0.001, 0.002, 0.004, 0.008):
            with anyio.move_on_after(delay):
                await sandbox.start_process("sleep 60")
        for process in sandbox.processes.values():  # those that won the race are ordinary processes
            await process.kill()
        assert await eventually(lambda: len(namespace_members(namespace)) == 2)  # pid 1 and the zygote
    finally:
        await engine.destroy(sandbox.id)


async def test_a_reader_with_backpressure_gets_every_byte_and_holds_the_process_back(sandbox: SandboxHandle) -> None:
    total = 5 * OUTPUT_LIMIT
    process = await sandbox.start_process(f"head -c {total} /dev/zero; echo done")
    reader = process.output(backpressure=True)
    with pytest.raises(TimeoutError):
        await process.wait(0.5)  # it cannot write everything while its reader reads nothing
    events = [event async for event in reader]
    assert not [e for e in events if isinstance(e, OutputDropped)]
    assert len(text_of(events)) == total + len(b"done\n")
    assert events[-1] == ProcessExit(0, "exited")


async def test_a_dropped_reader_no_longer_holds_the_process_back(sandbox: SandboxHandle) -> None:
    process = await sandbox.start_process(f"head -c {5 * OUTPUT_LIMIT} /dev/zero")
    reader = process.output(backpressure=True)
    assert isinstance(await reader.__anext__(), OutputChunk)
    del reader
    assert await process.wait(20) == 0


async def test_run_command_keeps_every_byte_of_fast_output(sandbox: SandboxHandle) -> None:
    result = await sandbox.run_command(f"head -c {8 * OUTPUT_LIMIT} /dev/zero", timeout=20)
    assert (len(result.stdout), result.stdout_dropped) == (8 * OUTPUT_LIMIT, 0)


def _output_pumps() -> list[asyncio.Task[object]]:
    """The running output pumps of sandbox processes (ProcessHandle names them "agentrun process <pid> output")."""
    return [task for task in asyncio.all_tasks() if task.get_name().startswith("agentrun process")]
