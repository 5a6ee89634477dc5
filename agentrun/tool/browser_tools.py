"""A browser sandbox as a tool set: navigate, click, fill, snapshot, take_screenshot, evaluate and tabs (list, new,
switch, close), each a `ToolFunction` (name, description, JSON-Schema input) with a `call`, driven with
Playwright over the sandbox's CDP socket (`sandbox.browser.playwright()`, extra `browser`).

    async with browser_toolset(client, "my-browser-template") as tools:
        await tools.call("browser_navigate", {"url": "https://example.com"})
        print((await tools.call("browser_snapshot")).text())
        openai_tools = [tool.to_openai_function() for tool in tools]

The sandbox is created from the template on the first call, and the Playwright connection opened then is kept for
the next calls (the current tab with it); `aclose()` or leaving `async with` disconnects and deletes the sandbox,
cancellation included. What a page does wrong (a selector matching nothing before the timeout, a navigation that
fails, a script that throws) comes back as a result with `is_error`, for the model to see; bad arguments raise
InvalidArgumentError. Names follow the official SDK's BrowserToolSet.
"""

from __future__ import annotations

import base64
import builtins
import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from agentrun import errors
from agentrun._core.aio import shielded
from agentrun.tool.functions import ToolFunction, ToolResult
from agentrun.tool.tool_set import SandboxToolSet, SetTool, json_result, object_schema

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page

    from agentrun.client import AsyncAgentRun

SET_NAME = "browser"
SNAPSHOT_LIMIT = 20_000  # characters of snapshot text given to a model
_SELECTOR = {
    "type": "string",
    "minLength": 1,
    "description": 'A Playwright selector: CSS (`#id`, `button.primary`), `text=Sign in`, or `role=button[name="OK"]`.',
}
_TIMEOUT = {"type": "number", "exclusiveMinimum": 0, "maximum": 300, "description": "Seconds to wait (30)."}
_INDEX = {"type": "integer", "minimum": 0, "maximum": 1000, "description": "The tab's index in browser_tabs_list."}


def _function(name: str, description: str, properties: dict[str, Any], required: builtins.list[str]) -> ToolFunction:
    return ToolFunction(name, description, object_schema(properties, required), tool=SET_NAME)


FUNCTIONS: tuple[ToolFunction, ...] = (
    _function(
        "browser_navigate",
        "Open a URL in the current tab and wait for it to load; returns the final URL, title and HTTP status.",
        {"url": {"type": "string", "minLength": 1, "description": "The address to open."}, "timeout": _TIMEOUT},
        ["url"],
    ),
    _function(
        "browser_click",
        "Click the element a selector matches in the current tab (waiting for it to be visible and enabled).",
        {"selector": _SELECTOR, "timeout": _TIMEOUT},
        ["selector"],
    ),
    _function(
        "browser_fill",
        "Type a value into the input, textarea or editable element a selector matches, replacing its content.",
        {"selector": _SELECTOR, "value": {"type": "string", "description": "The text to enter."}, "timeout": _TIMEOUT},
        ["selector", "value"],
    ),
    _function(
        "browser_snapshot",
        "The current tab's URL, title and accessibility tree (roles, names, values, as YAML): what is on the page "
        "and how to select it.",
        {},
        [],
    ),
    _function(
        "browser_take_screenshot",
        "A PNG screenshot of the current tab (base64), of the viewport or of the whole page.",
        {"full_page": {"type": "boolean", "default": False, "description": "The whole page, not just the viewport."}},
        [],
    ),
    _function(
        "browser_evaluate",
        "Evaluate a JavaScript expression (or a function's source, which is called) in the current tab and return "
        "its JSON value.",
        {"expression": {"type": "string", "minLength": 1, "description": "E.g. `document.title`."}},
        ["expression"],
    ),
    _function("browser_tabs_list", "The open tabs: index, URL, title and which one is current.", {}, []),
    _function(
        "browser_tabs_new",
        "Open a new tab (at a URL if given) and make it the current one.",
        {"url": {"type": "string", "minLength": 1, "description": "The address to open."}, "timeout": _TIMEOUT},
        [],
    ),
    _function("browser_tabs_switch", "Make the tab at an index the current one.", {"index": _INDEX}, ["index"]),
    _function(
        "browser_tabs_close",
        "Close the tab at an index (the current one if none is given); the last tab left becomes current.",
        {"index": _INDEX},
        [],
    ),
)


def _ms(given: Mapping[str, Any]) -> float:
    return float(given.get("timeout") or 30.0) * 1000


class BrowserTool(SetTool):
    """One function of a `BrowserTools` set: its `ToolFunction` description and `call`."""


