"""Sandbox code cannot make the server hold much memory: code in a 512 MB sandbox writes messages straight to its
worker's socket (as any code there can), as large as the server accepts and in any number, and the peak resident
memory of a server in its own process (VmHWM, reset through /proc/<pid>/clear_refs) grows by far less than what was
sent, for the JSON answer and the event stream alike; a message past the limit ends the context with the reason,
and the server keeps answering meanwhile. Large values the worker itself produces go to files it names."""

from __future__ import annotations

import ast
import json
import shutil
import ssl
import textwrap
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
from data_helpers import DataPlane, new_template, sse_events
from test_files_streaming import memory_kib, reset_peak, server  # noqa: F401 - `server`: a fixture of this module too

from agentrun.local import LocalServer
from agentrun.local.data.execution_output import JSON_RICH_LIMIT
from agentrun.local.paths import DataDir
from agentrun.local.sandbox.ipc import MAX_MESSAGE

MIB = 1024 * 1024
GROWTH_BOUND_KIB = 200 * 1024  # unfixed, each of these floods grew the server by GiBs
RESULTS = 24  # messages of 7 MiB: 168 MiB sent per flood

# Code in the sandbox writing its own protocol messages to the worker's socket, bypassing worker.py's bounds.
RAW_CHANNEL = """
import gc, sys
channel = next(o for o in gc.get_objects() if type(o).__name__ == "_Channel")
head = b'{"id":"' + channel.execution_id.encode() + b'","type":"result","data":{"text/plain":"'
"""
FLOOD = f"""
for _ in range({RESULTS}):
    channel.sock.sendall(head + b"x" * (7 * 1024 * 1024) + b'"}},"isMainResult":false}}\\n')
"""
OVERSIZED = """
channel.sock.sendall(head)
for _ in range(300):  # a 300 MiB line, in pieces: the worker never holds it whole
    channel.sock.sendall(b"x" * (1024 * 1024))
"""


@pytest.fixture(scope="module")
async def data(server: LocalServer) -> AsyncIterator[DataPlane]:  # noqa: F811 - the imported fixture
    verify = ssl.create_default_context(cafile=str(server.ca_file))
    async with httpx.AsyncClient(base_url=server.base_url, verify=verify, trust_env=False) as raw:
        yield DataPlane(raw, server)


@pytest.fixture
async def sandbox(data: DataPlane) -> AsyncIterator[dict[str, Any]]:
    created = await data.create_sandbox(await new_template(data.local, network="PRIVATE", memory=512))
    yield created
    await data.delete_sandbox(created["sandboxId"])


def server_pid(data: DataPlane) -> int:
    pid: int = json.loads(DataDir.resolve(data.local.data_dir).server_record.read_text())["pid"]
    if not reset_peak(pid):
        pytest.skip("this kernel does not let /proc/<pid>/clear_refs reset the peak RSS")
    return pid


def execute_body(*parts: str) -> dict[str, Any]:
    return {"code": "\n".join(textwrap.dedent(part) for part in parts), "timeout": 120}


def execute_path(sandbox: dict[str, Any]) -> str:
    return f"/sandboxes/{sandbox['sandboxId']}/contexts/execute"


async def peak_growth_kib(pid: int, work: Any) -> int:
    """How far the server's peak RSS rises above its current RSS while `await work()` runs."""
    reset_peak(pid)
    before = memory_kib(pid, "VmRSS")
    await work()
    return memory_kib(pid, "VmHWM") - before


