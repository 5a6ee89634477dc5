"""Processes over HTTP (openapi/data.yaml): RunCommand in both answer forms and as a stream, background processes
with stdin and output, list/get, kill of the whole group, binary output, bad input, and cleanup on disconnect."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from data_helpers import DataPlane, gone, processes_with, sse_events, until


def path(sandbox: dict[str, Any], rest: str = "") -> str:
    return f"/sandboxes/{sandbox['sandboxId']}/processes{rest}"


async def test_cmd_answers_both_forms_the_official_consumers_read(data: DataPlane, sandbox: dict[str, Any]) -> None:
    body = {"command": "echo out; echo err >&2; pwd; exit 3", "cwd": "/home/user", "timeout": 30}
    result = await data.ok("POST", path(sandbox, "/cmd"), json_body=body)
    assert (result["stdout"], result["stderr"], result["exitCode"]) == ("out\n/home/user\n", "err\n", 3)
    assert result["result"] == {"stdout": "out\n/home/user\n", "stderr": "err\n", "exitCode": 3}
    assert result["status"] == "completed"
    assert "stdoutBase64" not in result and "stdoutDropped" not in result  # plain UTF-8, nothing cut


async def test_cmd_runs_inside_the_sandbox(data: DataPlane, sandbox: dict[str, Any]) -> None:
    command = "id -u; touch /usr/x 2>&1 || true; echo $HOME"
    result = await data.ok("POST", path(sandbox, "/cmd"), json_body={"command": command})
    uid, denied, home = result["stdout"].splitlines()
    assert uid == "1000" and "Read-only file system" in denied and home == "/home/user"


async def test_cmd_streams_output_while_the_command_runs(data: DataPlane, sandbox: dict[str, Any]) -> None:
    gate = f"/home/user/gate-{secrets.token_hex(4)}"
    command = f"echo first; while [ ! -e {gate} ]; do sleep 0.02; done; echo second"
    seen: list[dict[str, Any]] = []
    async with data.stream("POST", path(sandbox, "/cmd"), json_body={"command": command}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        async for event in sse_events(response):
            seen.append(event)
            if event == {"type": "stdout", "text": "first\n"}:
                # The command is still waiting for the gate: the first line came before the end.
                await data.ok(
                    "POST", f"/sandboxes/{sandbox['sandboxId']}/files", json_body={"path": gate, "content": ""}
                )
    assert seen[0] == {"type": "stdout", "text": "first\n"}
    assert "".join(e["text"] for e in seen if e["type"] == "stdout") == "first\nsecond\n"
    assert seen[-1] == {"type": "exit", "exitCode": 0}


async def test_cmd_timeout_kills_the_command(data: DataPlane, sandbox: dict[str, Any]) -> None:
    marker = f"{secrets.randbelow(10**6) + 10**6}.5"
    result = await data.ok("POST", path(sandbox, "/cmd"), json_body={"command": f"sleep {marker}", "timeout": 1})
    assert result["status"] == "timeout" and result["exitCode"] is None
    await until(lambda: gone(marker))


async def test_binary_output_is_escaped_not_lost(data: DataPlane, sandbox: dict[str, Any]) -> None:
    result = await data.ok("POST", path(sandbox, "/cmd"), json_body={"command": r"printf 'ok \377\376 é\n'"})
    assert result["stdout"] == "ok \\xff\\xfe é\n"
    assert base64.b64decode(result["stdoutBase64"]) == "ok \xff\xfe é\n".encode("latin-1")[:6] + "é\n".encode()


# Every byte value, then characters of two and three bytes that the pipe may well split between two reads.
PAYLOAD = bytes(range(256)) * 64 + "é€\n".encode() * 1000
WRITE_PAYLOAD = "python3 -c \"import sys; sys.stdout.buffer.write(bytes(range(256)) * 64 + 'é€\\n'.encode() * 1000)\""


def exact_bytes(events: list[dict[str, Any]], stream: str = "stdout") -> bytes:
    """What a client that wants the exact bytes reads: an event's `base64` when present, else its text as UTF-8."""
    chunks = [e for e in events if e["type"] == stream and "dropped" not in e]
    return b"".join(base64.b64decode(e["base64"]) if "base64" in e else e["text"].encode() for e in chunks)


async def test_output_that_is_not_utf8_also_comes_back_exactly(data: DataPlane, sandbox: dict[str, Any]) -> None:
    result = await data.ok("POST", path(sandbox, "/cmd"), json_body={"command": WRITE_PAYLOAD})
    assert result["exitCode"] == 0, result
    assert base64.b64decode(result["stdoutBase64"]) == PAYLOAD
    assert result["stdout"].startswith("\x00\x01") and "\\xff" in result["stdout"]
    async with data.stream("POST", path(sandbox, "/cmd"), json_body={"command": WRITE_PAYLOAD}) as response:
        events = [event async for event in sse_events(response)]
    assert exact_bytes(events) == PAYLOAD
    assert all("base64" not in e for e in events if e["type"] == "stdout" and e["text"].isprintable())


async def test_huge_json_output_keeps_its_tail_and_says_how_much_was_dropped(
    data: DataPlane, sandbox: dict[str, Any]
) -> None:
    result = await data.ok("POST", path(sandbox, "/cmd"), json_body={"command": "head -c 17825792 /dev/zero"})
    assert result["stdoutDropped"] == 1 << 20  # 17 MiB written, the last 16 MiB kept
    assert result["stdout"].startswith("[agentrun: 1048576 earlier bytes of this stream were dropped]\n\x00")
    assert len(result["stdout"]) == len("[agentrun: 1048576 earlier bytes of this stream were dropped]\n") + (16 << 20)


