"""Browser sandboxes on a real AgentRun Local: Chromium inside the sandbox, driven with Playwright over the data
plane's CDP WebSocket (/sandboxes/{id}/ws/automation)."""

from __future__ import annotations

import os
import ssl
import uuid

import anyio
import httpx
import pytest
from playwright.async_api import Browser, Page
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from agentrun import errors
from agentrun._core.http import CallOptions
from agentrun._core.request_signing import sign_data_request
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.browser import cdp, chromium
from agentrun.sandbox.sandbox import Sandbox
from agentrun.sync import AgentRun

PAGE = "data:text/html," + "<title>hello from the sandbox</title><h1 id=h>it works</h1>"
PNG = b"\x89PNG\r\n\x1a\n"


async def _page(browser: Browser) -> Page:
    context = browser.contexts[0] if browser.contexts else await browser.new_context()
    return await context.new_page()


async def test_playwright_loads_a_page_and_takes_a_screenshot(browser_sandbox: Sandbox) -> None:
    async with browser_sandbox.browser.playwright() as browser:
        page = await _page(browser)
        await page.goto(PAGE)
        assert await page.title() == "hello from the sandbox"
        assert await page.inner_text("#h") == "it works"
        assert (await page.screenshot()).startswith(PNG)


async def test_a_new_browser_is_handed_over_with_its_first_tab_settled(
    client: AsyncAgentRun, browser_ready: None, local: LocalServer
) -> None:
    """Its first tab has committed about:blank before the sandbox is READY, cold or warm: a client attaching while
    that tab still navigated (to the new-tab page, before) found a main frame without a URL, and Playwright's
    connect_over_cdp then hung until its timeout (seen in full CI runs)."""
    name = f"browser-cold-{uuid.uuid4().hex[:8]}"  # limits of their own: no warm browser of this kind yet
    await client.templates.create(name, template_type="Browser", memory=1536, network={"networkMode": "PRIVATE"})
    for _ in range(2):  # the first cold, the second perhaps warm
        async with await client.sandboxes.create(name, idle_timeout=60) as sandbox:
            url, headers = sandbox.browser.cdp_url_with_headers()
            async with connect(url, additional_headers=headers, ssl=_tls(local), max_size=None) as ws:
                commands = cdp.Commands(ws)
                page = await commands.first_page()
                assert page is not None, "the browser has a tab"
                attached = await commands.call("Target.attachToTarget", {"targetId": page, "flatten": True})
                assert await commands.main_frame_url(attached["sessionId"]) == "about:blank"
            async with sandbox.browser.playwright(timeout=10) as browser:
                assert [page.url for context in browser.contexts for page in context.pages] == ["about:blank"]


async def test_two_clients_share_one_browser_and_one_leaving_keeps_it(browser_sandbox: Sandbox) -> None:
    async with browser_sandbox.browser.playwright() as first:
        page = await _page(first)
        await page.goto("data:text/html,<title>shared</title>")
        async with browser_sandbox.browser.playwright() as second:
            titles = [await p.title() for c in second.contexts for p in c.pages]
            assert "shared" in titles  # the second client sees the first one's page
        # the second client left: the first one's browser and page still work
        await page.evaluate("document.title = 'still here'")
        assert await page.title() == "still here"
    async with browser_sandbox.browser.playwright() as third:  # and a new client can connect
        page = await _page(third)
        await page.goto(PAGE)
        assert await page.title() == "hello from the sandbox"


async def test_pages_cannot_read_host_files(browser_sandbox: Sandbox, tmp_path: os.PathLike[str]) -> None:
    secret = anyio.Path(tmp_path) / "host-secret.txt"
    await secret.write_text("host secret")
    async with browser_sandbox.browser.playwright() as browser:
        page = await _page(browser)
        for url in (f"file://{secret}", "file:///etc/shadow"):
            try:
                await page.goto(url)
                text = await page.content()
            except Exception as exc:  # Chromium answers "not found" for a file it cannot see
                text = str(exc)
            assert "host secret" not in text
            assert "root:" not in text


