"""ExecuteCode on the data plane (openapi/data.yaml): the JSON ExecutionResult both known consumers read, state
kept in named contexts, stateless execution, timeouts, bad input, and large or binary output."""

from __future__ import annotations

import json
from typing import Any

from data_helpers import DataPlane


def execute_path(sandbox: dict[str, Any]) -> str:
    return f"/sandboxes/{sandbox['sandboxId']}/contexts/execute"


async def new_context(data: DataPlane, sandbox: dict[str, Any]) -> str:
    return str((await data.ok("POST", f"/sandboxes/{sandbox['sandboxId']}/contexts", json_body={}))["id"])


async def test_json_result_satisfies_both_consumers(data: DataPlane, sandbox: dict[str, Any]) -> None:
    context_id = await new_context(data, sandbox)
    code = "import sys\nprint('out')\nprint('err', file=sys.stderr)\n6 * 7"
    result = await data.ok("POST", execute_path(sandbox), json_body={"code": code, "contextId": context_id})
    # RAGFlow reads results[] (typed items, endOfExecution with a status) and contextId
    assert result["contextId"] == context_id
    assert [item["type"] for item in result["results"]] == ["stdout", "stderr", "result", "endOfExecution"]
    assert result["results"][0]["text"] == "out\n" and result["results"][1]["text"] == "err\n"
    assert result["results"][2]["text"] == "42" and result["results"][2]["isMainResult"] is True
    assert result["results"][-1] == {"type": "endOfExecution", "status": "ok"}
    # the SDK's own run_code tool reads top-level stdout, stderr and exitCode
    assert (result["stdout"], result["stderr"], result["exitCode"]) == ("out\n", "err\n", 0)
    assert result["executionCount"] == 1 and result["error"] is None


async def test_an_exception_is_a_structured_error(data: DataPlane, sandbox: dict[str, Any]) -> None:
    result = await data.ok("POST", execute_path(sandbox), json_body={"code": "print('before')\n1 / 0"})
    assert result["exitCode"] == 1 and result["stdout"] == "before\n"
    assert result["error"]["name"] == "ZeroDivisionError" and "division by zero" in result["error"]["value"]
    assert result["results"][-2]["type"] == "error" and "ZeroDivisionError" in result["results"][-2]["text"]
    assert result["results"][-1] == {"type": "endOfExecution", "status": "error"}
    # Readers of the flat fields alone (the official SDK's run_code tool) see the traceback as a script's stderr.
    assert result["stderr"] == result["results"][-2]["text"] + "\n"


async def test_named_context_keeps_state(data: DataPlane, sandbox: dict[str, Any]) -> None:
    context_id = await new_context(data, sandbox)
    await data.ok("POST", execute_path(sandbox), json_body={"code": "x = 41", "contextId": context_id})
    result = await data.ok("POST", execute_path(sandbox), json_body={"code": "x + 1", "contextId": context_id})
    assert result["results"][0]["text"] == "42" and result["executionCount"] == 2


async def test_stateless_execution_leaves_no_context(data: DataPlane, sandbox: dict[str, Any]) -> None:
    first = await data.ok("POST", execute_path(sandbox), json_body={"code": "y = 1\ny", "language": "python"})
    assert first["exitCode"] == 0 and "contextId" not in first
    second = await data.ok("POST", execute_path(sandbox), json_body={"code": "y"})
    assert second["error"]["name"] == "NameError"
    assert await data.ok("GET", f"/sandboxes/{sandbox['sandboxId']}/contexts") == []


async def test_timeout_ends_the_cell_and_keeps_the_state(data: DataPlane, sandbox: dict[str, Any]) -> None:
    context_id = await new_context(data, sandbox)
    code = "kept = 'yes'\nimport time\nwhile True:\n    time.sleep(0.05)"
    result = await data.ok(
        "POST", execute_path(sandbox), json_body={"code": code, "contextId": context_id, "timeout": 1}
    )
    assert result["results"][-1] == {"type": "endOfExecution", "status": "timeout"} and result["exitCode"] == 1
    assert result["error"]["name"] == "TimeoutError"
    after = await data.ok("POST", execute_path(sandbox), json_body={"code": "kept", "contextId": context_id})
    assert after["results"][0]["text"] == "'yes'"


