"""Chromium in a sandbox: found on the host, started inside the sandbox (through relay.py, as one of the sandbox's
processes, so it lives in the sandbox's namespaces, seccomp filter and cgroup and dies with it), and reached over
the relay's unix socket in the workspace.

    browser = await start(handle)             # BrowserUnavailable (no Chromium here), SandboxFailed
    sock = await browser.connect()            # a socket to Chromium's DevTools port
    browser.devtools_path                     # "/devtools/browser/<id>": the browser-level CDP target

The profile (`/home/user/.browser/profile`) is in the workspace, so it is removed with the sandbox.

Where Debian's headful `chromium`, `xvfb` and `x11vnc` are installed (make system-deps), Chromium runs headful on an X
display of the sandbox's own, and `browser.connect_vnc()` reaches x11vnc's RFB server on it (the live view noVNC
clients expect). Otherwise it is the headless shell, and the live view is a CDP screencast only.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import stat
from dataclasses import dataclass
from pathlib import Path

import anyio
import anyio.to_thread
from websockets.exceptions import WebSocketException

from agentrun.local.browser import cdp
from agentrun.local.sandbox import SandboxFailed, SandboxHandle
from agentrun.local.sandbox.processes import OutputChunk, ProcessExit, ProcessHandle

# Debian's chromium-headless-shell (make system-deps); /usr is what isolated sandboxes see of the host.
CANDIDATES = ("/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium-headless-shell")
HEADFUL = "/usr/lib/chromium/chromium"  # Debian's chromium; /usr/bin/chromium is a shell wrapper
DISPLAY_TOOLS = ("/usr/bin/Xvfb", "/usr/bin/x11vnc")
INSTALL_HINT = "install Debian's chromium-headless-shell package (`make system-deps`, or apt-get install it)"
START_TIMEOUT = 30.0
STATE_DIR = ".browser"  # in the workspace: the relay's socket and the profile
_RELAY_SOURCE = (Path(__file__).parent / "relay.py").read_text()
_COMMON = (
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--disable-component-update",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--mute-audio",
    "--hide-scrollbars",
)
FLAGS = ("--headless", *_COMMON)
# Headful on the sandbox's display: one window filling the screen; --test-type hides the "unsupported flag" bar.
DISPLAY_FLAGS = ("--ozone-platform=x11", "--window-position=0,0", "--window-size=1280,800", "--test-type", *_COMMON)
# Chromium's own sandbox (renderers in user, PID and network namespaces of their own, under its seccomp-bpf policy)
# runs nested in ours, which allows exactly that for browser sandboxes (Limits.nested_sandbox). It needs a user
# namespace to nest in: where sandboxes run as root without one (the fallback isolation.detect() takes when user
# namespaces are unavailable), or without isolation, Chromium runs with --no-sandbox (as root it refuses to start
# otherwise) and our sandbox alone is the boundary.
NO_SANDBOX = "--no-sandbox"
# The first tab opens here (not at the new-tab page, which loads ~80 resources while clients attach); start() waits
# until it has committed (cdp.first_tab_settled).
START_PAGE = "about:blank"


class BrowserUnavailable(Exception):
    """No Chromium on this machine."""


def find() -> str | None:
    """(Blocking.) The Chromium executable browser sandboxes run, or None: the headful one where it can have a
    display, else the headless shell."""
    if has_display(HEADFUL):
        return HEADFUL
    for candidate in CANDIDATES:
        if os.access(candidate, os.X_OK):
            return os.path.realpath(candidate)
    found = shutil.which("chromium-headless-shell")
    return os.path.realpath(found) if found else None


def has_display(executable: str) -> bool:
    """(Blocking.) Whether `executable` runs headful on a display of the sandbox's own (Xvfb and x11vnc installed)."""
    return executable == HEADFUL and all(os.access(path, os.X_OK) for path in (HEADFUL, *DISPLAY_TOOLS))


