"""Browser sandboxes through agentrun-sdk's `BrowserSandbox` (sync and async), unchanged: a Browser template (the SDK
sets diskSize 10240 for it), `Sandbox.create(TemplateType.BROWSER)`, the `with` block (which polls /health), the CDP
URL with its signed headers (`get_cdp_url(with_headers=True)`), the SDK's own Playwright helper
(`sync_playwright()` / `async_playwright()`, which call `connect_over_cdp(url, headers=...)`), and Playwright's own
`connect_over_cdp` on the same URL and headers (openapi/data.yaml BrowserAutomation); a session recorded with
`sync_playwright(record=True)`, then list_recordings, download_recording and delete_recording.

Nothing here sleeps: AgentRun Local answers the first /health poll ok, so the scenario's time is Chromium's.
"""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any

from _scenario import Summary, check, elapsed, equal, run, unique

from agentrun.sandbox import Sandbox, Template, TemplateInput, TemplateType
from agentrun.sandbox.browser_sandbox import BrowserSandbox

PAGE = "data:text/html,<title>official sdk</title><h1 id=h>driven over CDP</h1>"
PNG = b"\x89PNG\r\n\x1a\n"
EBML = b"\x1a\x45\xdf\xa3"  # Matroska
ANIMATED = (
    "data:text/html,<title>recorded</title><h1 id=n>0</h1>"
    "<script>let i=0;setInterval(()=>{document.getElementById('n').textContent=++i},30)</script>"
)


def wait_for_recordings(sandbox: Any) -> list[dict[str, Any]]:
    """ListRecordings until the recorded session's file is listed (once its recording is finished)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        listed = sandbox.list_recordings()
        check(isinstance(listed, dict) and isinstance(listed.get("recordings"), list), f"list: {listed!r}")
        if listed["recordings"]:
            return list(listed["recordings"])
        time.sleep(0.1)
    raise AssertionError("the recorded session was never listed")


def template_input(name: str) -> TemplateInput:
    return TemplateInput(template_name=name, template_type=TemplateType.BROWSER, description="compat browser")


def check_cdp_url(sandbox: Any, url: str, headers: dict[str, str], what: str) -> None:
    check(url.startswith("wss://"), f"{what}: not a wss:// URL: {url}")
    check(f"/sandboxes/{sandbox.sandbox_id}/ws/automation?tenantId=" in url, f"{what}: unexpected path: {url}")
    check("Agentrun-Authorization" in headers and "x-acs-date" in headers, f"{what}: unsigned: {sorted(headers)}")


def sync_part(summary: Summary) -> None:
    from playwright.sync_api import sync_playwright

    template = unique("browser-tpl-sync")
    Template.create(template_input(template))
    start = time.monotonic()
    sandbox = Sandbox.create(TemplateType.BROWSER, template_name=template)
    summary["create_seconds"] = elapsed(start)
    check(isinstance(sandbox, BrowserSandbox), f"Sandbox.create: a {type(sandbox).__name__}, not BrowserSandbox")
    equal(sandbox.status, "READY", "Sandbox.create: status")
    with sandbox:
        url, headers = sandbox.get_cdp_url(with_headers=True)
        check_cdp_url(sandbox, url, headers, "get_cdp_url")
        with sandbox.sync_playwright() as helper:  # the SDK's own wrapper
            helper.goto(PAGE)
            summary["helper_title"] = helper.title()
            summary["helper_screenshot_png"] = bytes(helper.screenshot()).startswith(PNG)
        with sync_playwright() as playwright:  # plain Playwright on the URL and headers the SDK signed
            browser = playwright.chromium.connect_over_cdp(url, headers=headers)
            context = browser.contexts[0] if browser.contexts else browser.new_context()
            page = context.new_page()
            page.goto(PAGE)
            summary["playwright_text"] = page.inner_text("#h")
            browser.close()
        summary["health"] = sandbox.check_health()
        summary["recordings_before"] = sandbox.list_recordings()
        with sandbox.sync_playwright(record=True) as helper:  # ?recording=true
            helper.goto(ANIMATED)
            helper.wait(600)  # milliseconds of a changing page
        recordings = wait_for_recordings(sandbox)
        filename = recordings[0]["filename"]
        with tempfile.TemporaryDirectory() as local:
            saved = os.path.join(local, "session.mkv")
            download = sandbox.download_recording(filename, saved)
            with open(saved, "rb") as file:
                summary["downloaded_ebml"] = file.read(4) == EBML
        equal(download, {"saved_path": saved, "size": recordings[0]["size"]}, "download_recording")
        sandbox.delete_recording(filename)
        summary["recording_names"] = [item["filename"].endswith("_seg001.mkv") for item in recordings]
        summary["recordings_after_delete"] = sandbox.list_recordings()
    Template.delete_by_name(template)


async def async_part(summary: Summary) -> None:
    template = unique("browser-tpl-async")
    await Template.create_async(template_input(template))
    sandbox = await Sandbox.create_async(TemplateType.BROWSER, template_name=template)
    check(isinstance(sandbox, BrowserSandbox), f"create_async: a {type(sandbox).__name__}, not BrowserSandbox")
    async with sandbox:
        url, headers = sandbox.get_cdp_url(with_headers=True)
        check_cdp_url(sandbox, url, headers, "get_cdp_url (async)")
        async with sandbox.async_playwright() as helper:
            await helper.goto(PAGE)
            summary["helper_title"] = await helper.title()
            summary["helper_screenshot_png"] = bytes(await helper.screenshot()).startswith(PNG)
        summary["health"] = await sandbox.check_health_async()
    await Template.delete_by_name_async(template)


if __name__ == "__main__":
    run("browser", sync_part, async_part)
