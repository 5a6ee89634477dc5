"""`run_code`, `run_code_stream` and code contexts against AgentRun Local (which streams), and against the same
server answering JSON (a fault-injecting proxy hides the streaming extension, as the cloud lacks it today)."""

from __future__ import annotations

import base64
import contextlib
import gc
from collections.abc import AsyncIterator
from typing import Any

import anyio
import anyio.lowlevel
import pytest
from sdk_helpers import FaultInjectingProxy, answering_json

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.sandbox import CodeContext, Sandbox
from agentrun.sandbox.execution import End, ExecutionError, ExecutionEvent, Result, Stderr, Stdout

pytestmark = pytest.mark.usefixtures("isolation_available")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
RICH_CODE = """
class Rich:
    def _repr_html_(self):
        return "<b>bold</b>"
    def _repr_markdown_(self):
        return "**bold**"
    def _repr_json_(self):
        return {"a": [1, 2]}
    def __repr__(self):
        return "Rich()"
Rich()
"""
PLOT_CODE = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
plt.plot([1, 2, 3], [1, 4, 9])
plt.show()
"""
MIXED_CODE = """
import sys
print("out 1")
print("err 1", file=sys.stderr)
print("out 2")
21 * 2
"""


@pytest.fixture(scope="module")
async def sandbox(client: AsyncAgentRun, template: str) -> AsyncIterator[Sandbox]:
    async with await client.sandboxes.create(template) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
async def json_sandbox(local: LocalServer, sandbox: Sandbox) -> AsyncIterator[tuple[Sandbox, FaultInjectingProxy]]:
    async with answering_json(local, sandbox) as view:
        yield view


def shape(events: list[ExecutionEvent]) -> list[tuple[str, Any]]:
    """Events reduced to what both wire forms must agree on: all of stdout and all of stderr (the server keeps the
    order within a stream, not across the two), then the other events in order, without timings."""
    out = "".join(e.text for e in events if isinstance(e, Stdout))
    err = "".join(e.text for e in events if isinstance(e, Stderr))
    shaped: list[tuple[str, Any]] = [("stdout", out), ("stderr", err)]
    for event in events:
        if isinstance(event, Result):
            shaped.append(("Result", (dict(event.data), event.is_main_result)))
        elif isinstance(event, ExecutionError):
            shaped.append(("ExecutionError", (event.name, event.value)))
        elif isinstance(event, End):
            shaped.append(("End", (event.status, event.execution_count)))
    return shaped


def per_stream(seen: list[tuple[str, Any]]) -> dict[str, Any]:
    """Callback calls grouped by kind, text joined (the order across stdout and stderr is not kept)."""
    grouped: dict[str, Any] = {}
    for kind, value in seen:
        grouped[kind] = grouped.get(kind, "") + value if isinstance(value, str) and kind in ("out", "err") else value
    return grouped


async def test_run_code_returns_the_value_output_and_status(sandbox: Sandbox) -> None:
    execution = await sandbox.run_code(MIXED_CODE)
    assert execution.text == "42"
    assert "".join(execution.logs.stdout) == "out 1\nout 2\n"
    assert "".join(execution.logs.stderr) == "err 1\n"
    assert execution.error is None and execution.status == "ok"
    [result] = execution.results
    assert result.is_main_result and result.formats() == ["text"] and str(result) == "42"


async def test_an_exception_in_the_code_is_the_executions_error_not_raised(sandbox: Sandbox) -> None:
    execution = await sandbox.run_code("x = 1\n1 / 0")
    assert execution.error is not None
    assert (execution.error.name, execution.error.value) == ("ZeroDivisionError", "division by zero")
    assert "ZeroDivisionError" in execution.error.traceback
    assert execution.status == "error" and execution.text is None


async def test_rich_results_carry_every_format_the_value_offers(sandbox: Sandbox) -> None:
    [result] = (await sandbox.run_code(RICH_CODE)).results
    assert result.text == "Rich()"
    assert result.html == "<b>bold</b>" and result.markdown == "**bold**"
    assert result.json == {"a": [1, 2]}
    assert set(result.formats()) == {"text", "html", "markdown", "json"}
    assert result._repr_mimebundle_()["application/json"] == {"a": [1, 2]}


async def test_a_plot_arrives_as_a_png_display_result(sandbox: Sandbox) -> None:
    execution = await sandbox.run_code(PLOT_CODE)
    pngs = [r for r in execution.results if r.png is not None]
    assert len(pngs) == 1 and not pngs[0].is_main_result
    assert pngs[0].png_bytes is not None and pngs[0].png_bytes.startswith(PNG_MAGIC)
    assert base64.b64decode(pngs[0].png or "") == pngs[0].png_bytes


async def test_contexts_keep_state_and_can_be_listed_got_and_deleted(sandbox: Sandbox) -> None:
    context = await sandbox.create_context(cwd="/tmp")
    assert isinstance(context, CodeContext) and context.language == "python" and context.cwd == "/tmp"
    await sandbox.run_code("import os\nx = 41", context=context)
    second = await sandbox.run_code("x + 1", context=context.id)
    assert second.text == "42"
    assert (await sandbox.run_code("os.getcwd()", context=context)).text == "'/tmp'"
    assert second.execution_count is not None
    third = await sandbox.run_code("x", context=context)
    assert third.execution_count == second.execution_count + 2
    assert context.id in {c.id for c in await sandbox.list_contexts()}
    assert await sandbox.get_context(context.id) == context
    await sandbox.delete_context(context)
    assert context.id not in {c.id for c in await sandbox.list_contexts()}
    with pytest.raises(errors.NotFoundError):
        await sandbox.get_context(context.id)


async def test_javascript_runs_statelessly_and_in_contexts(sandbox: Sandbox) -> None:
    execution = await sandbox.run_code("console.log('hi'); 1 + 1", language="javascript")
    assert (execution.text, execution.logs.stdout) == ("2", ["hi\n"])
    context = await sandbox.create_context(language="javascript")
    assert context.language == "javascript"
    await sandbox.run_code("let x = 41", context=context)
    assert (await sandbox.run_code("x + 1", context=context)).text == "42"
    failed = await sandbox.run_code("throw new TypeError('bad')", context=context)
    assert failed.error is not None and (failed.error.name, failed.error.value) == ("TypeError", "bad")
    await sandbox.delete_context(context)


async def test_code_without_a_context_starts_from_a_clean_state(sandbox: Sandbox) -> None:
    await sandbox.run_code("leftover = 1")
    execution = await sandbox.run_code("leftover")
    assert execution.error is not None and execution.error.name == "NameError"


async def test_a_context_of_another_language_than_asked_is_rejected(sandbox: Sandbox) -> None:
    context = CodeContext("ctx-1", "python", "/home/user")
    with pytest.raises(errors.InvalidArgumentError, match="runs python, not javascript"):
        await sandbox.run_code("1", context=context, language="javascript")


async def test_callbacks_may_be_plain_or_async_and_get_everything_in_order(sandbox: Sandbox) -> None:
    seen: list[tuple[str, Any]] = []

    async def on_stdout(text: str) -> None:
        await anyio.lowlevel.checkpoint()
        seen.append(("out", text))

    def on_stderr(text: str) -> None:
        seen.append(("err", text))

    async def on_result(result: Result) -> None:
        seen.append(("result", result.text))

    execution = await sandbox.run_code(
        MIXED_CODE + "\nraise ValueError('late')",
        on_stdout=on_stdout,
        on_stderr=on_stderr,
        on_result=on_result,
        on_error=lambda error: seen.append(("error", error.name)),
    )
    assert per_stream(seen) == {"out": "out 1\nout 2\n", "err": "err 1\n", "error": "ValueError"}
    assert seen[-1] == ("error", "ValueError")
    assert execution.error is not None
    seen.clear()
    await sandbox.run_code(MIXED_CODE, on_result=on_result, on_stdout=lambda t: seen.append(("out", t)))
    assert seen[-1] == ("result", "42")


async def test_events_stream_as_they_happen_not_at_the_end(sandbox: Sandbox) -> None:
    """The code prints, then waits for a file that the test writes only after it got that print: a stream that
    buffered until the end would let the code time out instead."""
    code = (
        "import os, time\n"
        "print('waiting', flush=True)\n"
        "while not os.path.exists('/home/user/go'):\n"
        "    time.sleep(0.01)\n"
        "print('released')\n"
        "'done'"
    )
    events: list[ExecutionEvent] = []
    async for event in sandbox.run_code_stream(code, timeout=60):
        events.append(event)
        if isinstance(event, Stdout) and event.text == "waiting\n":
            await sandbox.files.write("/home/user/go", "")
    assert [type(e) for e in events[:2]] == [Stdout, Stdout]
    assert shape(events)[:-1] == [
        ("stdout", "waiting\nreleased\n"),
        ("stderr", ""),
        ("Result", ({"text/plain": "'done'"}, True)),
    ]
    end = events[-1]
    assert isinstance(end, End) and end.status == "ok"


async def test_a_timeout_stops_the_code_and_raises_with_the_output_so_far(sandbox: Sandbox) -> None:
    with pytest.raises(errors.ExecutionTimeoutError, match="timeout of 1s") as raised:
        await sandbox.run_code("print('before', flush=True)\nimport time\ntime.sleep(60)", timeout=1)
    execution = raised.value.result
    assert execution.logs.stdout == ["before\n"] and execution.status == "timeout"
    events = [e async for e in sandbox.run_code_stream("import time\ntime.sleep(60)", timeout=1)]
    assert isinstance(events[-1], End) and events[-1].status == "timeout"


# -- leaving a stream early stops the code on the server -------------------------------------------------------

LOOP_CODE = """
import time
n = 0
while True:
    n += 1
    if n == 1:
        print("started", flush=True)
    time.sleep(0.005)
