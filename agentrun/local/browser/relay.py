"""Runs INSIDE a browser sandbox (`python -I -c <this file's text> SOCKET_DIR PROFILE [--display=XVFB,X11VNC]
CHROMIUM [FLAG...]`, standard library only): starts Chromium with a DevTools port on the sandbox's own loopback, then
relays each connection to a unix socket in the workspace (`SOCKET_DIR/cdp.sock`) to that port, so the server,
outside the sandbox's network namespace, reaches Chromium's native multi-client CDP endpoint. With `--display`, it
first starts an X server (Xvfb) of the sandbox's own for a headful Chromium, and x11vnc serving that display as RFB
on `SOCKET_DIR/vnc.sock` (no TCP port). Prints `ready <port> <browser path>` once everything listens; exits with
Chromium.
"""

import asyncio
import os
import subprocess
import sys

SOCKET_NAME = "cdp.sock"
VNC_SOCKET_NAME = "vnc.sock"
START_TIMEOUT = 20.0  # seconds for Chromium to write DevToolsActivePort (and for the display to start)
SCREEN = "1280x800x24"
DISPLAY = ":0"


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except OSError:
        pass
    finally:
        writer.close()


async def _relay(port: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        writer.close()
        return
    await asyncio.gather(_pump(reader, up_writer), _pump(up_reader, writer))


async def _devtools_address(profile: str, chromium: "asyncio.subprocess.Process") -> tuple[int, str]:
    """Chromium writes the port it chose and the browser target's path to DevToolsActivePort."""
    path = os.path.join(profile, "DevToolsActivePort")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT
    while loop.time() < deadline:
        if chromium.returncode is not None:
            sys.exit(f"chromium exited with status {chromium.returncode} while starting")
        lines = _read_words(path)
        if len(lines) >= 2:
            return int(lines[0]), lines[1]
        await asyncio.sleep(0.01)
    sys.exit(f"chromium did not open its DevTools port within {START_TIMEOUT:g} s")


def _read_words(path: str) -> list[str]:
    try:
        with open(path) as file:
            return file.read().split()
    except OSError:
        return []


def _exists(path: str) -> bool:
    return os.path.exists(path)


def _prepare(socket_dir: str, profile: str) -> None:
    os.makedirs(socket_dir, mode=0o700, exist_ok=True)
    os.makedirs(profile, mode=0o700, exist_ok=True)
    os.chdir(socket_dir)  # bound by its relative name: the host path may be longer than a socket address holds
    for stale in (SOCKET_NAME, VNC_SOCKET_NAME, os.path.join(profile, "DevToolsActivePort")):
        if os.path.lexists(stale):
            os.unlink(stale)


async def _start_display(xvfb: str, helpers: list["asyncio.subprocess.Process"]) -> str:
    """Start Xvfb on display :0 (the sandbox has its own /tmp and network namespace, so it is free) and wait until
    it accepts connections on its socket (abstract, so it needs no /tmp/.X11-unix)."""
    server = await asyncio.create_subprocess_exec(
        xvfb, DISPLAY, "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset",
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    helpers.append(server)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT
    while True:
        try:
            _, writer = await asyncio.open_unix_connection("\0/tmp/.X11-unix/X" + DISPLAY[1:])
        except OSError:
            if server.returncode is not None or loop.time() > deadline:
                sys.exit(f"Xvfb did not start (status {server.returncode})")
            await asyncio.sleep(0.01)
            continue
        writer.close()
        return DISPLAY


async def _start_vnc(x11vnc: str, display: str, helpers: list["asyncio.subprocess.Process"]) -> None:
    """x11vnc on `display`, serving RFB on VNC_SOCKET_NAME only (-rfbport 0: no TCP port), several viewers at once."""
    server = await asyncio.create_subprocess_exec(
        x11vnc, "-display", display, "-unixsock", VNC_SOCKET_NAME, "-rfbport", "0", "-forever", "-shared", "-nopw",
        "-quiet", stdin=subprocess.DEVNULL, stdout=sys.stderr,
    )  # fmt: skip
    helpers.append(server)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT
    while not _exists(VNC_SOCKET_NAME):
        if server.returncode is not None or loop.time() > deadline:
            sys.exit(f"x11vnc did not start (status {server.returncode})")
        await asyncio.sleep(0.01)


async def main(socket_dir: str, profile: str, command: list[str]) -> int:
    _prepare(socket_dir, profile)
    helpers: list[asyncio.subprocess.Process] = []
    env = dict(os.environ)
    display_tools = command.pop(0).split("=", 1)[1].split(",") if command[0].startswith("--display=") else None
    chromium = None
    try:
        if display_tools is not None:
            env["DISPLAY"] = await _start_display(display_tools[0], helpers)
            await _start_vnc(display_tools[1], env["DISPLAY"], helpers)
        flags = [f"--user-data-dir={profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1"]
        chromium = await asyncio.create_subprocess_exec(
            *command, *flags, stdin=subprocess.DEVNULL, stdout=sys.stderr, env=env
        )
        port, browser_path = await _devtools_address(profile, chromium)
        server = await asyncio.start_unix_server(lambda r, w: _relay(port, r, w), path=SOCKET_NAME)
        os.chmod(SOCKET_NAME, 0o600)
        print(f"ready {port} {browser_path}", flush=True)
        async with server:
            return await chromium.wait()
    finally:
        for process in [chromium, *helpers]:
            if process is not None and process.returncode is None:
                process.kill()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3:])))
