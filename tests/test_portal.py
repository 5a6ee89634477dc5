"""The blocking API's event-loop thread: an interrupted call (Ctrl-C) cancels the coroutine behind it and lets its
clean-up run, so a stream it held is closed rather than left open on the background loop."""

from __future__ import annotations

import os
import signal
import threading

import anyio
import pytest

from agentrun._core.portal import LoopThread


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
        with pytest.raises(KeyboardInterrupt):
            loop.run(holds_a_stream)
        assert cleaned_up == [True]
    finally:
        interrupter.join()
        signal.signal(signal.SIGINT, previous)
        loop.stop()