async def test_a_flood_of_large_results_in_a_json_answer_is_bounded(data: DataPlane, sandbox: dict[str, Any]) -> None:
    pid = server_pid(data)
    await data.ok("POST", execute_path(sandbox), json_body=execute_body("1"))  # code paths warmed up
    answers: list[dict[str, Any]] = []
    pings: list[int] = []
    slowest = [0.0]

    async def flood() -> None:
        async with anyio.create_task_group() as group:

            async def ping() -> None:  # the server answers others meanwhile
                while True:
                    started = anyio.current_time()
                    pings.append((await data.raw.get("/health", timeout=30)).status_code)
                    slowest[0] = max(slowest[0], anyio.current_time() - started)
                    await anyio.sleep(0.2)

            group.start_soon(ping)
            answers.append(await data.ok("POST", execute_path(sandbox), json_body=execute_body(RAW_CHANNEL, FLOOD)))
            group.cancel_scope.cancel()

    growth = await peak_growth_kib(pid, flood)
    print(f"server peak RSS growth: {growth} KiB for {RESULTS * 7} MiB of results in a JSON answer")
    print(f"/health answered {len(pings)} times meanwhile, the slowest in {slowest[0]:.3f} s")
    assert growth < GROWTH_BOUND_KIB, f"the server grew by {growth} KiB"
    assert pings and set(pings) == {200}  # within the 30 s each was given, never held off until the end

    results = [item for item in answers[0]["results"] if item["type"] == "display"]
    assert len(results) == RESULTS
    kept = [item for item in results if len(item["text"]) == 7 * MIB]
    left_out = [item["text"] for item in results if item["text"].startswith("[AgentRun Local: this result")]
    assert kept and len(kept) + len(left_out) == RESULTS
    assert sum(len(item["text"]) for item in kept) * 2 <= JSON_RICH_LIMIT
    notice = left_out[-1]
    assert f"at most {JSON_RICH_LIMIT // MIB} MiB of results" in notice and "text/event-stream" in notice, notice
    path = notice.split("JSON, in ", 1)[1].split(" in the sandbox", 1)[0]
    check = f"import json\nevent = json.load(open({path!r}))\n(event['type'], len(event['data']['text/plain']))"
    whole = await data.ok("POST", execute_path(sandbox), json_body=execute_body(check))
    assert ast.literal_eval(whole["results"][0]["text"]) == ("result", 7 * MIB), whole


async def test_a_flood_of_large_results_in_an_event_stream_is_bounded(data: DataPlane, sandbox: dict[str, Any]) -> None:
    pid = server_pid(data)
    sizes: list[int] = []

    async def flood() -> None:
        body = execute_body(RAW_CHANNEL, FLOOD)
        async with data.stream("POST", execute_path(sandbox), json_body=body, timeout=120) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            async for event in sse_events(response):
                if event["type"] == "result":
                    sizes.append(len(event["data"]["text/plain"]))

    growth = await peak_growth_kib(pid, flood)
    print(f"server peak RSS growth: {growth} KiB for {RESULTS * 7} MiB of results in an event stream")
    assert growth < GROWTH_BOUND_KIB, f"the server grew by {growth} KiB"
    assert sizes == [7 * MIB] * RESULTS  # the stream has no cap: everything arrives


@pytest.mark.parametrize("stream", [False, True], ids=["json", "event-stream"])
async def test_a_message_over_the_limit_ends_the_context_with_the_reason(
    data: DataPlane, sandbox: dict[str, Any], stream: bool
) -> None:
    pid = server_pid(data)
    body = execute_body(RAW_CHANNEL, OVERSIZED)
    errors: list[dict[str, Any]] = []

    async def send() -> None:
        if not stream:
            answer = await data.ok("POST", execute_path(sandbox), json_body=body)
            errors.append(answer["error"])
            return
        async with data.stream("POST", execute_path(sandbox), json_body=body) as response:
            errors.extend([event async for event in sse_events(response) if event["type"] == "error"])

    growth = await peak_growth_kib(pid, send)
    print(f"server peak RSS growth: {growth} KiB for a 300 MiB message ({'stream' if stream else 'json'})")
    assert growth < GROWTH_BOUND_KIB, f"the server grew by {growth} KiB"
    assert [error["name"] for error in errors] == ["ContextDied"], errors
    assert f"over {MAX_MESSAGE // MIB} MiB" in errors[0]["value"], errors
    after = await data.ok("POST", execute_path(sandbox), json_body=execute_body("6 * 7"))
    assert after["results"][0]["text"] == "42"  # a fresh context: the sandbox goes on


