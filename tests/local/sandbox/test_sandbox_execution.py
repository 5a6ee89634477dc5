"""Code execution in a real sandbox: state, streaming, rich results, errors, timeouts, interrupts, cancellation."""

from __future__ import annotations

import base64
import gc
import json
import subprocess
import sys

import anyio
import pytest
from sandbox_helpers import alive, eventually, group_members

from agentrun.local.sandbox import (
    ContextDied,
    End,
    Error,
    ExecutionEvent,
    Result,
    SandboxHandle,
    Stderr,
    Stdout,
    UnsupportedLanguage,
    fold,
)
from agentrun.local.sandbox.contexts import ContextHandle


async def collect(context: ContextHandle, code: str, *, timeout: float | None = 10) -> list[ExecutionEvent]:
    events: list[ExecutionEvent] = []
    async with context.execute(code, timeout=timeout) as execution:
        async for event in execution:
            events.append(event)
    return events


def main_result(events: list[ExecutionEvent]) -> Result:
    (result,) = [e for e in events if isinstance(e, Result) and e.is_main_result]
    return result


def end_of(events: list[ExecutionEvent]) -> End:
    assert isinstance(events[-1], End)
    assert sum(isinstance(e, End) for e in events) == 1
    return events[-1]


@pytest.fixture
async def context(sandbox: SandboxHandle) -> ContextHandle:
    return await sandbox.create_context()


async def test_state_persists_across_calls(context: ContextHandle) -> None:
    first = await context.run("x = 41")
    second = await context.run("x + 1")
    assert first["exitCode"] == 0 and first["results"] == [{"type": "endOfExecution", "status": "ok"}]
    assert second["results"][0] == {"type": "result", "text": "42", "data": {"text/plain": "42"}, "isMainResult": True}
    assert (first["executionCount"], second["executionCount"]) == (1, 2)
    assert second["contextId"] == context.id


async def test_last_expression_is_the_result_and_none_gives_no_result(context: ContextHandle) -> None:
    events = await collect(context, "a = [1, 2]\na.append(3)\na")
    assert main_result(events).data == {"text/plain": "[1, 2, 3]"}
    assert not [e for e in await collect(context, "None") if isinstance(e, Result)]
    assert not [e for e in await collect(context, "for i in range(2):\n    i") if isinstance(e, Result)]


async def test_stdout_streams_while_the_cell_is_still_running(context: ContextHandle) -> None:
    """The cell waits for a file the test creates only after it has received the first chunk: without streaming it
    could never finish."""
    go = context.sandbox.workspace / "go"
    code = "import os, time\nprint('ready', flush=True)\nwhile not os.path.exists('go'):\n    time.sleep(0.01)\n"
    code += "print('done')"
    seen: list[ExecutionEvent] = []
    async with context.execute(code, timeout=10) as execution:
        async for event in execution:
            seen.append(event)
            if event == Stdout("ready\n"):
                go.touch()
    assert seen == [Stdout("ready\n"), Stdout("done\n"), seen[-1]]
    assert end_of(seen).status == "ok"


async def test_chunks_of_a_slow_printing_cell_arrive_one_by_one_before_end(context: ContextHandle) -> None:
    code = "import time\nfor i in range(3):\n    print(i)\n    time.sleep(0.2)"
    arrivals: list[tuple[float, ExecutionEvent]] = []
    async with context.execute(code, timeout=10) as execution:
        async for event in execution:
            arrivals.append((anyio.current_time(), event))
    assert [e for _, e in arrivals] == [Stdout("0\n"), Stdout("1\n"), Stdout("2\n"), arrivals[-1][1]]
    times = [t for t, _ in arrivals]
    # each chunk arrived before the next was printed, 0.2 s later
    assert times[0] < times[1] < times[2] < times[3]
    assert times[3] - times[0] > 0.3


async def test_stderr_and_subprocess_output_are_captured(context: ContextHandle) -> None:
    code = (
        "import sys, subprocess\n"
        "print('out')\n"
        "print('err', file=sys.stderr)\n"
        "subprocess.run(['sh', '-c', 'echo child-out; echo child-err >&2'])\n"
        "import os; os.write(1, b'raw\\n')"
    )
    result = fold(await collect(context, code))
    assert result["stdout"] == "out\nchild-out\nraw\n"
    assert result["stderr"] == "err\nchild-err\n"
    assert result["exitCode"] == 0


