"""The blocking API's event-loop thread: an interrupted call (Ctrl-C) cancels the coroutine behind it and lets its
clean-up run, so a stream it held is closed rather than left open on the background loop; after `os.fork()` the child
runs a loop thread of its own (tests/local/test_sync_fork.py checks the same against a real server)."""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
import warnings
from collections.abc import Callable

import anyio
import httpx
import pytest

from agentrun import errors
from agentrun._config import Config
from agentrun._core.portal import LOOP_THREAD_NAME, LoopThread, process_loop


def test_an_interrupted_call_cancels_its_coroutine_and_waits_for_its_clean_up() -> None:
    loop = LoopThread()
    started = threading.Event()
    cleaned_up: list[bool] = []

    async def holds_a_stream() -> None:
        try:
            started.set()
            await anyio.sleep_forever()
        finally:
            with anyio.CancelScope(shield=True):
                await anyio.sleep(0.05)  # clean-up that itself awaits, as closing a connection does
            cleaned_up.append(True)

    def interrupt_when_started() -> None:
        started.wait()
        os.kill(os.getpid(), signal.SIGINT)

    # Python's own Ctrl-C behaviour, whatever handler the session installed (an in-process uvicorn takes SIGINT over).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupter = threading.Thread(target=interrupt_when_started)
    interrupter.start()
    try:
        # No warning: the wait for the clean-up ends when it does (it used to sleep through the whole grace).
        with warnings.catch_warnings(), pytest.raises(KeyboardInterrupt):
            warnings.simplefilter("error")
            loop.run(holds_a_stream)
        assert cleaned_up == [True]
    finally:
        interrupter.join()
        signal.signal(signal.SIGINT, previous)
        loop.stop()


def _in_forked_child(action: Callable[[], int], seconds: float = 60.0) -> int:
    """Run `action` in a forked child and return the exit code it returns (1 if it raised, 124 if it hung: the child
    is killed past `seconds`, so the test fails instead of hanging)."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = action()
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    deadline = time.monotonic() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return 124
        time.sleep(0.02)


async def _answer() -> int:
    await anyio.sleep(0.001)
    return 42


def test_after_fork_the_child_gets_a_loop_thread_of_its_own() -> None:
    parent_loop = process_loop()
    assert parent_loop.run(_answer) == 42

    def child() -> int:
        mine = process_loop()
        threads = [t for t in threading.enumerate() if t.name == LOOP_THREAD_NAME]
        return 0 if mine is not parent_loop and mine.run(_answer) == 42 and threads == [mine._thread] else 2

    assert _in_forked_child(child) == 0
    assert parent_loop.run(_answer) == 42 and process_loop() is parent_loop


def test_a_stream_opened_before_fork_is_a_typed_error_in_the_child_not_a_hang() -> None:
    parent_loop = process_loop()

    def child() -> int:
        with pytest.raises(errors.AgentRunError, match=r"before os\.fork"):
            parent_loop.run(_answer)
        return 0

    assert _in_forked_child(child) == 0


def test_a_client_given_a_transport_before_fork_says_to_make_it_in_the_child() -> None:
    from agentrun.sync import AgentRun

    client = AgentRun(Config(access_key_id="k", access_key_secret="s"), transport=httpx.HTTPTransport())

    def child() -> int:
        with pytest.raises(errors.AgentRunError, match="create the client"):
            client.credentials.get("any")
        return 0

    try:
        assert _in_forked_child(child) == 0
    finally:
        client.close()


def test_stopping_closes_the_loop_and_its_thread() -> None:
    loop = LoopThread()
    assert loop.run(_answer) == 42
    closed: list[bool] = []

    async def before() -> None:
        closed.append(True)

    loop.stop(before, timeout=60)
    assert closed == [True] and loop.loop.is_closed() and not loop._thread.is_alive()