async def test_bad_input_says_what_to_change(data: DataPlane, sandbox: dict[str, Any]) -> None:
    path = execute_path(sandbox)
    cases: list[tuple[Any, int, str]] = [
        ({}, 400, "code"),
        ({"code": 1}, 400, "code"),
        ({"code": "1", "timeout": "soon"}, 400, "timeout"),
        ({"code": "1", "timeout": 0}, 400, "timeout"),
        ({"code": "1", "timeout": -5}, 400, "timeout"),
        ({"code": "1", "contextId": "ctx-nope"}, 404, "ctx-nope"),
        ({"code": "1", "contextId": ""}, 400, "contextId"),
        ({"code": "1", "language": "cobol"}, 400, "cobol"),
    ]
    for body, status, word in cases:
        response = await data.request("POST", path, json_body=body)
        assert response.status_code == status, (body, response.text)
        error = response.json()
        assert error["code"].startswith("ERR_") and word in error["message"] and error["requestId"], (body, error)
    not_json = await data.request("POST", path, content=b"print(1)")
    assert not_json.status_code == 400 and "JSON" in not_json.json()["message"]


async def test_language_must_match_the_named_context(data: DataPlane, sandbox: dict[str, Any]) -> None:
    context_id = await new_context(data, sandbox)
    body = {"code": "1", "contextId": context_id, "language": "javascript"}
    response = await data.request("POST", execute_path(sandbox), json_body=body)
    assert response.status_code == 400 and "python" in response.json()["message"]


async def test_execute_on_an_unknown_sandbox_is_404(data: DataPlane) -> None:
    response = await data.request("POST", "/sandboxes/sbx-nope/contexts/execute", json_body={"code": "1"})
    assert response.status_code == 404 and "sbx-nope" in response.json()["message"]


async def test_binary_output_is_valid_json_and_keeps_what_follows(data: DataPlane, sandbox: dict[str, Any]) -> None:
    code = "import sys\nsys.stdout.buffer.write(b'A\\xff\\xfeB\\x00C\\n')\nsys.stdout.flush()\nprint('after')"
    response = await data.request("POST", execute_path(sandbox), json_body={"code": code})
    assert response.status_code == 200
    result = json.loads(response.content.decode("utf-8"))  # strict UTF-8: no lone surrogates, no raw bytes
    assert result["exitCode"] == 0
    first, after = result["stdout"].split("\n")[:2]
    assert first == "A\\xff\\xfeB\x00C" and after == "after"  # undecodable bytes escaped, not dropped


async def test_huge_output_is_cut_in_json_and_kept_whole_in_the_workspace(
    data: DataPlane, sandbox: dict[str, Any]
) -> None:
    from agentrun.local.data.execution_output import JSON_OUTPUT_LIMIT

    context_id = await new_context(data, sandbox)
    line = "x" * 1023 + "\n"
    count = JSON_OUTPUT_LIMIT // 1024 + 2048  # 2 MiB past the limit
    code = f"import sys\nfor i in range({count}):\n    sys.stdout.write({line!r})\nprint('the end')\n'done'"
    result = await data.ok("POST", execute_path(sandbox), json_body={"code": code, "contextId": context_id})
    assert [item["type"] for item in result["results"]] == ["stdout", "result", "endOfExecution"]
    assert result["exitCode"] == 0 and result["results"][1]["text"] == "'done'"
    assert len(result["stdout"]) < JSON_OUTPUT_LIMIT + 4096
    notice = result["stdout"].rsplit("\n[AgentRun Local:", 1)[1]
    path = notice.split(" are in ", 1)[1].split(" in the sandbox", 1)[0]
    total = count * 1024 + len("the end\n")
    assert f"all {total:,} bytes" in notice and path.startswith("/home/user/.agentrun/output/")
    check = f"data = open({path!r}).read()\n(len(data), data.endswith('the end\\n'), set(data[:-8]) == set('x\\n'))"
    kept = await data.ok("POST", execute_path(sandbox), json_body={"code": check, "contextId": context_id})
    assert kept["results"][0]["text"] == f"({total}, True, True)"
