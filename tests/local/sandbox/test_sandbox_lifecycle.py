"""Sandbox lifecycle: creation, destruction and engine shutdown leave no process or directory behind; isolation
that cannot be set up is a typed error; `unsafe_no_isolation` is the only way past it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import anyio
import pytest
from sandbox_helpers import alive, descendants, describe, eventually, mentioning, namespace_members, pid_namespace

from agentrun.local.sandbox import (
    ContextNotFound,
    InvalidArgument,
    IsolationUnavailable,
    Limits,
    SandboxEngine,
    SandboxExists,
    SandboxFailed,
    SandboxHandle,
    SandboxNotFound,
)

ESCAPE = "import subprocess\nsubprocess.Popen(['sleep', '60'], start_new_session=True).pid"


async def test_engine_aclose_kills_every_process_and_removes_the_directories(tmp_path: Path) -> None:
    engine = SandboxEngine(tmp_path)
    try:
        await engine.isolation()
    except IsolationUnavailable as exc:
        pytest.skip(str(exc))
    watched: list[int] = []
    namespaces: list[str] = []
    for name in ("one", "two"):
        sandbox = await engine.create(name)
        context = await sandbox.create_context()
        # a process that left the context's process group: only the sandbox's end can take it
        assert (await context.run(ESCAPE))["exitCode"] == 0
        assert sandbox.init_pid is not None and sandbox.pid is not None
        namespaces.append(pid_namespace(context.pid))
        watched += [sandbox.pid, sandbox.init_pid, context.pid]
    assert all(len(namespace_members(ns)) >= 4 for ns in namespaces)  # pid 1, zygote, worker, sleep
    await engine.aclose()
    assert await eventually(lambda: not any(alive(pid) for pid in watched))
    assert not any(namespace_members(ns) for ns in namespaces)
    assert [path async for path in anyio.Path(tmp_path).iterdir()] == []
    assert engine.sandboxes == {}
    with pytest.raises(SandboxFailed):
        await engine.create("after-close")
    await engine.aclose()  # twice is fine


async def test_destroy_ends_one_sandbox_and_leaves_the_others(engine: SandboxEngine) -> None:
    doomed = await engine.create("doomed")
    survivor = await engine.create("survivor")
    context = await doomed.create_context()
    await context.run(ESCAPE)
    namespace = pid_namespace(context.pid)
    await engine.destroy(doomed.id)
    assert await eventually(lambda: not namespace_members(namespace))
    assert not doomed.workspace.exists()
    assert not doomed.alive
    with pytest.raises(SandboxNotFound):
        engine.get(doomed.id)
    with pytest.raises(SandboxNotFound):
        await engine.destroy(doomed.id)
    assert await survivor.ping()
    await engine.destroy(survivor.id)


async def test_a_cancelled_create_leaves_nothing_behind(engine: SandboxEngine) -> None:
    before = descendants(os.getpid())
    for delay in (0.0, 0.002, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04):
        with anyio.move_on_after(delay):
            await engine.create("cancelled")
        if "cancelled" in engine.sandboxes:  # it won the race: destroying it must still work
            await engine.destroy("cancelled")
        assert not await anyio.Path(engine.root / "cancelled").exists()
    assert await eventually(lambda: not (descendants(os.getpid()) - before))
    # a process orphaned on the way (reparented to init, so no longer a descendant) would still name the directory
    left = str(engine.root / "cancelled")
    assert await eventually(lambda: not mentioning(left)), describe(mentioning(left))


async def test_a_cancelled_context_creation_leaves_no_worker(engine: SandboxEngine) -> None:
    sandbox = await engine.create("context-cancel")
    try:
        namespace = pid_namespace(await sandbox_pid(sandbox))
        for delay in (0.0, 0.0005, 0.001, 0.002):
            with anyio.move_on_after(delay):
                await sandbox.create_context()
        for context in sandbox.contexts.values():
            await sandbox.delete_context(context.id)
        assert await eventually(lambda: len(namespace_members(namespace)) == 2)  # pid 1 and the zygote
    finally:
        await engine.destroy(sandbox.id)


async def sandbox_pid(sandbox: SandboxHandle) -> int:
    assert sandbox.init_pid is not None
    return sandbox.init_pid


async def test_a_sandbox_that_cannot_start_is_a_typed_error_and_leaves_nothing(engine: SandboxEngine) -> None:
    before = descendants(os.getpid())
    with pytest.raises(SandboxFailed, match="did not start"):
        await engine.create("starved", limits=Limits(memory_mb=1))  # the zygote cannot even load the worker
    assert "starved" not in engine.sandboxes
    assert not await anyio.Path(engine.root / "starved").exists()
    assert await eventually(lambda: not (descendants(os.getpid()) - before))


async def test_sandbox_ids_are_unique_and_safe(engine: SandboxEngine) -> None:
    sandbox = await engine.create("unique")
    try:
        with pytest.raises(SandboxExists):
            await engine.create("unique")
        for bad in ("../escape", "", "a/b", ".hidden"):
            with pytest.raises(InvalidArgument):
                await engine.create(bad)
        with pytest.raises(ContextNotFound):
            await sandbox.delete_context("ctx-missing")
    finally:
        await engine.destroy(sandbox.id)


async def test_a_sandbox_whose_zygote_dies_reports_it(engine: SandboxEngine) -> None:
    sandbox = await engine.create("zygote-dies")
    try:
        context = await sandbox.create_context()
        await context.run("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)")  # the zygote
        assert not await sandbox.ping()
        with pytest.raises(SandboxFailed):
            await sandbox.create_context()
    finally:
        await engine.destroy(sandbox.id)


async def test_missing_isolation_is_a_typed_error_with_the_reason(tmp_path: Path) -> None:
    async with SandboxEngine(tmp_path, python="/nonexistent/bin/python") as engine:
        with pytest.raises(IsolationUnavailable) as raised:
            await engine.create("never")
    assert raised.value.reason
    assert "--unsafe-no-isolation" in str(raised.value)


async def test_unsafe_no_isolation_runs_code_and_says_so_loudly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="agentrun.local.sandbox"):
        async with SandboxEngine(tmp_path, unsafe_no_isolation=True) as engine:
            sandbox = await engine.create("unsafe")
            context = await sandbox.create_context()
            result = await context.run("import os\nos.getcwd() == os.environ['HOME']")
            assert result["results"][0]["text"] == "True"
            assert (await context.run("x = 1\nx + 1"))["results"][0]["text"] == "2"
            pid = context.pid
            command = await sandbox.run_command("pwd; echo $HOME")
            assert command.stdout.decode().split() == [str(sandbox.workspace)] * 2
            background = await sandbox.start_process("sleep 60")
            if await engine.node() is not None:
                javascript = await sandbox.create_context(language="javascript")
                assert (await javascript.run("process.cwd()"))["results"][0]["text"] == repr(str(sandbox.workspace))
        assert await eventually(lambda: not alive(pid) and not alive(background.host_pid))
    assert "WITHOUT ISOLATION" in caplog.text