@dataclass
class Browser:
    """Chromium running in one sandbox."""

    sandbox: SandboxHandle
    process: ProcessHandle
    port: int  # inside the sandbox's network namespace
    devtools_path: str
    display: bool = False  # headful on an X display served as RFB (connect_vnc)

    @property
    def alive(self) -> bool:
        return self.sandbox.alive and self.process.exit_code is None

    async def connect(self) -> socket.socket:
        """A connected, non-blocking socket to Chromium's DevTools port (through the relay). Raises SandboxFailed."""
        return await self._connect("cdp.sock")

    async def connect_vnc(self) -> socket.socket:
        """A connected, non-blocking socket to x11vnc's RFB server on the browser's display. Raises SandboxFailed
        (also when the browser has no display)."""
        if not self.display:
            raise SandboxFailed(f"the browser of sandbox {self.sandbox.id} has no display")
        return await self._connect("vnc.sock")

    async def _connect(self, name: str) -> socket.socket:
        if not self.alive:
            raise SandboxFailed(f"the browser of sandbox {self.sandbox.id} is not running")
        try:
            sock = await anyio.to_thread.run_sync(_connect, self.sandbox.workspace, name)
        except OSError as exc:
            raise SandboxFailed(f"cannot reach the browser of sandbox {self.sandbox.id}: {exc}") from None
        sock.setblocking(False)
        return sock


def _connect(workspace: Path, name: str) -> socket.socket:
    """(Blocking.) Connect to the relay's socket without following any link sandbox code may have put in its place:
    each component is opened relative to the last with O_NOFOLLOW, and the socket must be a socket."""
    flags = os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC
    top = os.open(workspace, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)  # the server's own directory
    try:
        directory = os.open(STATE_DIR, flags | os.O_DIRECTORY, dir_fd=top)
    finally:
        os.close(top)
    try:
        target = os.open(name, flags, dir_fd=directory)
    finally:
        os.close(directory)
    try:
        if not stat.S_ISSOCK(os.fstat(target).st_mode):
            raise OSError("the browser's socket was replaced by something else")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(f"/proc/self/fd/{target}")  # the inode opened above, whatever its path is now
        except BaseException:
            sock.close()
            raise
        return sock
    finally:
        os.close(target)


def nests_sandbox(sandbox: SandboxHandle) -> bool:
    """Whether Chromium runs with its own sandbox on in `sandbox`."""
    isolation = sandbox.isolation
    return isolation.isolated and isolation.user_namespace and sandbox.limits.nested_sandbox


async def start(sandbox: SandboxHandle, executable: str) -> Browser:
    """Start Chromium in `sandbox` and wait until its DevTools port answers through the relay and its first tab has
    committed its start page. Raises SandboxFailed, TimeoutError after START_TIMEOUT."""
    state = sandbox.isolation.inside(sandbox.paths, f"/home/user/{STATE_DIR}")
    display = await anyio.to_thread.run_sync(has_display, executable)
    flags = [*(DISPLAY_FLAGS if display else FLAGS)] + ([] if nests_sandbox(sandbox) else [NO_SANDBOX]) + [START_PAGE]
    tools = [f"--display={','.join(DISPLAY_TOOLS)}"] if display else []
    argv = [sandbox.isolation.python, "-I", "-c", _RELAY_SOURCE, state, f"{state}/profile", *tools, executable, *flags]
    process = await sandbox.start_process(shlex.join(argv))
    try:
        with anyio.fail_after(START_TIMEOUT):
            port, path = await _ready(process)
            browser = Browser(sandbox, process, port, path, display)
            try:
                await cdp.first_tab_settled(browser)
            except (OSError, WebSocketException, cdp.CDPError) as exc:
                raise SandboxFailed(f"chromium started in the sandbox but does not answer CDP: {exc}") from None
    except BaseException:
        with anyio.CancelScope(shield=True):
            await process.kill()
        raise
    return browser


async def _ready(process: ProcessHandle) -> tuple[int, str]:
    """The relay's `ready <port> <path>` line; SandboxFailed with its stderr when it exits instead."""
    stdout, stderr = b"", b""
    async for event in process.output():
        if isinstance(event, OutputChunk) and event.stream == "stdout":
            stdout += event.data
            if b"\n" in stdout:
                words = stdout.split(b"\n", 1)[0].decode().split()
                if len(words) == 3 and words[0] == "ready":
                    return int(words[1]), words[2]
                break
        elif isinstance(event, OutputChunk):
            stderr = (stderr + event.data)[-4000:]
        elif isinstance(event, ProcessExit):
            break
    detail = stderr.decode(errors="replace").strip()[-1000:]
    raise SandboxFailed(f"chromium did not start in the sandbox: {detail or 'no output'}")
