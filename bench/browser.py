#!/usr/bin/env python3
"""Browser sandboxes through this SDK over HTTP, against bare Chromium (the executable browser sandboxes run, started
headless by this process: no sandbox, relay or display) in the same run.

    python bench/browser.py [--creates 10] [--screenshots 30] [--idle 20]

AgentRun Local runs in a subprocess (`python -m agentrun.local serve`, HTTPS, temporary data dir); this process is
the client. Figures (p50 and p90 over sequential calls; reported, never asserted: a bench is not a test):

  create to CDP answer     create a Browser sandbox, open its automation socket (signed), send             target <= 300
                           Browser.getVersion, have the answer; creates --pause s apart, as an agent asks for a
                           browser now and then (the warm browsers refill in between); bare: start Chromium, read
                           its port, the same
    back to back           the same with no pause: after the warm ones, each waits for a cold start (~0.6 s)
  screenshot round trip    Playwright page.screenshot() of a small page on a connected browser
  idle browsers            how many idle browser sandboxes the server holds, and the memory each takes     target >= 20
                           (PSS of the sandbox's processes, MemAvailable's drop); bare: idle Chromiums' PSS

It needs Chromium (`make system-deps`) and Playwright (the `browser` extra).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio
from _harness import available_kib, descendants, local_server, memory_kib, summarise
from websockets.asyncio.client import connect

from agentrun import AsyncAgentRun
from agentrun.local.browser import chromium

PAGE = "data:text/html,<title>bench</title><h1>a small page</h1><p>" + "text " * 200 + "</p>"
BURST = "  back to back"
TARGETS = {"create to CDP answer": 300.0}
ROWS = ("create to CDP answer", BURST, "screenshot round trip")
Results = dict[str, dict[str, list[float]]]


async def _cdp_version(url: str, headers: dict[str, str], tls: ssl.SSLContext | None) -> None:
    async with connect(url, additional_headers=headers, ssl=tls, max_size=None, compression=None) as socket:
        await socket.send(json.dumps({"id": 1, "method": "Browser.getVersion"}))
        answer = json.loads(await socket.recv())
        if "product" not in answer.get("result", {}):
            raise RuntimeError(f"unexpected CDP answer: {answer}")


async def _screenshots(endpoint: str, headers: dict[str, str] | None, count: int) -> list[float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.connect_over_cdp(endpoint, headers=headers)
        context = browser.contexts[0] if browser.contexts else await browser.new_context()
        page = await context.new_page()
        await page.goto(PAGE)
        samples = []
        for index in range(count + 3):
            started = time.perf_counter()
            await page.screenshot()
            if index >= 3:  # the first ones warm the compositor
                samples.append((time.perf_counter() - started) * 1000)
        await browser.close()
    return samples


# -- this SDK over HTTP ---------------------------------------------------------------------------------------------


async def bench_sdk(client: AsyncAgentRun, template: str, args: argparse.Namespace) -> dict[str, list[float]]:
    verify = client.config.verify
    tls = verify if isinstance(verify, ssl.SSLContext) else None
    spaced, burst = [], []
    for index in range(2 * args.creates + 1):
        back_to_back = index > args.creates
        if index and not back_to_back:
            await anyio.sleep(args.pause)  # the warm browsers refill meanwhile
        started = time.perf_counter()
        sandbox = await client.sandboxes.create(template, idle_timeout=300)
        url, headers = sandbox.browser.cdp_url_with_headers()
        await _cdp_version(url, headers, tls)
        elapsed = (time.perf_counter() - started) * 1000
        if index:  # the first one warms the server's code paths
            (burst if back_to_back else spaced).append(elapsed)
        await sandbox.delete()
    async with await client.sandboxes.create(template, idle_timeout=300) as sandbox:
        url, headers = sandbox.browser.cdp_url_with_headers()
        from agentrun.sandbox.browser import _trust_local_ca

        _trust_local_ca(client.config.verify)  # as sandbox.browser.playwright() does, for Node
        shots = await _screenshots(url, headers, args.screenshots)
    return {"create to CDP answer": spaced, BURST: burst, "screenshot round trip": shots}


async def hold_idle(client: AsyncAgentRun, template: str, count: int, server_pid: int) -> dict[str, Any]:
    verify = client.config.verify
    tls = verify if isinstance(verify, ssl.SSLContext) else None
    before_available = available_kib()
    before_pids = set(descendants(server_pid))
    started = time.perf_counter()
    sandboxes = []
    try:
        for _ in range(count):
            sandboxes.append(await client.sandboxes.create(template, idle_timeout=600))
        create_all = time.perf_counter() - started
        await anyio.sleep(2)  # let the browsers settle
        healthy = 0
        for sandbox in sandboxes:
            try:
                with anyio.fail_after(10):
                    await _cdp_version(*sandbox.browser.cdp_url_with_headers(), tls)
                healthy += 1
            except Exception as exc:  # reported, not raised: the count is the figure
                print(f"  an idle browser did not answer: {exc!r}")
        pids = [pid for pid in descendants(server_pid) if pid not in before_pids]
        pss = sum(memory_kib(pid) for pid in pids)
        used = before_available - available_kib()
        return {
            "held": len(sandboxes),
            "healthy": healthy,
            "create_all_s": create_all,
            "processes": len(pids),
            "pss_per_browser_mib": pss / 1024 / max(1, len(sandboxes)),
            "machine_used_per_browser_mib": used / 1024 / max(1, len(sandboxes)),
            "available_mib": available_kib() / 1024,
        }
    finally:
        with anyio.CancelScope(shield=True):
            for sandbox in sandboxes:
                await sandbox.delete()


async def bench_http(data_dir: Path, server_pid: int, args: argparse.Namespace) -> tuple[dict[str, list[float]], Any]:
    async with AsyncAgentRun.local(data_dir) as client:
        template = await client.templates.create(
            "bench-browser", template_type="Browser", network={"networkMode": "PRIVATE"}
        )
        columns = await bench_sdk(client, template.name, args)
        idle = await hold_idle(client, template.name, args.idle, server_pid) if args.idle else None
    return columns, idle


# -- bare Chromium, in this process ----------------------------------------------------------------------------------


class BareChromium:
    """chromium-headless-shell with the flags the sandbox gives it (plus --no-sandbox: as root on the host it needs
    it), its own profile, a DevTools port."""

    def __init__(self, executable: str, root: Path) -> None:
        self.profile = Path(tempfile.mkdtemp(dir=root))
        flags = [f"--user-data-dir={self.profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1"]
        argv = [executable, *chromium.FLAGS, chromium.NO_SANDBOX, *flags]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    async def ready(self) -> tuple[int, str]:
        port_file = self.profile / "DevToolsActivePort"
        with anyio.fail_after(30):
            while True:
                words = port_file.read_text().split() if port_file.exists() else []
                if len(words) >= 2:
                    return int(words[0]), words[1]
                await anyio.sleep(0.002)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


async def bench_bare(root: Path, args: argparse.Namespace) -> tuple[dict[str, list[float]], dict[str, Any]]:
    executable = chromium.find()
    assert executable is not None
    creates = []
    for index in range(args.creates + 1):
        started = time.perf_counter()
        bare = BareChromium(executable, root)
        try:
            port, path = await bare.ready()
            await _cdp_version(f"ws://127.0.0.1:{port}{path}", {}, None)
            if index:
                creates.append((time.perf_counter() - started) * 1000)
        finally:
            bare.stop()
    bare = BareChromium(executable, root)
    try:
        port, _ = await bare.ready()
        shots = await _screenshots(f"http://127.0.0.1:{port}", None, args.screenshots)
    finally:
        bare.stop()
    idle: dict[str, Any] = {}
    if args.idle:
        browsers = [BareChromium(executable, root) for _ in range(args.idle)]
        try:
            for browser in browsers:
                await browser.ready()
            await anyio.sleep(2)
            pss = sum(memory_kib(pid) for b in browsers for pid in [b.process.pid, *descendants(b.process.pid)])
            idle = {"pss_per_browser_mib": pss / 1024 / len(browsers)}
        finally:
            for browser in browsers:
                browser.stop()
    return {"create to CDP answer": creates, BURST: creates, "screenshot round trip": shots}, idle


# -- report ---------------------------------------------------------------------------------------------------------


def print_figures(columns: Results) -> None:
    names = list(columns)
    print(f"\n{'p50 (p90) in ms':<24}" + "".join(f"{name:>26}" for name in names) + f"{'target':>10}")
    for figure in ROWS:
        cells = []
        for name in names:
            stats = summarise(columns[name][figure])
            cells.append(f"{stats['p50']:9.2f} ({stats['p90']:8.2f})")
        target = TARGETS.get(figure)
        goal = f"<= {target:g}" if target else ""
        print(f"{figure:<24}" + "".join(f"{cell:>26}" for cell in cells) + f"{goal:>10}")
    print("\nRatios of p50s:")
    for figure in ROWS:
        mine = summarise(columns["browser sandbox (HTTP)"][figure])["p50"]
        bare = summarise(columns["bare Chromium"][figure])["p50"]
        target = TARGETS.get(figure)
        verdict = f" ({'met' if mine <= target else 'NOT met'})" if target else ""
        print(f"  {figure:<24} sandbox {mine:.2f} ms{verdict}; {mine / bare:.2f}x bare Chromium")


def print_idle(idle: dict[str, Any], bare: dict[str, Any], target: int) -> None:
    verdict = "met" if idle["healthy"] >= target else "NOT met"
    print(
        f"\nIdle browser sandboxes: held {idle['held']}, {idle['healthy']} answering CDP ({verdict}, target >= "
        f"{target}); created in {idle['create_all_s']:.1f} s; {idle['processes']} processes"
    )
    line = f"  each: {idle['pss_per_browser_mib']:.1f} MiB PSS"
    if bare:
        line += f" ({idle['pss_per_browser_mib'] / bare['pss_per_browser_mib']:.2f}x bare Chromium's "
        line += f"{bare['pss_per_browser_mib']:.1f} MiB)"
    print(line + f"; MemAvailable dropped {idle['machine_used_per_browser_mib']:.1f} MiB per browser")
    per = max(idle["machine_used_per_browser_mib"], idle["pss_per_browser_mib"])
    available = idle["available_mib"]
    print(f"  at that rate the {available / 1024:.1f} GiB still available hold ~{available / per:.0f} more")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creates", type=int, default=10, help="creates spaced by --pause, then as many back to back")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between spaced creates (a refill: ~0.6 s)")
    parser.add_argument("--screenshots", type=int, default=30)
    parser.add_argument("--idle", type=int, default=20, help="idle browser sandboxes to hold (0 skips)")
    args = parser.parse_args()
    if chromium.find() is None:
        print(f"no Chromium: {chromium.INSTALL_HINT}")
        return 1
    with tempfile.TemporaryDirectory(prefix="agentrun-bench-") as scratch:
        data_dir = Path(scratch) / "local"
        data_dir.mkdir()
        with local_server(data_dir) as server:
            ours, idle = anyio.run(bench_http, data_dir, server.pid, args)
        bare_root = Path(scratch) / "bare"
        bare_root.mkdir()
        bare, bare_idle = anyio.run(bench_bare, bare_root, args)
    print_figures({"browser sandbox (HTTP)": ours, "bare Chromium": bare})
    if idle is not None:
        print_idle(idle, bare_idle, 20)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
