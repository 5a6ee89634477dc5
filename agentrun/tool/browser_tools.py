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
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

from agentrun import errors
from agentrun._core.aio import new_lock, shielded
from agentrun.sandbox.sandbox import Sandbox, Sandboxes
from agentrun.tool.functions import ToolFunction, ToolResult
from agentrun.tool.sandbox_tools import check_arguments
from agentrun.tool.tool_set import SetTool

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


def _schema(properties: dict[str, Any], required: builtins.list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _function(name: str, description: str, properties: dict[str, Any], required: builtins.list[str]) -> ToolFunction:
    return ToolFunction(name, description, _schema(properties, required), tool=SET_NAME)


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
_BY_NAME = {f.name: f for f in FUNCTIONS}


def _json(body: Any, *, is_error: bool = False) -> ToolResult:
    return ToolResult(200, "application/json", body, is_error=is_error)


def _ms(given: Mapping[str, Any]) -> float:
    return float(given.get("timeout") or 30.0) * 1000


class BrowserTool(SetTool):
    """One function of a `BrowserTools` set: its `ToolFunction` description and `call`."""


class BrowserTools:
    """The browser tool set of one sandbox from `template` (a Browser or AllInOne template), created on first use
    (see the module doc), or of the running sandbox `sandbox_id` (connected on first use, never deleted by the set).
    Iterating gives the `BrowserTool`s; `call(name, arguments)` runs one."""

    def __init__(
        self,
        sandboxes: Sandboxes,
        template: str | None = None,
        *,
        sandbox_id: str | None = None,
        idle_timeout: int | None = None,
        ready_timeout: float = 60.0,
    ) -> None:
        if (template is None) == (sandbox_id is None):
            raise errors.InvalidArgumentError("pass either template (a sandbox is created) or sandbox_id (one in use)")
        for value, what in ((template, "template"), (sandbox_id, "sandbox_id")):
            if value is not None and (not isinstance(value, str) or not value):
                raise errors.InvalidArgumentError(f"{what} must be a non-empty string, got {value!r}")
        self._sandboxes = sandboxes
        self.template = template
        self._sandbox_id = sandbox_id  # an existing sandbox: used, never deleted by this set
        self._idle_timeout = idle_timeout
        self._ready_timeout = ready_timeout
        self._lock = new_lock()
        self._sandbox: Sandbox | None = None
        self._stack: contextlib.AsyncExitStack | None = None
        self._browser: Browser | None = None
        self._page: Page | None = None
        self._closed = False
        self.functions = [BrowserTool(self, f) for f in FUNCTIONS]

    def __iter__(self) -> Iterator[BrowserTool]:
        return iter(self.functions)

    def __len__(self) -> int:
        return len(self.functions)

    def get(self, name: str) -> BrowserTool:
        for tool in self.functions:
            if tool.name == name:
                return tool
        raise errors.InvalidArgumentError(f"no browser tool {name!r} (there are {sorted(_BY_NAME)})")

    @property
    def sandbox(self) -> Sandbox | None:
        """The sandbox, once a call has created it."""
        return self._sandbox

    async def _ensure(self) -> Browser:
        """(Under the lock.) The connected browser, with the sandbox created and connected now if need be."""
        if self._closed:
            raise errors.InvalidArgumentError("these browser tools are closed: make a new set")
        if self._sandbox is None and self._sandbox_id is not None:
            self._sandbox = await self._sandboxes.connect(self._sandbox_id)
        if self._sandbox is None:
            assert self.template is not None
            sandbox = await self._sandboxes.create(
                self.template, idle_timeout=self._idle_timeout, ready_timeout=self._ready_timeout
            )
            if self._closed:  # closed while it was being created: it is nobody's now
                await shielded(sandbox._discard)
                raise errors.InvalidArgumentError("these browser tools were closed while starting their sandbox")
            self._sandbox = sandbox
        if self._browser is None or not self._browser.is_connected():
            await self._disconnect()
            stack = contextlib.AsyncExitStack()
            try:
                self._browser = await stack.enter_async_context(self._sandbox.browser.playwright())
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
        function = _BY_NAME.get(name) if isinstance(name, str) else None
        if function is None:
            raise errors.InvalidArgumentError(f"no browser tool {name!r} (there are {sorted(_BY_NAME)})")
        if arguments is not None and not isinstance(arguments, Mapping):
            raise errors.InvalidArgumentError(f"arguments must be a mapping of argument names, got {arguments!r}")
        given = check_arguments(function, arguments or {})
        # the browser extra: present once a browser is connected
        from playwright.async_api import Error as PlaywrightError

        async with self._lock:
            browser = await self._ensure()
            try:
                return await self._run(name, given, browser)
            except PlaywrightError as exc:
                return _json({"error": str(exc).split("\nCall log:")[0]}, is_error=True)

    async def _run(self, name: str, given: dict[str, Any], browser: Browser) -> ToolResult:
        if name.startswith("browser_tabs_"):
            return await self._tab_call(name, given, browser)
        page = await self._current(browser)
        if name == "browser_navigate":
            response = await page.goto(given["url"], timeout=_ms(given))
            status = response.status if response is not None else None
            return _json({"url": page.url, "title": await page.title(), "status": status})
        if name == "browser_click":
            await page.click(given["selector"], timeout=_ms(given))
            return _json({"url": page.url, "title": await page.title()})
        if name == "browser_fill":
            await page.fill(given["selector"], given["value"], timeout=_ms(given))
            return _json({"filled": given["selector"]})
        if name == "browser_snapshot":
            tree = await page.locator("body").aria_snapshot()
            text = f"URL: {page.url}\nTitle: {await page.title()}\n\n{tree}"
            if len(text) > SNAPSHOT_LIMIT:
                text = text[:SNAPSHOT_LIMIT] + f"\n... (cut at {SNAPSHOT_LIMIT} characters)"
            return ToolResult(200, "text/plain", text)
        if name == "browser_take_screenshot":
            png = await page.screenshot(full_page=given["full_page"])
            return _json({"png": base64.b64encode(png).decode(), "url": page.url})
        expression = given["expression"]
        return _json({"result": await page.evaluate(expression)})

    async def _tab_call(self, name: str, given: dict[str, Any], browser: Browser) -> ToolResult:
        current = await self._current(browser)
        tabs = self._tabs(browser)
        if name == "browser_tabs_new":
            context = current.context
            page = await context.new_page()
            self._page = page
            if given.get("url"):
                await page.goto(given["url"], timeout=_ms(given))
            return _json({"index": self._tabs(browser).index(page), "url": page.url})
        if name == "browser_tabs_list":
            return _json(
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
            return _json({"index": index, "url": self._page.url})
        await tabs[index].close()
        if tabs[index] is current:
            self._page = None
        left = self._tabs(browser)
        if not left:  # a browser with no tab cannot be driven: open an empty one
            self._page = await current.context.new_page()
            left = [self._page]
        return _json({"closed": index, "tabs": len(left)})

    async def _disconnect(self) -> None:
        stack, self._stack, self._browser, self._page = self._stack, None, None, None
        if stack is not None:
            await shielded(stack.aclose)

    async def aclose(self) -> None:
        """Disconnect and delete the sandbox (if a call created one; one given by `sandbox_id` is left alone); the
        set cannot be used afterwards."""
        self._closed = True
        try:
            await self._disconnect()
        finally:
            sandbox, self._sandbox = self._sandbox, None
            if sandbox is not None and self._sandbox_id is None:
                await shielded(sandbox._discard)

    async def __aenter__(self) -> BrowserTools:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        sandbox = self._sandbox.id if self._sandbox is not None else self._sandbox_id
        return f"BrowserTools(template={self.template!r}, sandbox={sandbox!r})"


def browser_toolset(
    client: AsyncAgentRun, template: str, *, idle_timeout: int | None = None, ready_timeout: float = 60.0
) -> BrowserTools:
    """The browser tools of a sandbox from `template` (Browser or AllInOne), made with `client`; no sandbox exists
    until a tool is called."""
    return BrowserTools(client.sandboxes, template, idle_timeout=idle_timeout, ready_timeout=ready_timeout)
