"""Runs INSIDE a browser sandbox (`python -I -c <this file's text> SOCKET_DIR PROFILE CHROMIUM [FLAG...]`, standard
library only): starts Chromium with a DevTools port on the sandbox's own loopback, then relays each connection to a
unix socket in the workspace (`SOCKET_DIR/cdp.sock`) to that port, so the server, outside the sandbox's network
namespace, reaches Chromium's native multi-client CDP endpoint. Prints `ready <port> <browser path>` once it
listens; exits with Chromium.
"""

import asyncio
import os
import subprocess
import sys

SOCKET_NAME = "cdp.sock"
START_TIMEOUT = 20.0  # seconds for Chromium to write DevToolsActivePort


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


def _prepare(socket_dir: str, profile: str) -> None:
    os.makedirs(socket_dir, mode=0o700, exist_ok=True)
    os.makedirs(profile, mode=0o700, exist_ok=True)
    os.chdir(socket_dir)  # bound by its relative name: the host path may be longer than a socket address holds
    for stale in (SOCKET_NAME, os.path.join(profile, "DevToolsActivePort")):
        if os.path.lexists(stale):
            os.unlink(stale)


async def main(socket_dir: str, profile: str, command: list[str]) -> int:
    _prepare(socket_dir, profile)
    flags = [f"--user-data-dir={profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1"]
    chromium = await asyncio.create_subprocess_exec(*command, *flags, stdin=subprocess.DEVNULL, stdout=sys.stderr)
    try:
        port, browser_path = await _devtools_address(profile, chromium)
        server = await asyncio.start_unix_server(lambda r, w: _relay(port, r, w), path=SOCKET_NAME)
        os.chmod(SOCKET_NAME, 0o600)
        print(f"ready {port} {browser_path}", flush=True)
        async with server:
            return await chromium.wait()
    finally:
        if chromium.returncode is None:
            chromium.kill()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3:])))