async def test_the_automation_socket_needs_a_signature(browser_sandbox: Sandbox, local: LocalServer) -> None:
    url = browser_sandbox.browser.cdp_url()
    with pytest.raises(InvalidStatus):  # refused at the upgrade (the handshake fails)
        async with connect(url, ssl=_tls(local)):
            pass


async def test_a_plain_get_is_told_to_upgrade(
    browser_sandbox: Sandbox, client: AsyncAgentRun, raw: httpx.AsyncClient
) -> None:
    request = httpx.Request("GET", browser_sandbox.browser.cdp_url().replace("ws", "http", 1))
    sign_data_request(client.config, request)
    response = await raw.send(request)
    assert response.status_code == 426 and "WebSocket" in response.json()["message"]


async def test_the_blocking_api_drives_the_browser_too(local: LocalServer, browser_template: str) -> None:
    def drive() -> str:  # in a thread: the server answers on this test's event loop
        with (
            AgentRun(local.client.config) as blocking,
            blocking.sandboxes.create(browser_template) as sandbox,
            sandbox.browser.playwright() as browser,
        ):
            page = (browser.contexts[0] if browser.contexts else browser.new_context()).new_page()
            page.goto(PAGE)
            return page.title()

    assert await anyio.to_thread.run_sync(drive) == "hello from the sandbox"


async def test_a_code_interpreter_sandbox_has_no_browser(
    client: AsyncAgentRun, local: LocalServer, browser_ready: None
) -> None:
    name = f"code-{uuid.uuid4().hex[:8]}"
    await client.templates.create(name, network={"networkMode": "PRIVATE"})
    async with await client.sandboxes.create(name, idle_timeout=60) as sandbox:
        url, headers = sandbox.browser.cdp_url_with_headers()
        async with connect(url, ssl=_tls(local), additional_headers=headers) as socket:
            with pytest.raises(ConnectionClosed) as closed:
                await socket.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
    assert "runs no browser" in closed.value.rcvd.reason


async def test_without_chromium_create_answers_503_saying_what_to_install(
    client: AsyncAgentRun, browser_template: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chromium, "find", lambda: None)  # fault injection: this machine has no Chromium
    with pytest.raises(errors.APIStatusError) as refused:
        await client.sandboxes.create(browser_template, idle_timeout=60, options=CallOptions(max_retries=0))
    assert refused.value.status_code == 503
    assert "chromium-headless-shell" in str(refused.value)


async def test_delete_leaves_no_chromium_process(client: AsyncAgentRun, browser_template: str) -> None:
    sandbox = await client.sandboxes.create(browser_template, idle_timeout=300)
    async with sandbox.browser.playwright() as browser:
        page = await _page(browser)
        await page.goto(PAGE)
    # the sandbox's own: those in its PID namespace (warm browsers waiting for the next create run beside it)
    namespace = (await sandbox.commands.run("readlink /proc/self/ns/pid")).stdout.strip()
    ours = {pid for pid in _chromium_pids() if _pid_namespace(pid) == namespace}
    assert ours, "no Chromium process of the sandbox was found while it ran"
    await sandbox.delete()
    with anyio.fail_after(10):
        while ours & set(_chromium_pids()):  # noqa: ASYNC110 - /proc offers nothing to wait on
            await anyio.sleep(0.05)


def _tls(local: LocalServer) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(local.ca_file))


def _pid_namespace(pid: int) -> str | None:
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return None


def _chromium_pids() -> list[int]:
    """Live Chromium processes of this machine (zombies left out)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as file:
                cmdline = file.read()
            with open(f"/proc/{name}/stat") as file:
                state = file.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if b"chromium" in cmdline.split(b"\0", 1)[0] and state not in ("Z", "X"):
            found.append(int(name))
    return found
