"""The neutral toolsets through one framework's tools (LangChain's `StructuredTool`, the sync path): prefix and
name filters, typed errors for names models refuse, the SDK's sandbox tools (names, argument checks, results), a
sandbox created on the first call and reused (state kept between calls), and deleted at process exit when nobody
closed the toolset."""

from __future__ import annotations

import json
import uuid

import pytest
from conftest import World

from agentrun import errors
from agentrun.client import AsyncAgentRun

SCRIPT = """
from agentrun import errors
from agentrun.integration import langchain as lc

summary = {}
with lc.toolset(VALUES["tool"], prefix="items_", filter_tools_by_name=["createItem"]) as tools:
    summary["names"] = [t.name for t in tools]
    summary["args"] = sorted(tools[0].args)
    summary["sync_result"] = tools[0].invoke({"name": "sync", "count": 1})
try:
    lc.toolset(VALUES["tool"], prefix="no spaces ")
except errors.InvalidArgumentError as exc:
    summary["bad_name"] = str(exc)
try:
    lc.sandbox_toolset(VALUES["template"], template_type="Desktop")
except errors.InvalidArgumentError as exc:
    summary["unknown_type"] = str(exc)
sandbox_tools = lc.sandbox_toolset(VALUES["template"], filter_tools_by_name=lambda name: name != "write_file")
summary["sandbox_names"] = [t.name for t in sandbox_tools]
summary["before_first_call"] = sandbox_tools.toolset.sandbox_id
run_code = sandbox_tools[0]
summary["outputs"] = [run_code.invoke({"code": "x = 20\\nprint(x)"}), run_code.invoke({"code": "print(x + 1)"})]
try:
    run_code.invoke({"code": "print(1)", "language": "ruby"})
except errors.InvalidArgumentError as exc:
    summary["bad_language"] = str(exc)
summary["failed_command"] = json.loads(sandbox_tools[3].invoke({"command": "echo no >&2; exit 3"}))
summary["sandbox"] = sandbox_tools.toolset.sandbox_id
print(json.dumps(summary))  # and exit without closing: the process's exit deletes the sandbox
"""


async def test_toolsets_filter_rename_reuse_and_clean_up_at_exit(world: World, client: AsyncAgentRun) -> None:
    summary = await world.script(SCRIPT, tool=world.tool, template=world.template)
    assert summary["names"] == ["items_createItem"] and summary["args"] == ["count", "name"]
    assert summary["sync_result"] == '{"created": {"name": "sync", "count": 1}}'
    assert "'no spaces createItem'" in summary["bad_name"] and "prefix=" in summary["bad_name"]
    assert "'Desktop' is not supported" in summary["unknown_type"] and "'Browser'" in summary["unknown_type"]
    # the SDK's own sandbox tool set (client.tools.sandbox_tools): its names, argument checks and results
    assert summary["sandbox_names"] == ["run_code", "read_file", "list_files", "run_command"]
    assert summary["before_first_call"] is None  # created lazily
    stdouts = [json.loads(output)["stdout"] for output in summary["outputs"]]
    assert stdouts == ["20\n", "21\n"]  # one sandbox, one context, reused
    assert "run_code: language must be one of ['python', 'javascript']" in summary["bad_language"]
    assert summary["failed_command"] == {"stdout": "", "stderr": "no\n", "exit_code": 3}  # a result, not an error
    with pytest.raises(errors.NotFoundError):
        await client.sandboxes.get(summary["sandbox"])


BROWSER_SCRIPT = """
from agentrun.integration import langchain as lc

page = "data:text/html,<title>Hello</title><h1>Hi</h1><input id=name>"
with lc.sandbox_toolset(VALUES["template"], template_type="Browser", prefix="web_") as tools:
    by_name = {tool.name: tool for tool in tools}
    summary = {"names": sorted(by_name), "before_first_call": tools.toolset.sandbox_id}
    summary["navigated"] = json.loads(by_name["web_browser_navigate"].invoke({"url": page}))
    by_name["web_browser_fill"].invoke({"selector": "#name", "value": "Ada"})
    value = by_name["web_browser_evaluate"].invoke({"expression": "document.getElementById('name').value"})
    summary["value"] = json.loads(value)
    summary["missing"] = by_name["web_browser_click"].invoke({"selector": "#nothing", "timeout": 0.5})
    summary["sandbox"] = tools.toolset.sandbox_id
print(json.dumps(summary))
"""


async def test_a_browser_sandbox_toolset_drives_a_page_and_is_deleted(world: World, client: AsyncAgentRun) -> None:
    template = f"integrations-browser-{uuid.uuid4().hex[:6]}"
    await client.templates.create(template, template_type="Browser", network={"networkMode": "PRIVATE"})
    summary = await world.script(BROWSER_SCRIPT, template=template)
    assert {"web_browser_navigate", "web_browser_snapshot", "web_browser_tabs_list"} <= set(summary["names"])
    assert summary["before_first_call"] is None  # created lazily
    assert summary["navigated"]["title"] == "Hello"
    assert summary["value"] == {"result": "Ada"}
    assert "Timeout" in json.loads(summary["missing"])["error"]  # a selector matching nothing: a result to read
    with pytest.raises(errors.NotFoundError):
        await client.sandboxes.get(summary["sandbox"])
