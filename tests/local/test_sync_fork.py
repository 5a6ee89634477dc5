"""The blocking API's connections and its one loop thread per process, against a real AgentRun Local. A plain call
is sent from the caller's thread on the client's own connections (agentrun/_core/blocking_http.py); a stream runs on
the process's loop thread. A client made before `os.fork()` (gunicorn `--preload`, multiprocessing) works in the
child on new connections, both ways, while the parent keeps using its own; every sync client of a process shares one
loop thread; a client nobody closes lets the interpreter exit cleanly.

Each scenario runs in a fresh Python process (as a real application does), bounded by a timeout, so a hang fails the
test instead of stalling it; a forked child reports with its exit code, waited for in a bounded loop."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import anyio
import pytest

from agentrun.local import LocalServer

PROCESS_TIMEOUT = 120.0
"""Seconds a scenario process may take at most: far beyond what it needs, it only turns a hang into a failure."""

COMMON = """
import json, os, sys, threading, time
from agentrun.sync import AgentRun

DATA_DIR = sys.argv[1]


def listing(client):
    return sorted(t.name for t in client.templates.list())


def loop_threads():
    return [t.name for t in threading.enumerate() if t.name == "agentrun-sync"]


def streamed(client):
    # A stream: read on the loop thread (plain calls never start it).
    return "".join(chunk.text for chunk in client.models.stream("agentrun-local-test-model", HELLO))


HELLO = [{"role": "user", "content": "hi"}]


def wait_bounded(pid, seconds=60.0):
    # The child's exit code, or 124 after killing it if it did not finish in time (it hung).
    deadline = time.monotonic() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return 124
        time.sleep(0.02)
"""


async def _run_scenario(tmp_path: Path, local: LocalServer, body: str, *flags: str) -> dict[str, Any]:
    """Run `body` (after COMMON) as a script in a new interpreter; its last stdout line is its JSON report."""
    script = tmp_path / "scenario.py"
    script.write_text(COMMON + textwrap.dedent(body))
    result = await anyio.to_thread.run_sync(
        lambda: subprocess.run(
            [sys.executable, *flags, str(script), str(local.data_dir)],
            capture_output=True,
            text=True,
            timeout=PROCESS_TIMEOUT,
            cwd=tmp_path,
        )
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


async def test_a_client_made_before_fork_works_in_the_child_and_the_parent_keeps_working(
    local: LocalServer, tmp_path: Path
) -> None:
    report = await _run_scenario(
        tmp_path,
        local,
        """
        client = AgentRun.local(DATA_DIR)
        before = listing(client)  # the parent's own connection now holds a kept-alive TLS session
        text = streamed(client)  # and so does the loop thread's pool
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                inherited = listing(client)  # made before the fork, as under gunicorn --preload
                inherited_stream = streamed(client)
                with AgentRun.local(DATA_DIR) as fresh:
                    made_here = listing(fresh)
                same = inherited == made_here == before and inherited_stream == text
                code = 0 if same and len(loop_threads()) == 1 else 2
            except BaseException:
                import traceback
                traceback.print_exc()
            finally:
                os._exit(code)
        child = wait_bounded(pid)
        after = listing(client)  # the parent's own connections still work: the child never used them
        same = before == after and streamed(client) == text
        print(json.dumps({"child": child, "same": same, "threads": loop_threads()}))
        client.close()
        """,
    )
    assert report == {"child": 0, "same": True, "threads": ["agentrun-sync"]}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
async def test_multiprocessing_workers_make_sync_calls(local: LocalServer, tmp_path: Path, method: str) -> None:
    report = await _run_scenario(
        tmp_path,
        local,
        f"""
        import multiprocessing

        CLIENT = None  # set in the parent; a forked worker inherits it, a spawned one makes its own


        def work(_):
            client = CLIENT or AgentRun.local(DATA_DIR)
            return listing(client), len(streamed(client)) > 0, len(loop_threads())


        if __name__ == "__main__":
            CLIENT = AgentRun.local(DATA_DIR)
            before = listing(CLIENT)
            with multiprocessing.get_context("{method}").Pool(2) as pool:
                answers = pool.map_async(work, range(4)).get(timeout=60)
            after = listing(CLIENT)
            print(json.dumps({{"ok": all(a == (before, True, 1) for a in answers), "same": before == after}}))
            CLIENT.close()
        """,
    )
    assert report == {"ok": True, "same": True}


async def test_every_sync_client_of_a_process_shares_one_loop_thread(local: LocalServer, tmp_path: Path) -> None:
    report = await _run_scenario(
        tmp_path,
        local,
        """
        clients = [AgentRun.local(DATA_DIR) for _ in range(5)]
        listings = {json.dumps(listing(c)) for c in clients}
        plain_calls_only = loop_threads()  # sent from this thread: no loop thread yet
        streams = {streamed(c) for c in clients}
        while_open = loop_threads()
        clients[0].close()
        after_one_close = streamed(clients[1]), listing(clients[1])  # one client's close leaves the others working
        for c in clients[1:]:
            c.close()
        print(json.dumps({"plain": plain_calls_only, "threads": while_open, "one_listing": len(listings) == 1,
                          "one_text": len(streams) == 1, "still": loop_threads()}))
        """,
    )
    assert report == {
        "plain": [], "threads": ["agentrun-sync"], "one_listing": True, "one_text": True, "still": ["agentrun-sync"]
    }  # fmt: skip


async def test_a_client_nobody_closes_lets_the_interpreter_exit_cleanly(local: LocalServer, tmp_path: Path) -> None:
    # -X dev shows ResourceWarnings: an unclosed pool or socket at exit would print to stderr, which must stay empty.
    report = await _run_scenario(
        tmp_path,
        local,
        """
        client = AgentRun.local(DATA_DIR)
        second = AgentRun.local(DATA_DIR)
        listing(client), listing(second), streamed(second)  # open connections on this thread and the loop thread
        print(json.dumps({"threads": loop_threads()}))
        """,
        "-X",
        "dev",
    )
    assert report == {"threads": ["agentrun-sync"]}
