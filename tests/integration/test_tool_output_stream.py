"""`CommonTool.astream`, the hand-over of a tool's output from the blocking client's worker thread to the caller's
task, with fault injection (named as such: a fake streaming tool in place of a sandbox): pieces arrive in order
before the result and in the caller's task; a failing tool and a failing listener each raise their own error (not
an ExceptionGroup), and output produced after the listener failed is dropped quietly."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import anyio
import pytest

from agentrun import errors
from agentrun.integration._common import CommonTool
from agentrun.tool.functions import ToolFunction


def fake_streaming_tool(fail: bool = False) -> CommonTool:
    def stream(arguments: Mapping[str, Any], on_output: Callable[[str, str], object]) -> str:
        for i in range(3):
            on_output("stdout", f"{arguments['word']} {i}\n")
            time.sleep(0.05)
        if fail:
            raise errors.InvalidArgumentError("the fake tool failed")
        return "done"

    function = ToolFunction(name="fake", description="a fake streaming tool", input_schema={"properties": {}})
    return CommonTool.of(function, lambda arguments: "done", stream=stream)


async def test_pieces_arrive_in_order_in_the_callers_thread_before_the_result() -> None:
    seen: list[tuple[str, str, bool]] = []

    async def on_output(stream: str, text: str) -> None:
        seen.append((stream, text, threading.current_thread() is threading.main_thread()))

    assert await fake_streaming_tool().astream({"word": "tick"}, on_output) == "done"
    assert seen == [("stdout", f"tick {i}\n", True) for i in range(3)]


async def test_a_failing_tool_raises_its_own_error() -> None:
    async def on_output(stream: str, text: str) -> None:
        pass

    with pytest.raises(errors.InvalidArgumentError, match="the fake tool failed"):
        await fake_streaming_tool(fail=True).astream({"word": "x"}, on_output)


async def test_a_failing_listener_raises_its_error_and_later_output_is_dropped() -> None:
    calls = 0

    async def on_output(stream: str, text: str) -> None:
        nonlocal calls
        calls += 1
        raise ValueError("listener broke")

    with anyio.fail_after(10), pytest.raises(ValueError, match="listener broke"):
        await fake_streaming_tool().astream({"word": "x"}, on_output)
    assert calls == 1
