"""Streamed execution (`Accept: text/event-stream`, an extension): events leave the server as the code produces
them, and a client that goes away mid-stream stops the execution."""

from __future__ import annotations

import json
import secrets
import signal
import subprocess
import sys
from typing import Any

import anyio
import pytest
from data_helpers import DataPlane, processes_with, sse_events, until
from local_helpers import agentrun4_headers

from agentrun.local import LocalServer

WAIT_FOR_RELEASE = """
import os, time
print('first', flush=True)
while not os.path.exists({flag!r}):
    time.sleep(0.02)
print('second')
'done'
"""


def execute_path(sandbox: dict[str, Any]) -> str:
    return f"/sandboxes/{sandbox['sandboxId']}/contexts/execute"


async def test_events_arrive_while_the_code_still_runs(data: DataPlane, sandbox: dict[str, Any]) -> None:
    flag = f"/home/user/release-{secrets.token_hex(4)}"
    body = {"code": WAIT_FOR_RELEASE.format(flag=flag)}
    async with data.stream("POST", execute_path(sandbox), json_body=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = sse_events(response)
        with anyio.fail_after(30):  # a server that held events until the end would never get here: the code waits
            first = await anext(events)
        assert first == {"type": "stdout", "text": "first\n"}
        # the code is still blocked on the flag: release it from another (stateless) execution
        await data.ok("POST", execute_path(sandbox), json_body={"code": f"open({flag!r}, 'w').close()"})
        rest = [event async for event in events]
    assert rest[0] == {"type": "stdout", "text": "second\n"}
    assert rest[1] == {"type": "result", "data": {"text/plain": "'done'"}, "isMainResult": True}
    assert rest[2]["type"] == "end" and rest[2]["status"] == "ok" and rest[2]["durationMs"] >= 0
    assert len(rest) == 3


async def test_stream_lines_name_the_event_type(data: DataPlane, sandbox: dict[str, Any]) -> None:
    async with data.stream("POST", execute_path(sandbox), json_body={"code": "print(1)\n1 / 0"}) as response:
        text = (await response.aread()).decode()
    blocks = [block.split("\n") for block in text.strip().split("\n\n")]
    kinds = [(lines[0], json.loads(lines[1].removeprefix("data: "))["type"]) for lines in blocks]
    # Output may come in several chunks (print writes the text and the newline separately; under load they can
    # travel apart): compare the sequence of kinds.
    distinct = [kind for index, kind in enumerate(kinds) if index == 0 or kinds[index - 1] != kind]
    assert distinct == [("event: stdout", "stdout"), ("event: error", "error"), ("event: end", "end")]
    assert json.loads(blocks[-1][1].removeprefix("data: "))["status"] == "error"


async def test_stream_errors_before_the_first_event_are_json(data: DataPlane, sandbox: dict[str, Any]) -> None:
    body = {"code": "1", "contextId": "ctx-nope"}
    async with data.stream("POST", execute_path(sandbox), json_body=body) as response:
        await response.aread()
    assert response.status_code == 404 and "ctx-nope" in response.json()["message"]


CLIENT = """
import json, sys, httpx
url, headers, body, ca = json.loads(sys.argv[1])
with httpx.Client(verify=ca, trust_env=False, timeout=None) as http:
    with http.stream("POST", url, headers=headers, content=body) as response:
        for line in response.iter_lines():
            if line.startswith("data:"):
                print(line, flush=True)
"""


async def stream_in_a_subprocess_then_kill_it(local: LocalServer, path: str, body: dict[str, Any]) -> None:
    """A separate client process streams `body` to `path`; once the first event has arrived it is SIGKILLed, so
    its connection drops without any goodbye."""
    full = "/data" + path
    headers = {
        **agentrun4_headers(local, "POST", full),
        "accept": "text/event-stream",
        "content-type": "application/json",
    }
    argument = json.dumps([local.base_url + full, headers, json.dumps(body), str(local.ca_file)])
    async with await anyio.open_process([sys.executable, "-c", CLIENT, argument], stdout=subprocess.PIPE) as client:
        assert client.stdout is not None
        with anyio.fail_after(30):
            first = await client.stdout.receive()
        assert b'"type":"stdout"' in first
        client.send_signal(signal.SIGKILL)


async def test_a_client_killed_mid_stream_leaves_nothing_running(
    data: DataPlane, local: LocalServer, sandbox: dict[str, Any]
) -> None:
    marker = f"{secrets.randbelow(10**6) + 10**6}.5"  # `sleep <marker>`: findable in /proc from the host
    code = (
        f"import subprocess, time\nsubprocess.Popen(['sleep', '{marker}'])\n"
        "print('running', flush=True)\nwhile True:\n    time.sleep(0.05)"
    )
    await stream_in_a_subprocess_then_kill_it(local, execute_path(sandbox), {"code": code})

    async def nothing_left() -> bool:
        return not processes_with(marker) and not await data.ok("GET", f"/sandboxes/{sandbox['sandboxId']}/contexts")

    await until(nothing_left)
    assert await data.ok("GET", f"/sandboxes/{sandbox['sandboxId']}/health") == {"status": "ok"}


async def test_a_client_killed_mid_stream_interrupts_a_named_context(
    data: DataPlane, local: LocalServer, sandbox: dict[str, Any]
) -> None:
    context = await data.ok("POST", f"/sandboxes/{sandbox['sandboxId']}/contexts", json_body={})
    code = "import time\ncount = 0\nprint('running', flush=True)\nwhile True:\n    count += 1\n    time.sleep(0.01)"
    body = {"code": code, "contextId": context["id"], "timeout": 600}
    await stream_in_a_subprocess_then_kill_it(local, execute_path(sandbox), body)
    # Executions on a context take turns: this one can only run once the loop has been stopped.
    ask = {"code": "count", "contextId": context["id"], "timeout": 600}
    with anyio.fail_after(30):
        first = await data.ok("POST", execute_path(sandbox), json_body=ask)
        second = await data.ok("POST", execute_path(sandbox), json_body=ask)
    assert int(first["results"][0]["text"]) > 0
    assert first["results"][0]["text"] == second["results"][0]["text"]  # the loop no longer runs


@pytest.mark.parametrize("accept", ["*/*", "application/json", "application/json, text/plain"])
async def test_other_accept_values_get_json(data: DataPlane, sandbox: dict[str, Any], accept: str) -> None:
    response = await data.request("POST", execute_path(sandbox), json_body={"code": "1"}, headers={"accept": accept})
    assert response.headers["content-type"] == "application/json" and response.json()["exitCode"] == 0


JSON_CLIENT = """
import json, sys, httpx
url, headers, body, ca = json.loads(sys.argv[1])
with httpx.Client(verify=ca, trust_env=False, timeout=None) as http:
    http.post(url, headers=headers, content=body)
"""


async def test_a_json_client_killed_mid_execution_interrupts_it(
    data: DataPlane, local: LocalServer, sandbox: dict[str, Any]
) -> None:
    """No stream, the same rule: the answer has nobody to go to, so the execution stops."""
    context = await data.ok("POST", f"/sandboxes/{sandbox['sandboxId']}/contexts", json_body={})
    flag = f"/home/user/started-{secrets.token_hex(4)}"
    code = f"import time\nopen({flag!r}, 'w').close()\nwhile True:\n    time.sleep(0.01)"
    full = "/data" + execute_path(sandbox)
    headers = {**agentrun4_headers(local, "POST", full), "content-type": "application/json"}
    body = json.dumps({"code": code, "contextId": context["id"], "timeout": 600})
    argument = json.dumps([local.base_url + full, headers, body, str(local.ca_file)])

    async def started() -> bool:
        check = {"code": f"import os\nos.path.exists({flag!r})"}
        return (await data.ok("POST", execute_path(sandbox), json_body=check))["results"][0]["text"] == "True"

    async with await anyio.open_process([sys.executable, "-c", JSON_CLIENT, argument]) as client:
        await until(started)
        client.send_signal(signal.SIGKILL)
    with anyio.fail_after(30):  # the context is free again only once the loop has been stopped
        after = await data.ok("POST", execute_path(sandbox), json_body={"code": "'free'", "contextId": context["id"]})
    assert after["results"][0]["text"] == "'free'"
