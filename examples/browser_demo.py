#!/usr/bin/env python3
"""A browser sandbox on AgentRun, through the async SDK: on AgentRun Local by default.

    python examples/browser_demo.py                # starts AgentRun Local in-process on a free port, in a temp dir
    python examples/browser_demo.py --env          # AGENTRUN_* variables instead (the cloud, or `agentrun local env`)
    python examples/browser_demo.py --out DIR      # where the screenshot goes (./agentrun-demo, beside the chart)

It creates a Browser template (no network) and a sandbox, puts a small web site into the sandbox and serves it there
(nothing comes from the internet), prints the live-view URL (a web page showing the sandbox's browser; it works
while this script runs), drives Chromium with Playwright over the sandbox's CDP socket: opens the form, fills it,
sends it, reads the answer, saves a screenshot, and cleans up.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import agentrun
from agentrun.sandbox import Sandbox

SITE = "/home/user/site"
PORT = 8123
FORM = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>AgentRun sign-up</title>
<style>
body { font: 16px system-ui, sans-serif; margin: 40px; background: #f4f6fb; }
form { background: white; padding: 24px; border-radius: 8px; width: 360px; box-shadow: 0 2px 8px #0002; }
label { display: block; margin: 12px 0 4px; } input { width: 100%; padding: 6px; }
button { margin-top: 16px; padding: 8px 20px; } #answer { font-weight: bold; color: #1a7f37; }
</style></head>
<body>
<h1>Sign up</h1>
<form id="signup">
  <label for="name">Name</label><input id="name" name="name" required>
  <label for="email">Email</label><input id="email" name="email" type="email" required>
  <button type="submit">Send</button>
  <p id="answer"></p>
</form>
<script>
document.getElementById("signup").addEventListener("submit", (event) => {
  event.preventDefault();
  const name = document.getElementById("name").value, email = document.getElementById("email").value;
  document.getElementById("answer").textContent = `Thanks, ${name}! We will write to ${email}.`;
});
</script>
</body></html>
"""


class Clock:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    def done(self, text: str) -> None:
        now = time.perf_counter()
        elapsed, self.started = (now - self.started) * 1000, now
        print(f"  ✓ {text:<72} {elapsed:8.1f} ms")


@contextlib.asynccontextmanager
async def connect(use_env: bool) -> AsyncIterator[agentrun.AsyncAgentRun]:
    if use_env:
        async with agentrun.AsyncAgentRun() as client:
            print(f"Using {client.config.data_base_url()}")
            yield client
        return
    from agentrun.local import run as run_local

    with tempfile.TemporaryDirectory(prefix="agentrun-browser-demo-") as data_dir:
        async with run_local(data_dir=data_dir, port=0) as local:
            print(f"AgentRun Local is serving {local.base_url} (data in {data_dir})")
            yield local.client


async def serve_site(sandbox: Sandbox, clock: Clock) -> str:
    """The form, written into the sandbox and served there by Python's http.server on the sandbox's loopback."""
    await sandbox.files.write(f"{SITE}/index.html", FORM)
    await sandbox.commands.start(f"python3 -m http.server {PORT} --bind 127.0.0.1 --directory {SITE}")
    url = f"http://127.0.0.1:{PORT}/index.html"
    probe = f"python3 -c \"import urllib.request; urllib.request.urlopen('{url}', timeout=1)\""
    for _ in range(100):
        if (await sandbox.commands.run(probe)).exit_code == 0:
            break
        await asyncio.sleep(0.05)
    else:
        raise SystemExit("the web server in the sandbox did not start")
    clock.done(f"the sign-up page is served inside the sandbox at {url}")
    return url


async def fill_the_form(sandbox: Sandbox, url: str, out: Path, clock: Clock) -> None:
    async with sandbox.browser.playwright() as browser:
        clock.done("Playwright connected over the sandbox's CDP socket")
        context = browser.contexts[0] if browser.contexts else await browser.new_context()
        page = await context.new_page()
        await page.set_viewport_size({"width": 800, "height": 520})
        await page.goto(url)
        clock.done(f"opened {await page.title()!r}")
        await page.fill("#name", "Ada Lovelace")
        await page.fill("#email", "ada@example.com")
        await page.click("button[type=submit]")
        answer = await page.locator("#answer").inner_text()
        clock.done("filled the form and sent it")
        print(f"  │ the page says: {answer}")
        path = out / "browser.png"
        await asyncio.to_thread(path.write_bytes, await page.screenshot())
        clock.done(f"saved the screenshot to {path}")


async def tour(client: agentrun.AsyncAgentRun, out: Path) -> None:
    await asyncio.to_thread(out.mkdir, parents=True, exist_ok=True)
    clock = Clock()
    print("\nA browser template and a sandbox")
    template = await client.templates.create(
        f"browser-{uuid.uuid4().hex[:6]}", template_type="Browser", network={"networkMode": "PRIVATE"}
    )
    await template.wait_until_ready()
    clock.done(f"template {template.name}: Chromium, no network")
    try:
        async with await client.sandboxes.create(template.name, idle_timeout=300) as sandbox:
            clock.done(f"sandbox {sandbox.id} is ready")
            print(f"  │ watch it live (while this runs): {sandbox.browser.viewer_url()}")
            url = await serve_site(sandbox, clock)
            await fill_the_form(sandbox, url, out, clock)
            print("\nCleaning up")
        clock.done("deleted the sandbox, its browser and its profile")
    finally:
        await template.delete()
    clock.done(f"deleted template {template.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", action="store_true", help="use AGENTRUN_* variables instead of AgentRun Local")
    parser.add_argument("--out", type=Path, default=Path("agentrun-demo"), help="where the screenshot goes")
    args = parser.parse_args()

    async def run() -> None:
        async with connect(args.env) as client:
            await tour(client, args.out)
        print(f"\nDone. The screenshot is {(args.out / 'browser.png').resolve()}")

    asyncio.run(run())


if __name__ == "__main__":
    main()
