"""What a page in a browser sandbox cannot do, on a real AgentRun Local: reach any network when its template's
network is off, reach the host's loopback (or the host's other addresses) when it is on, or take more memory than
the template's: the cgroup kills the page's renderer and the client is told, instead of waiting."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import pytest
from playwright.async_api import Browser, Page
from playwright.async_api import Error as PlaywrightError

from agentrun.client import AsyncAgentRun
from agentrun.sandbox.sandbox import Sandbox

SECRET = "host-only secret"


async def _page(browser: Browser) -> Page:
    context = browser.contexts[0] if browser.contexts else await browser.new_context()
    return await context.new_page()


@asynccontextmanager
async def _host_server(host: str) -> AsyncIterator[tuple[int, list[bytes]]]:
    """An HTTP server of the host on `host` that answers SECRET and notes each request line it gets."""
    seen: list[bytes] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(await reader.readline())
        body = SECRET.encode()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nAccess-Control-Allow-Origin: *\r\n")
        writer.write(b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, host, 0)
    try:
        yield server.sockets[0].getsockname()[1], seen
    finally:
        server.close()
        await server.wait_closed()


def _host_address() -> str | None:
    """This machine's own non-loopback IPv4 address (the one its default route leaves from), if it has one. No
    packet is sent: connecting a UDP socket only picks the route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1, never answered; nothing is sent
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


async def _load(browser: Browser, url: str) -> str:
    """What a new page gets from `url`, by fetch() and by navigation; the error text where it gets nothing."""
    page = await _page(browser)
    await page.goto("data:text/html,<title>start</title>")
    got = [
        await page.evaluate(
            "url => fetch(url, {mode: 'no-cors'}).then(r => r.text().then(t => 'fetched ' + t),"
            " e => 'fetch failed: ' + e)",
            url,
        )
    ]
    try:
        await page.goto(url, timeout=5000)
        got.append(await page.content())
    except PlaywrightError as exc:
        got.append(f"navigation failed: {exc.message.splitlines()[0]}")
    await page.close()
    return " | ".join(got)


@asynccontextmanager
async def _host_servers() -> AsyncIterator[list[tuple[str, list[bytes]]]]:
    """Host HTTP servers a page must not reach: on the host's loopback and, where there is one, on its own address
    (opened before the sandbox starts, so nothing could be missed for being bound late): (url, requests seen)."""
    async with contextlib.AsyncExitStack() as stack:
        servers = []
        for host in ["127.0.0.1", *filter(None, [_host_address()])]:
            port, seen = await stack.enter_async_context(_host_server("0.0.0.0" if host != "127.0.0.1" else host))
            servers.append((f"http://{host}:{port}/secret", seen))
        yield servers


async def _assert_unreachable(sandbox: Sandbox, servers: list[tuple[str, list[bytes]]]) -> None:
    async with sandbox.browser.playwright() as browser:
        for url, seen in servers:
            with anyio.fail_after(8):
                result = await _load(browser, url)
            assert SECRET not in result, f"the page read {url}: {result}"
            assert "failed" in result, result
            assert seen == [], f"the host's server at {url} was reached: {seen}"


async def test_with_the_network_off_a_page_fetches_nothing(browser_sandbox: Sandbox) -> None:
    # browser_sandbox's template has networkMode PRIVATE: no network here. Only this machine's addresses are tried.
    async with _host_servers() as servers:
        await _assert_unreachable(browser_sandbox, servers)
    async with browser_sandbox.browser.playwright() as browser:  # and the browser itself still works
        page = await _page(browser)
        await page.goto("data:text/html,<title>offline but alive</title>")
        assert await page.title() == "offline but alive"


async def test_with_public_network_a_page_cannot_reach_the_host(client: AsyncAgentRun, browser_template: str) -> None:
    name = f"browser-public-{uuid.uuid4().hex[:8]}"
    await client.templates.create(name, template_type="Browser", network={"networkMode": "PUBLIC"})
    # the host's loopback (the sandbox's 127.0.0.1 is its own), and the host's own interface address
    async with _host_servers() as servers, await client.sandboxes.create(name, idle_timeout=120) as sandbox:
        await _assert_unreachable(sandbox, servers)


def _oom_kills(sandbox_id: str) -> int:
    """How many processes the memory controller of the sandbox's cgroup killed (cgroup v1 or v2)."""
    root = Path("/sys/fs/cgroup")
    for name in ("memory/agentrun", "agentrun"):
        for group in (root / name).glob(f"{sandbox_id}.*"):
            for events in ("memory.oom_control", "memory.events"):
                with contextlib.suppress(OSError):
                    counts = dict(line.split() for line in (group / events).read_text().splitlines())
                    return int(counts.get("oom_kill", 0))
    raise AssertionError(f"no memory cgroup of sandbox {sandbox_id}")


ALLOCATE_WITHOUT_BOUND = """() => {
    const kept = [];
    for (;;) { const block = new Uint8Array(32 << 20); block.fill(7); kept.push(block); }
}"""


async def test_a_page_allocating_without_bound_is_killed_and_reported(
    client: AsyncAgentRun, browser_ready: None
) -> None:
    name = f"browser-small-{uuid.uuid4().hex[:8]}"
    await client.templates.create(name, template_type="Browser", memory=768, network={"networkMode": "PRIVATE"})
    async with (
        await client.sandboxes.create(name, idle_timeout=120) as sandbox,
        sandbox.browser.playwright() as browser,
    ):
        page = await _page(browser)
        await page.goto("data:text/html,<title>hungry</title>")
        crashed = anyio.Event()
        page.on("crash", lambda _: crashed.set())
        with anyio.fail_after(10), pytest.raises(PlaywrightError) as failed:
            await page.evaluate(ALLOCATE_WITHOUT_BOUND)
        assert "crash" in failed.value.message.lower(), failed.value.message
        with anyio.fail_after(5):
            await crashed.wait()  # the client is told the page died
        assert _oom_kills(sandbox.id) > 0, "the kill was not the sandbox cgroup's"
        # only the page's renderer was killed: the browser, and the sandbox, go on
        fresh = await _page(browser)
        await fresh.goto("data:text/html,<title>after the kill</title>")
        assert await fresh.title() == "after the kill"