async def test_a_huge_value_goes_whole_to_a_file_the_result_names(data: DataPlane, sandbox: dict[str, Any]) -> None:
    code = """
    class Page:
        def __repr__(self):
            return "p" * (20 * 1024 * 1024)
        def _repr_html_(self):
            return "<p>" + "h" * (20 * 1024 * 1024) + "</p>"
    Page()
    """
    answer = await data.ok("POST", execute_path(sandbox), json_body=execute_body(code))
    assert answer["exitCode"] == 0, answer["stderr"][-2000:]
    data_ = answer["results"][0]["data"]
    assert set(data_) == {"text/plain"}  # the HTML is left out, the head of the text kept
    text = data_["text/plain"]
    assert len(text) < 1 * MIB and text.startswith("p" * 1000)
    notes = [line for line in text.splitlines() if line.startswith("[AgentRun Local:")]
    assert len(notes) == 2 and "text/plain (20,971,520 characters) is cut here" in notes[0], notes
    assert "text/html (20,971,527 characters) is left out" in notes[1], notes
    paths = [note.split("it is whole in ", 1)[1].rstrip("]") for note in notes]
    check = f"import os\n[os.path.getsize(path) for path in {paths!r}]"
    sizes = await data.ok("POST", execute_path(sandbox), json_body=execute_body(check))
    assert ast.literal_eval(sizes["results"][0]["text"]) == [20 * MIB, 20 * MIB + 7], sizes


async def test_a_huge_error_is_cut_in_the_middle_saying_how_much(data: DataPlane, sandbox: dict[str, Any]) -> None:
    code = """
    def deep(n):
        return deep(n - 1) if n else 1 / 0
    try:
        deep(900)
    except ZeroDivisionError:
        raise ValueError("v" * (10 * 1024 * 1024))
    """
    answer = await data.ok("POST", execute_path(sandbox), json_body=execute_body(code))
    error = answer["error"]
    assert error["name"] == "ValueError" and len(error["value"]) < 100 * 1024, len(error["value"])
    assert "[AgentRun Local: 10,420,224 characters cut]" in error["value"]
    assert sum(len(line) for line in error["traceback"]) < 600 * 1024
    assert error["traceback"][-1].startswith("ValueError: vvv")  # the end, which says what happened, is kept


async def test_huge_javascript_output_and_values_are_bounded_too(data: DataPlane, sandbox: dict[str, Any]) -> None:
    if shutil.which("node", path="/usr/local/bin:/usr/bin:/bin") is None:
        pytest.skip("Node.js (node) is not installed under /usr: JavaScript contexts cannot run here")
    code = (
        "console.log('z'.repeat(12 * 1024 * 1024));\n"
        "({ _repr_html_() { return '<p>' + 'h'.repeat(20 * 1024 * 1024) + '</p>'; } })"
    )
    body = {"code": code, "language": "javascript", "timeout": 120}
    answer = await data.ok("POST", execute_path(sandbox), json_body=body)
    assert answer["exitCode"] == 0, answer["stderr"][-2000:]
    assert "[AgentRun Local: stdout is cut here" in answer["stdout"]  # 12 MiB in chunks, past the JSON answer's 8
    text = answer["results"][-2]["data"]["text/plain"]
    assert "[AgentRun Local: text/html (20,971,527 characters) is left out of this result" in text, text[-500:]
    path = text.split("it is whole in ", 1)[1].rstrip("]")
    size = await data.ok("POST", execute_path(sandbox), json_body=execute_body(f"import os\nos.path.getsize({path!r})"))
    assert size["results"][0]["text"] == str(20 * MIB + 7)