async def test_a_late_reader_is_told_what_the_buffer_dropped(data: DataPlane, sandbox: dict[str, Any]) -> None:
    started = await data.ok("POST", path(sandbox), json_body={"command": "head -c 3000000 /dev/zero | tr '\\0' a"})

    async def exited() -> bool:
        return bool((await data.ok("GET", path(sandbox, f"/{started['pid']}")))["status"] == "exited")

    await until(exited)  # all written before anyone reads: the buffer kept only the end
    async with data.stream("GET", path(sandbox, f"/{started['pid']}/output")) as response:
        events = [event async for event in sse_events(response)]
    first = events[0]
    assert first["type"] == "stdout" and first["dropped"] > 0 and "were dropped" in first["text"]
    assert first["dropped"] + len(exact_bytes(events)) == 3_000_000
    assert events[-1] == {"type": "exit", "exitCode": 0}


async def test_a_streamed_command_that_times_out_sends_its_output_then_an_unknown_exit(
    data: DataPlane, sandbox: dict[str, Any]
) -> None:
    body = {"command": "echo before; sleep 60", "timeout": 1}
    async with data.stream("POST", path(sandbox, "/cmd"), json_body=body) as response:
        events = [event async for event in sse_events(response)]
    assert events == [{"type": "stdout", "text": "before\n"}, {"type": "exit", "exitCode": None}]


async def test_a_client_that_leaves_a_streamed_command_kills_it(data: DataPlane, sandbox: dict[str, Any]) -> None:
    marker = f"{secrets.randbelow(10**6) + 10**6}.75"
    command = f"echo started; sleep {marker}"
    async with data.stream("POST", path(sandbox, "/cmd"), json_body={"command": command}) as response:
        async for event in sse_events(response):
            if event["type"] == "stdout":
                await until(lambda: _at_least(marker, 1))  # the sleep runs: leaving now must kill it
                break
    await until(lambda: gone(marker))


async def test_background_process_with_stdin_output_list_get_and_kill(data: DataPlane, sandbox: dict[str, Any]) -> None:
    started = await data.ok("POST", path(sandbox), json_body={"command": "cat; echo bye", "env": {"X": "1"}})
    pid = started["pid"]
    assert started["status"] == "running" and started["name"] == "cat" and started["cwd"] == "/home/user"
    await data.ok("POST", path(sandbox, f"/{pid}/stdin"), json_body={"data": "hello\n", "eof": True})
    async with data.stream("GET", path(sandbox, f"/{pid}/output"), json_body=None) as response:
        events = [event async for event in sse_events(response)]
    assert "".join(e["text"] for e in events if e["type"] == "stdout") == "hello\nbye\n"
    assert events[-1] == {"type": "exit", "exitCode": 0}
    listed = {p["pid"]: p for p in await data.ok("GET", path(sandbox))}
    assert listed[pid]["status"] == "exited" and listed[pid]["exitCode"] == 0

    marker = f"{secrets.randbelow(10**6) + 10**6}.125"
    sleeper = await data.ok("POST", path(sandbox), json_body={"command": f"sleep {marker} & sleep {marker}; wait"})
    await until(lambda: _at_least(marker, 2))
    assert (await data.ok("GET", path(sandbox, f"/{sleeper['pid']}")))["status"] == "running"
    await data.ok("DELETE", path(sandbox, f"/{sleeper['pid']}"))

    async def ended() -> bool:
        return bool((await data.ok("GET", path(sandbox, f"/{sleeper['pid']}")))["status"] != "running")

    await until(ended)
    got = await data.ok("GET", path(sandbox, f"/{sleeper['pid']}"))
    assert got["status"] == "killed" and got["exitCode"] == -9
    await until(lambda: gone(marker))  # the whole group went, the background sleep too


async def _at_least(marker: str, count: int) -> bool:
    return len(processes_with(marker)) >= count  # the two sleeps (and the shell, whose command line names them)


async def test_stdin_takes_bytes_as_base64(data: DataPlane, sandbox: dict[str, Any]) -> None:
    started = await data.ok("POST", path(sandbox), json_body={"command": "od -An -tx1"})
    stdin = path(sandbox, f"/{started['pid']}/stdin")
    bad = await data.request("POST", stdin, json_body={"data": "not base64!", "encoding": "base64"})
    assert bad.status_code == 400 and "base64" in bad.text
    sent = base64.b64encode(b"\x00\xff\n").decode()
    await data.ok("POST", stdin, json_body={"data": sent, "encoding": "base64", "eof": True})
    async with data.stream("GET", path(sandbox, f"/{started['pid']}/output")) as response:
        events = [event async for event in sse_events(response)]
    assert exact_bytes(events).split() == [b"00", b"ff", b"0a"]
    closed = await data.request("POST", stdin, json_body={"data": "more"})
    assert closed.status_code == 409 and "stdin" in closed.text


async def test_bad_input_gets_clear_errors(data: DataPlane, sandbox: dict[str, Any]) -> None:
    empty = await data.request("POST", path(sandbox, "/cmd"), json_body={"command": "  "})
    assert empty.status_code == 400 and "command must not be empty" in empty.text
    negative = await data.request("POST", path(sandbox, "/cmd"), json_body={"command": "true", "timeout": -1})
    assert negative.status_code == 400 and "timeout" in negative.text
    unknown = await data.request("GET", path(sandbox, "/999999"))
    assert unknown.status_code == 404 and "no process 999999" in unknown.text
    not_a_pid = await data.request("GET", path(sandbox, "/abc"))
    assert not_a_pid.status_code == 400 and "pid must be a whole number" in not_a_pid.text
    missing = await data.request("POST", "/sandboxes/sbx-nope/processes/cmd", json_body={"command": "true"})
    assert missing.status_code == 404 and "does not exist" in missing.text
