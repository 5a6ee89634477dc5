"""The browser tool set (agentrun.tool.browser_tools) on a real AgentRun Local: a browser sandbox created by the
first call, driven through Playwright over its CDP socket, and deleted on close; pages come from data: URLs (the
template's network is PRIVATE)."""

from __future__ import annotations

import base64
from urllib.parse import quote

import anyio
import pytest

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.sync import AgentRun
from agentrun.sync.tool.browser_tools import browser_toolset as sync_browser_toolset
from agentrun.tool.browser_tools import BrowserTools, browser_toolset

FORM = "data:text/html," + quote(
    "<title>Sign up</title><h1>Sign up</h1>"
    "<label>Name <input id=name></label><button id=go onclick=\"document.getElementById('out').textContent="
    "'Hello, ' + document.getElementById('name').value\">Send</button><p id=out></p>"
)


async def _ids(client: AsyncAgentRun, template: str) -> list[str]:
    return [s.id async for s in client.sandboxes.list(template_name=template) if s.status != "DELETED"]


async def test_a_session_of_tools_drives_one_lazily_created_browser(
    client: AsyncAgentRun, browser_template: str
) -> None:
    before = set(await _ids(client, browser_template))
    tools = browser_toolset(client, browser_template, idle_timeout=300)
    assert {t.name for t in tools} >= {"browser_navigate", "browser_snapshot", "browser_tabs_switch"}
    assert tools.sandbox is None  # nothing is created before a call
    async with tools:
        navigated = await tools.call("browser_navigate", {"url": FORM})
        assert navigated.body["title"] == "Sign up" and not navigated.is_error
        assert (await tools.call("browser_fill", {"selector": "#name", "value": "Ada"})).body == {"filled": "#name"}
        await tools.call("browser_click", {"selector": "text=Send"})
        snapshot = (await tools.call("browser_snapshot")).text()
        assert "Title: Sign up" in snapshot and 'heading "Sign up"' in snapshot and "Hello, Ada" in snapshot
        value = await tools.call("browser_evaluate", {"expression": "document.getElementById('out').textContent"})
        assert value.body == {"result": "Hello, Ada"}
        shot = await tools.call("browser_take_screenshot", {"full_page": True})
        assert base64.b64decode(shot.body["png"]).startswith(b"\x89PNG")

        opened = await tools.call("browser_tabs_new", {"url": "data:text/html,<title>second</title>"})
        tabs = (await tools.call("browser_tabs_list")).body
        assert [t["title"] for t in tabs if t["current"]] == ["second"] and opened.body["index"] == len(tabs) - 1
        first = next(t["index"] for t in tabs if t["title"] == "Sign up")
        await tools.call("browser_tabs_switch", {"index": first})
        assert (await tools.call("browser_evaluate", {"expression": "document.title"})).body["result"] == "Sign up"
        await tools.call("browser_tabs_close", {"index": opened.body["index"]})
        assert [t["title"] for t in (await tools.call("browser_tabs_list")).body if t["current"]] == ["Sign up"]

        assert tools.sandbox is not None
        created = set(await _ids(client, browser_template)) - before
        assert created == {tools.sandbox.id}  # one sandbox for all the calls
    assert set(await _ids(client, browser_template)) - before == set()  # deleted on close
    with pytest.raises(errors.InvalidArgumentError, match="closed"):
        await tools.call("browser_snapshot")


async def test_what_the_page_does_wrong_is_an_error_result(client: AsyncAgentRun, browser_template: str) -> None:
    async with browser_toolset(client, browser_template, idle_timeout=300) as tools:
        await tools.call("browser_navigate", {"url": FORM})
        missing = await tools.call("browser_click", {"selector": "#nothing-here", "timeout": 0.5})
        assert missing.is_error and "Timeout" in missing.body["error"]
        thrown = await tools.call("browser_evaluate", {"expression": "() => { throw new Error('boom') }"})
        assert thrown.is_error and "boom" in thrown.body["error"]
        # the browser goes on
        assert (await tools.call("browser_evaluate", {"expression": "1 + 1"})).body == {"result": 2}
        with pytest.raises(errors.InvalidArgumentError, match="no tab 7"):
            await tools.call("browser_tabs_switch", {"index": 7})


async def test_bad_calls_are_refused_before_any_sandbox_exists(client: AsyncAgentRun, browser_template: str) -> None:
    tools = BrowserTools(client.sandboxes, browser_template)
    with pytest.raises(errors.InvalidArgumentError, match="no browser tool"):
        await tools.call("browser_fly")
    with pytest.raises(errors.InvalidArgumentError, match="needs the argument 'url'"):
        await tools.call("browser_navigate", {})
    with pytest.raises(errors.InvalidArgumentError, match="takes no argument 'href'"):
        await tools.call("browser_navigate", {"url": "about:blank", "href": "x"})
    with pytest.raises(errors.InvalidArgumentError, match="full_page must be a boolean"):
        await tools.call("browser_take_screenshot", {"full_page": "yes"})
    assert tools.sandbox is None
    await tools.aclose()
    openai = tools.get("browser_fill").to_openai_function()
    assert openai["function"]["parameters"]["required"] == ["selector", "value"]
    assert tools.get("browser_click").to_anthropic_tool()["input_schema"]["properties"]["selector"]["type"] == "string"


async def test_the_blocking_twin_drives_the_browser_too(local: LocalServer, browser_template: str) -> None:
    def drive() -> object:  # in a thread: the server answers on this test's event loop
        with AgentRun(local.client.config) as blocking, sync_browser_toolset(blocking, browser_template) as tools:
            tools.call("browser_navigate", {"url": FORM})
            tools.call("browser_fill", {"selector": "#name", "value": "Grace"})
            tools.call("browser_click", {"selector": "#go"})
            return tools.call("browser_evaluate", {"expression": "document.getElementById('out').textContent"}).body

    assert await anyio.to_thread.run_sync(drive) == {"result": "Hello, Grace"}