class BrowserTools(SandboxToolSet[BrowserTool]):
    """The browser tool set of one sandbox from `template` (a Browser or AllInOne template), created on first use
    (see the module doc), or of the running sandbox `sandbox_id` (connected on first use, never deleted by the set).
    Iterating gives the `BrowserTool`s; `call(name, arguments)` runs one."""

    kind = SET_NAME
    FUNCTIONS = FUNCTIONS
    _stack: contextlib.AsyncExitStack | None = None  # the Playwright connection, once a call has opened it
    _browser: Browser | None = None
    _page: Page | None = None  # the current tab

    def _tool(self, function: ToolFunction) -> BrowserTool:
        return BrowserTool(self, function)

    async def _ensure(self) -> Browser:
        """(Under the lock.) The connected browser, with the sandbox created and connected now if need be."""
        sandbox = await self._open_sandbox()
        if self._browser is None or not self._browser.is_connected():
            await self._disconnect()
            stack = contextlib.AsyncExitStack()
            try:
                self._browser = await stack.enter_async_context(sandbox.browser.playwright())
            except BaseException:
                await shielded(stack.aclose)
                raise
            self._stack = stack
            self._page = None
        return self._browser

    async def _current(self, browser: Browser) -> Page:
        if self._page is None or self._page.is_closed():
            context = browser.contexts[0] if browser.contexts else await browser.new_context()
            open_pages = context.pages
            self._page = open_pages[-1] if open_pages else await context.new_page()
        return self._page

    def _tabs(self, browser: Browser) -> list[Page]:
        return [page for context in browser.contexts for page in context.pages]

    async def call(self, name: str, arguments: Mapping[str, Any] | None = None) -> ToolResult:
        """Run tool `name` with `arguments` (checked against its input schema: InvalidArgumentError). What the
        page does wrong comes back as a result with `is_error` (see the module doc); the sandbox API's errors are
        raised."""
        given = self._checked(name, arguments)
        # the browser extra: present once a browser is connected
        from playwright.async_api import Error as PlaywrightError

        async with self._lock:
            browser = await self._ensure()
            try:
                return await self._run(name, given, browser)
            except PlaywrightError as exc:
                return json_result({"error": str(exc).split("\nCall log:")[0]}, is_error=True)

    async def _run(self, name: str, given: dict[str, Any], browser: Browser) -> ToolResult:
        if name.startswith("browser_tabs_"):
            return await self._tab_call(name, given, browser)
        page = await self._current(browser)
        if name == "browser_navigate":
            response = await page.goto(given["url"], timeout=_ms(given))
            status = response.status if response is not None else None
            return json_result({"url": page.url, "title": await page.title(), "status": status})
        if name == "browser_click":
            await page.click(given["selector"], timeout=_ms(given))
            return json_result({"url": page.url, "title": await page.title()})
        if name == "browser_fill":
            await page.fill(given["selector"], given["value"], timeout=_ms(given))
            return json_result({"filled": given["selector"]})
        if name == "browser_snapshot":
            tree = await page.locator("body").aria_snapshot()
            text = f"URL: {page.url}\nTitle: {await page.title()}\n\n{tree}"
            if len(text) > SNAPSHOT_LIMIT:
                text = text[:SNAPSHOT_LIMIT] + f"\n... (cut at {SNAPSHOT_LIMIT} characters)"
            return ToolResult(200, "text/plain", text)
        if name == "browser_take_screenshot":
            png = await page.screenshot(full_page=given["full_page"])
            return json_result({"png": base64.b64encode(png).decode(), "url": page.url})
        expression = given["expression"]
        return json_result({"result": await page.evaluate(expression)})

    async def _tab_call(self, name: str, given: dict[str, Any], browser: Browser) -> ToolResult:
        current = await self._current(browser)
        tabs = self._tabs(browser)
        if name == "browser_tabs_new":
            context = current.context
            page = await context.new_page()
            self._page = page
            if given.get("url"):
                await page.goto(given["url"], timeout=_ms(given))
            return json_result({"index": self._tabs(browser).index(page), "url": page.url})
        if name == "browser_tabs_list":
            return json_result(
                [
                    {"index": i, "url": p.url, "title": await p.title(), "current": p is current}
                    for i, p in enumerate(tabs)
                ]
            )
        index = given.get("index", tabs.index(current) if current in tabs else 0)
        if index >= len(tabs):
            raise errors.InvalidArgumentError(f"{name}: there is no tab {index} (there are {len(tabs)} tabs)")
        if name == "browser_tabs_switch":
            self._page = tabs[index]
            await self._page.bring_to_front()
            return json_result({"index": index, "url": self._page.url})
        await tabs[index].close()
        if tabs[index] is current:
            self._page = None
        left = self._tabs(browser)
        if not left:  # a browser with no tab cannot be driven: open an empty one
            self._page = await current.context.new_page()
            left = [self._page]
        return json_result({"closed": index, "tabs": len(left)})

    async def _disconnect(self) -> None:
        stack, self._stack, self._browser, self._page = self._stack, None, None, None
        if stack is not None:
            await shielded(stack.aclose)

    async def _release(self) -> None:
        await self._disconnect()


def browser_toolset(
    client: AsyncAgentRun, template: str, *, idle_timeout: int | None = None, ready_timeout: float = 60.0
) -> BrowserTools:
    """The browser tools of a sandbox from `template` (Browser or AllInOne), made with `client`; no sandbox exists
    until a tool is called."""
    return BrowserTools(client.sandboxes, template, idle_timeout=idle_timeout, ready_timeout=ready_timeout)