"""


async def assert_stopped(sandbox: Sandbox, context: CodeContext) -> None:
    """The loop no longer runs: executions of a context take turns, so these would wait behind a loop that still
    ran (its timeout is 300 s; the guard fails the test long before), and `n` would still grow between them."""
    with anyio.fail_after(120):
        first = await sandbox.run_code("n", context=context)
        await sandbox.run_code("import time; time.sleep(0.1)", context=context)
        second = await sandbox.run_code("n", context=context)
    assert first.text is not None and int(first.text) > 0
    assert first.text == second.text


@pytest.fixture
async def looping(sandbox: Sandbox) -> AsyncIterator[CodeContext]:
    context = await sandbox.create_context()
    yield context
    await sandbox.delete_context(context)


async def test_leaving_an_aclosing_stream_stops_the_code(sandbox: Sandbox, looping: CodeContext) -> None:
    async with contextlib.aclosing(sandbox.run_code_stream(LOOP_CODE, context=looping, timeout=300)) as events:
        async for event in events:
            assert event == Stdout("started\n")
            break
    await assert_stopped(sandbox, looping)


async def test_a_plain_break_stops_the_code(sandbox: Sandbox, looping: CodeContext) -> None:
    async for event in sandbox.run_code_stream(LOOP_CODE, context=looping, timeout=300):
        assert event == Stdout("started\n")
        break
    gc.collect()  # CPython collects the abandoned generator at once; this makes it so on any interpreter
    await assert_stopped(sandbox, looping)


async def test_cancelling_the_task_reading_the_stream_stops_the_code(sandbox: Sandbox, looping: CodeContext) -> None:
    started = anyio.Event()

    async def consume() -> None:
        await sandbox.run_code(LOOP_CODE, context=looping, timeout=300, on_stdout=lambda _: started.set())

    async with anyio.create_task_group() as tg:
        tg.start_soon(consume)
        await started.wait()
        tg.cancel_scope.cancel()
    await assert_stopped(sandbox, looping)


# -- the JSON fallback -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [MIXED_CODE, "1 / 0", RICH_CODE, PLOT_CODE, "print('only output')"])
async def test_a_json_answer_yields_the_same_events_as_the_stream(
    sandbox: Sandbox, json_sandbox: tuple[Sandbox, FaultInjectingProxy], code: str
) -> None:
    fallback, proxy = json_sandbox
    answered = len(proxy.json_answers)
    streamed = [e async for e in sandbox.run_code_stream(code)]
    replayed = [e async for e in fallback.run_code_stream(code)]
    assert proxy.json_answers[answered:] == ["application/json"]
    assert shape(replayed) == shape(streamed)


async def test_run_code_and_its_callbacks_work_the_same_on_a_json_answer(
    json_sandbox: tuple[Sandbox, FaultInjectingProxy],
) -> None:
    fallback, _ = json_sandbox
    seen: list[tuple[str, Any]] = []
    execution = await fallback.run_code(
        MIXED_CODE, on_stdout=lambda t: seen.append(("out", t)), on_stderr=lambda t: seen.append(("err", t))
    )
    assert execution.text == "42" and execution.status == "ok"
    assert per_stream(seen) == {"out": "out 1\nout 2\n", "err": "err 1\n"}
    failed = await fallback.run_code("raise KeyError('k')")
    assert failed.error is not None and (failed.error.name, failed.error.value) == ("KeyError", "'k'")
    with pytest.raises(errors.ExecutionTimeoutError):
        await fallback.run_code("import time\ntime.sleep(60)", timeout=1)