async def test_output_written_as_the_cell_ends_comes_before_its_value_and_end(context: ContextHandle) -> None:
    """The worker skips waiting for its output forwarder when nothing is in flight, and sends the cell's value with
    the end: neither may let the value or the end overtake output written just before them (a partial line the
    forwarder holds back, a child's write, half a UTF-8 character)."""
    code = (
        "import os, subprocess\n"
        "subprocess.run(['sh', '-c', 'printf child-tail'])\n"
        "os.write(1, b'no-newline-{n}')\n"
        "os.write(2, b'half-\\xe2\\x82')\n"
        "{n}"
    )
    for n in range(60):
        events = await collect(context, code.format(n=n))
        kinds = [type(event).__name__ for event in events]
        assert kinds[-2:] == ["Result", "End"], kinds
        assert main_result(events).text == str(n)
        folded = fold(events)
        assert folded["stdout"] == f"child-tailno-newline-{n}"
        assert folded["stderr"] == "half-\\xe2\\x82"


async def test_rich_reprs_come_back_as_a_mime_bundle(context: ContextHandle) -> None:
    code = """
class Rich:
    def _repr_html_(self):
        return "<b>rich</b>"
    def _repr_markdown_(self):
        return "**rich**"
    def _repr_json_(self):
        return {"rich": [1, 2]}
    def _repr_png_(self):
        return b"\\x89PNG fake"
    def __repr__(self):
        return "Rich()"
Rich()
"""
    data = main_result(await collect(context, code)).data
    assert data["text/plain"] == "Rich()"
    assert data["text/html"] == "<b>rich</b>"
    assert data["text/markdown"] == "**rich**"
    assert json.loads(data["application/json"]) == {"rich": [1, 2]}
    assert base64.b64decode(data["image/png"]) == b"\x89PNG fake"


async def test_a_broken_repr_method_only_loses_its_format(context: ContextHandle) -> None:
    code = "class Odd:\n    def _repr_html_(self):\n        raise ValueError('no')\n"
    code += "    def __repr__(self):\n        return 'Odd()'\nOdd()"
    assert main_result(await collect(context, code)).data == {"text/plain": "Odd()"}


