"""Chromium's own sandbox runs nested in ours: a page's renderer is in user, PID and network namespaces of its own,
under a seccomp filter stacked on the sandbox's, while the browser process stays in the sandbox's namespaces. Code
sandboxes keep refusing user namespaces (tests/local/security/test_seccomp.py); a browser sandbox allows only the
namespaces Chromium creates and chroot, not mount namespaces nor mounting."""

from __future__ import annotations

import json
import shlex

import pytest
from playwright.async_api import Browser, Page

from agentrun.local.sandbox import seccomp
from agentrun.sandbox.sandbox import Sandbox

# Run inside the browser sandbox: every process's executable and --type, Seccomp mode, PID namespace depth (NSpid has
# one pid per namespace level below the sandbox's) and namespace links (readable: the same uid owns them all).
INSPECT = r"""
import json, os
seen = []
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        cmdline = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").split()  # Chromium retitles
        status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status").read().splitlines() if ":" in line)
        namespaces = {kind: os.readlink(f"/proc/{pid}/ns/{kind}") for kind in ("user", "net", "pid")}
    except OSError:
        continue
    seen.append({
        "argv": [p.decode(errors="replace") for p in cmdline[:1] + [p for p in cmdline if p.startswith(b"--type=")]],
        "seccomp": status["Seccomp"].strip(),
        "depth": len(status["NSpid"].split()),
        "ns": namespaces,
    })
print(json.dumps(seen))
"""

# Run inside: which namespace-creating calls the sandbox refuses (unshare(2)'s errno, or "ok").
PROBE = r"""
import ctypes, errno, json, os
libc = ctypes.CDLL(None, use_errno=True)
def unshare(flags):
    pid = os.fork()
    if pid == 0:
        os._exit(0 if libc.unshare(flags) == 0 else ctypes.get_errno())
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    return "ok" if code == 0 else errno.errorcode.get(code, str(code))
print(json.dumps({
    "user": unshare(0x10000000),
    "user+mount": unshare(0x10000000 | 0x00020000),
    "user+uts": unshare(0x10000000 | 0x04000000),
    "user+cgroup": unshare(0x10000000 | 0x02000000),
}))
"""


async def _page(browser: Browser) -> Page:
    context = browser.contexts[0] if browser.contexts else await browser.new_context()
    return await context.new_page()


async def _python(sandbox: Sandbox, code: str) -> object:
    result = await sandbox.commands.run(f"python3 -I -c {shlex.quote(code)}", timeout=30)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


async def test_renderers_run_in_chromiums_own_sandbox(browser_sandbox: Sandbox) -> None:
    async with browser_sandbox.browser.playwright() as browser:
        page = await _page(browser)
        await page.goto("data:text/html,<title>sandboxed</title>")
        assert await page.title() == "sandboxed"
        processes = await _python(browser_sandbox, INSPECT)
    assert isinstance(processes, list)
    chromium = [p for p in processes if p["argv"][0].rsplit("/", 1)[-1].startswith("chromium")]  # not crashpad
    browsers = [p for p in chromium if len(p["argv"]) == 1]  # the browser process has no --type
    renderers = [p for p in chromium if "--type=renderer" in p["argv"]]
    assert len(browsers) == 1 and renderers, chromium
    (main,) = browsers
    mine = seccomp.supported()  # the sandbox's own filter: mode 2 for every process, the browser's too
    assert main["seccomp"] == ("2" if mine else "0") and main["depth"] == 1, main
    for renderer in renderers:
        assert renderer["seccomp"] == "2", renderer  # Chromium's seccomp-bpf policy
        assert renderer["depth"] >= 2, renderer  # a PID namespace below the sandbox's
        for kind in ("user", "net", "pid"):
            assert renderer["ns"][kind] != main["ns"][kind], (kind, renderer, main)


@pytest.mark.skipif(not seccomp.supported(), reason="the seccomp filter exists for x86_64 only")
async def test_a_browser_sandbox_allows_only_the_namespaces_chromium_needs(browser_sandbox: Sandbox) -> None:
    seen = await _python(browser_sandbox, PROBE)
    assert seen == {"user": "ok", "user+mount": "EPERM", "user+uts": "EPERM", "user+cgroup": "EPERM"}, seen
