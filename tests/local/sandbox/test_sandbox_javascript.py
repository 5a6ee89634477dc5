"""JavaScript code contexts (Node.js, worker.js) in a real sandbox: state, results, streaming, errors, interrupts,
timeouts. Skipped when the machine has no node the sandboxes can run."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import pytest
from sandbox_helpers import eventually, group_members

from agentrun.local.sandbox import (
    End,
    Error,
    ExecutionEvent,
    Result,
    SandboxEngine,
    SandboxHandle,
    Stdout,
    fold,
)
from agentrun.local.sandbox.contexts import ContextHandle


@pytest.fixture
async def js(engine: SandboxEngine, sandbox: SandboxHandle) -> AsyncIterator[ContextHandle]:
    if await engine.node() is None:
        pytest.skip("Node.js (node) is not installed under /usr: JavaScript contexts cannot run here")
    context = await sandbox.create_context(language="javascript")
    yield context
    await context.aclose()


async def collect(context: ContextHandle, code: str, *, timeout: float | None = 20) -> list[ExecutionEvent]:
    async with context.execute(code, timeout=timeout) as execution:
        return [event async for event in execution]


async def text(context: ContextHandle, code: str) -> str:
    result = await context.run(code, timeout=20)
    assert result["exitCode"] == 0, result
    return str(result["results"][-2]["text"])


def end_of(events: list[ExecutionEvent]) -> End:
    assert isinstance(events[-1], End)
    assert sum(isinstance(e, End) for e in events) == 1
    return events[-1]


async def test_state_persists_across_executions(js: ContextHandle) -> None:
    assert js.language == "javascript"
    first = await js.run("var v = 1; let l = 2; const c = 3; function f(x) { return x * 10 }")
    assert first["exitCode"] == 0 and first["executionCount"] == 1
    assert await text(js, "f(v + l + c)") == "60"


async def test_the_last_expression_is_the_result(js: ContextHandle) -> None:
    assert await text(js, "const o = {a: [1, 2], s: 'x'}; o") == "{ a: [ 1, 2 ], s: 'x' }"
    assert await text(js, "'str'") == "'str'"
    result = await js.run("let nothing = 1")  # undefined: no result
    assert result["results"] == [{"type": "endOfExecution", "status": "ok"}]
    rich = "({ _repr_html_: () => '<b>rich</b>', [Symbol.for('nodejs.util.inspect.custom')]: () => 'Rich' })"
    (value,) = [e for e in await collect(js, rich) if isinstance(e, Result)]
    assert value.data == {"text/html": "<b>rich</b>", "text/plain": "Rich"}


async def test_a_returned_promise_is_awaited(js: ContextHandle) -> None:
    code = "(async () => { await new Promise(r => setTimeout(r, 10)); return 'later' })()"
    assert await text(js, code) == "'later'"
    failing = await js.run("Promise.reject(new RangeError('nope'))")
    assert failing["error"]["name"] == "RangeError" and failing["error"]["value"] == "nope"


async def test_console_output_streams_while_the_cell_runs(js: ContextHandle) -> None:
    """The cell spins until a file exists that the test creates only after it has received the first line."""
    go = js.sandbox.workspace / "go-js"
    code = (
        "const fs = require('fs');\n"
        "console.log('ready');\n"
        "while (!fs.existsSync('go-js')) {}\n"
        "process.stdout.write('done\\n');\n"
        "console.error('warned');"
    )
    seen: list[ExecutionEvent] = []
    with anyio.fail_after(20):
        async with js.execute(code, timeout=20) as execution:
            async for event in execution:
                seen.append(event)
                if event == Stdout("ready\n"):
                    go.touch()
    result = fold(seen)
    assert (result["stdout"], result["stderr"], result["exitCode"]) == ("ready\ndone\n", "warned\n", 0)


async def test_child_process_output_is_captured(js: ContextHandle) -> None:
    code = "require('child_process').spawnSync('sh', ['-c', 'echo child-out; echo child-err >&2'], {stdio: 'inherit'})"
    result = await js.run(code + "; 1")
    assert (result["stdout"], result["stderr"]) == ("child-out\n", "child-err\n")


async def test_errors_carry_name_value_and_the_cell_frames(js: ContextHandle) -> None:
    events = await collect(js, "function boom() { throw new TypeError('bad thing') }\nconsole.log('before');\nboom()")
    (error,) = [e for e in events if isinstance(e, Error)]
    assert (error.name, error.value) == ("TypeError", "bad thing")
    assert error.traceback[0] == "TypeError: bad thing"
    assert any("boom" in line and "<cell-" in line for line in error.traceback)
    assert not any("worker.js" in line for line in error.traceback)
    assert end_of(events).status == "error"
    assert fold(events)["stdout"] == "before\n"
    syntax = await js.run("let = ;")
    assert syntax["error"]["name"] == "SyntaxError"
    thrown = await js.run("throw 42")
    assert (thrown["error"]["name"], thrown["error"]["value"]) == ("Error", "42")


async def test_interrupt_stops_a_busy_cell_and_keeps_state(js: ContextHandle) -> None:
    await js.run("let counter = 7")
    events: list[ExecutionEvent] = []
    async with js.execute("console.log('spinning'); while (true) {}", timeout=None) as execution:
        async for event in execution:
            events.append(event)
            if event == Stdout("spinning\n"):
                assert await js.interrupt()
    assert end_of(events).status == "interrupted"
    assert [e.name for e in events if isinstance(e, Error)] == ["Interrupted"]
    assert await text(js, "counter + 1") == "8"


async def test_interrupt_stops_a_cell_waiting_on_a_promise(js: ContextHandle) -> None:
    events: list[ExecutionEvent] = []
    code = "console.log('waiting'); new Promise(resolve => setTimeout(resolve, 60000))"
    async with js.execute(code, timeout=None) as execution:
        async for event in execution:
            events.append(event)
            if event == Stdout("waiting\n"):
                assert await js.interrupt()
    assert end_of(events).status == "interrupted"
    assert await text(js, "'still here'") == "'still here'"


async def test_timeout_stops_the_cell_and_the_context_keeps_its_state(js: ContextHandle) -> None:
    await js.run("const kept = 'yes'")
    events = await collect(js, "console.log('start'); while (true) {}", timeout=0.5)
    assert end_of(events).status == "timeout"
    assert [e.name for e in events if isinstance(e, Error)] == ["TimeoutError"]
    assert Stdout("start\n") in events
    assert js.alive
    assert await text(js, "kept") == "'yes'"


async def test_language_names_are_case_insensitive_aliases(engine: SandboxEngine, sandbox: SandboxHandle) -> None:
    if await engine.node() is None:
        pytest.skip("Node.js (node) is not installed under /usr: JavaScript contexts cannot run here")
    for name in ("JS", "Node", "JavaScript"):
        context = await sandbox.create_context(language=name)
        assert context.language == "javascript"
        assert await text(context, "typeof require") == "'function'"
        await sandbox.delete_context(context.id)
        assert await eventually(lambda: not group_members(context.pid))  # noqa: B023 - awaited at once


async def test_small_sandboxes_run_node_without_a_jit(engine: SandboxEngine, sandbox: SandboxHandle) -> None:
    """V8 reserves more address space than a 512 MB RLIMIT_AS allows: such sandboxes run node --jitless (and so
    without WebAssembly); sandboxes with the default 2 GB keep both."""
    if await engine.node() is None:
        pytest.skip("Node.js (node) is not installed under /usr: JavaScript contexts cannot run here")
    assert sandbox.limits.memory_mb == 512
    small = await sandbox.create_context(language="js")
    assert await text(small, "typeof WebAssembly") == "'undefined'"
    await small.aclose()
    big_sandbox = await engine.create("js-full-memory")
    try:
        big = await big_sandbox.create_context(language="js")
        assert await text(big, "typeof WebAssembly") == "'object'"
    finally:
        await engine.destroy(big_sandbox.id)