async def test_matplotlib_figures_come_back_as_png(context: ContextHandle) -> None:
    probe = await context.run("import importlib.util\nimportlib.util.find_spec('matplotlib') is not None")
    if probe["results"][0].get("text") != "True":
        pytest.skip("matplotlib is not installed in the sandbox's Python")
    code = (
        "import matplotlib.pyplot as plt\n"
        "plt.plot([1, 2, 3])\n"
        "plt.show()\n"
        "print('between')\n"
        "plt.figure(); plt.bar([1], [2])\n"  # left open: sent at the end of the cell
    )
    events = await collect(context, code, timeout=60)
    assert end_of(events).status == "ok"
    kinds = [(type(e).__name__, e.text if isinstance(e, Stdout) else None) for e in events]
    displays = [e for e in events if isinstance(e, Result) and not e.is_main_result]
    assert len(displays) == 2
    for display in displays:
        assert base64.b64decode(display.data["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert kinds.index(("Result", None)) < kinds.index(("Stdout", "between\n"))  # plt.show() sent it at once
    # the cell's value (held back to go out with the end) still comes before the figure left open at the end
    assert events.index(main_result(events)) < events.index(displays[1]) < len(events) - 1
    assert (await context.run("import matplotlib.pyplot as plt\nlen(plt.get_fignums())"))["results"][0]["text"] == "0"


async def test_errors_carry_name_value_and_a_traceback_of_user_frames(context: ContextHandle) -> None:
    events = await collect(context, "def f():\n    return 1 / 0\nprint('before')\nf()")
    (error,) = [e for e in events if isinstance(e, Error)]
    assert (error.name, error.value) == ("ZeroDivisionError", "division by zero")
    assert error.traceback[0] == "Traceback (most recent call last):"
    assert error.traceback[-1] == "ZeroDivisionError: division by zero"
    assert any("in f" in line for line in error.traceback)
    assert not any("worker.py" in line for line in error.traceback)
    result = fold(events, context.id)
    assert result["exitCode"] == 1 and result["stdout"] == "before\n"
    assert result["error"]["name"] == "ZeroDivisionError"
    assert result["results"][-1] == {"type": "endOfExecution", "status": "error"}


async def test_syntax_errors_are_reported(context: ContextHandle) -> None:
    events = await collect(context, "def (:")
    (error,) = [e for e in events if isinstance(e, Error)]
    assert error.name == "SyntaxError"
    assert end_of(events).status == "error"


async def test_system_exit_does_not_end_the_context(context: ContextHandle) -> None:
    assert end_of(await collect(context, "y = 1\nraise SystemExit(3)")).status == "error"
    assert (await context.run("y"))["results"][0]["text"] == "1"


async def test_timeout_interrupts_the_cell_and_the_context_keeps_its_state(context: ContextHandle) -> None:
    await context.run("kept = 'yes'")
    events = await collect(context, "import time\nprint('start')\ntime.sleep(30)", timeout=0.5)
    assert end_of(events).status == "timeout"
    (error,) = [e for e in events if isinstance(e, Error)]
    assert error.name == "TimeoutError"
    assert Stdout("start\n") in events
    assert context.alive
    assert (await context.run("kept"))["results"][0]["text"] == "'yes'"


async def test_a_cell_that_swallows_interrupts_is_killed_after_the_grace_period(context: ContextHandle) -> None:
    # SIGINT ignored outright: a try/except loop can still be hit between `except` and the next `try`
    code = "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(10)"
    events = await collect(context, code, timeout=0.3)
    assert end_of(events).status == "timeout"
    assert not context.alive
    assert await eventually(lambda: not group_members(context.pid))
    with pytest.raises(ContextDied):
        await context.run("1")


async def test_interrupt_stops_the_cell_and_keeps_state(context: ContextHandle) -> None:
    await context.run("counter = 7")
    async with context.execute("import time\nprint('sleeping', flush=True)\ntime.sleep(30)", timeout=None) as run:
        events = []
        async for event in run:
            events.append(event)
            if event == Stdout("sleeping\n"):
                assert await context.interrupt()
    assert end_of(events).status == "interrupted"
    assert [e.name for e in events if isinstance(e, Error)] == ["KeyboardInterrupt"]
    assert (await context.run("counter + 1"))["results"][0]["text"] == "8"


async def test_cancelling_an_execution_interrupts_the_cell(context: ContextHandle) -> None:
    await context.run("import os; mark = 'state'")
    with anyio.CancelScope() as scope:
        async with context.execute("import time\nprint('go', flush=True)\ntime.sleep(60)", timeout=None) as run:
            async for event in run:
                if event == Stdout("go\n"):
                    scope.cancel()  # the next read is cancelled: the cell must be interrupted
    assert scope.cancelled_caught
    assert context.alive
    result = await context.run("mark", timeout=5)
    assert result["results"][0]["text"] == "'state'"


async def test_cancelling_a_stubborn_execution_leaves_no_process_behind(context: ContextHandle) -> None:
    code = (
        "import signal, subprocess, time\n"
        "child = subprocess.Popen(['sleep', '60'])\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "print(child.pid, flush=True)\n"
        "while True:\n"
        "    time.sleep(10)"
    )
    with anyio.CancelScope() as scope:
        async for event in context.execute(code, timeout=None):
            if isinstance(event, Stdout):
                assert len(group_members(context.pid)) == 2  # the worker and its sleep
                scope.cancel()
    assert scope.cancelled_caught
    assert not context.alive
    assert await eventually(lambda: not alive(context.pid) and not group_members(context.pid))


async def test_an_abandoned_iteration_does_not_block_the_context(context: ContextHandle) -> None:
    execution = context.execute("import time\nprint('x', flush=True)\ntime.sleep(60)", timeout=None)
    async for _ in execution:
        break  # neither `async with` nor aclose(): the execution is dropped mid-cell
    del execution
    gc.collect()
    with anyio.fail_after(5):
        result = await context.run("'next'")
    assert result["results"][0]["text"] == "'next'"


async def test_executions_on_one_context_run_one_after_another(context: ContextHandle) -> None:
    await context.run("order = []")
    async with anyio.create_task_group() as tg:
        for i in range(3):
            tg.start_soon(context.run, f"import time\norder.append({i})\ntime.sleep(0.05)\norder.append({i})")
            await anyio.sleep(0.01)
    assert (await context.run("order"))["results"][0]["text"] == "[0, 0, 1, 1, 2, 2]"


async def test_contexts_have_separate_state_and_their_own_cwd(sandbox: SandboxHandle) -> None:
    (sandbox.workspace / "sub").mkdir(exist_ok=True)
    one = await sandbox.create_context()
    two = await sandbox.create_context(cwd="/home/user/sub")
    await one.run("only_here = 1")
    assert (await two.run("'only_here' in globals()"))["results"][0]["text"] == "False"
    assert (await two.run("import os; os.getcwd()"))["results"][0]["text"] == "'/home/user/sub'"
    await sandbox.delete_context(one.id)
    await sandbox.delete_context(two.id)


async def test_deleting_a_context_kills_its_processes(sandbox: SandboxHandle) -> None:
    context = await sandbox.create_context()
    await context.run("import subprocess; background = subprocess.Popen(['sleep', '60'])")
    assert len(group_members(context.pid)) == 2
    await sandbox.delete_context(context.id)
    assert await eventually(lambda: not group_members(context.pid))
    with pytest.raises(ContextDied):
        await context.run("1")


async def test_subprocesses_can_wait_for_their_children(context: ContextHandle) -> None:
    """The zygote ignores SIGCHLD; the worker must not inherit that, or wait() would fail with ECHILD."""
    result = await context.run("import subprocess\nsubprocess.run(['true']).returncode")
    assert result["results"][0]["text"] == "0"


async def test_an_unknown_language_is_refused_with_the_supported_ones(sandbox: SandboxHandle) -> None:
    before = sandbox.contexts
    with pytest.raises(UnsupportedLanguage, match="python, javascript") as raised:
        await sandbox.create_context(language="cobol")
    assert raised.value.language == "cobol"
    assert sandbox.contexts == before


def test_fold_gives_both_result_shapes() -> None:
    events: list[ExecutionEvent] = [
        Stdout("a"),
        Stdout("b\n"),
        Stderr("warn\n"),
        Result({"text/plain": "<Figure>", "image/png": "iVBO"}, is_main_result=False),
        Result({"text/plain": "3"}),
        End("ok", 4, 12),
    ]
    assert fold(events, "ctx-1") == {
        "contextId": "ctx-1",
        "results": [
            {"type": "stdout", "text": "ab\n"},
            {"type": "stderr", "text": "warn\n"},
            {"type": "display", "text": "<Figure>", "data": {"text/plain": "<Figure>", "image/png": "iVBO"},
             "isMainResult": False},
            {"type": "result", "text": "3", "data": {"text/plain": "3"}, "isMainResult": True},
            {"type": "endOfExecution", "status": "ok"},
        ],
        "stdout": "ab\n",
        "stderr": "warn\n",
        "exitCode": 0,
        "error": None,
        "executionCount": 4,
    }  # fmt: skip
    assert [e.to_wire()["type"] for e in events] == ["stdout", "stdout", "stderr", "result", "result", "end"]
    assert End("timeout", 2, 5).to_wire() == {"type": "end", "status": "timeout", "executionCount": 2, "durationMs": 5}


def test_the_in_sandbox_modules_need_only_the_standard_library() -> None:
    """worker.py and zygote.py run inside the sandbox: they must import with site-packages turned off (-S)."""
    from agentrun.local.sandbox import worker, zygote

    for path in (worker.__file__, zygote.__file__):
        load = (
            "import importlib.util as u, sys\n"
            f"spec = u.spec_from_file_location('m', {path!r})\n"
            "spec.loader.exec_module(u.module_from_spec(spec))\n"
            "assert not any(name.startswith('agentrun') for name in sys.modules)"
        )
        subprocess.run([sys.executable, "-I", "-S", "-c", load], check=True)
