"""Runs INSIDE an agent runtime's sandbox (`python -I -c <this file's text> SOCKET_DIR PORT AGENT_ARGV...`,
standard library only): binds `SOCKET_DIR/agent.sock`, starts the agent (its stdout and stderr are this process's,
so they reach the instance's log), and relays each connection to the socket to the agent's port on the sandbox's own
loopback, so the server, outside the sandbox's network namespace, reaches the agent whatever its network mode.
Connections made before the agent listens are closed at once (the server's health check retries). Exits with the
agent's status (128 + N when signal N ended it); SIGTERM is passed on to the agent.
"""

import asyncio
import os
import signal
import subprocess
import sys

SOCKET_NAME = "agent.sock"


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


def _prepare(socket_dir: str) -> None:
    os.makedirs(socket_dir, mode=0o700, exist_ok=True)
    os.chdir(socket_dir)  # bound by its relative name: the host path may be longer than a socket address holds
    if os.path.lexists(SOCKET_NAME):
        os.unlink(SOCKET_NAME)


def _pass_on(agent: "asyncio.subprocess.Process") -> None:
    if agent.returncode is None:
        agent.send_signal(signal.SIGTERM)


async def main(socket_dir: str, port: int, command: list[str]) -> int:
    cwd = os.getcwd()
    _prepare(socket_dir)
    server = await asyncio.start_unix_server(lambda r, w: _relay(port, r, w), path=SOCKET_NAME)
    os.chmod(SOCKET_NAME, 0o600)
    os.chdir(cwd)
    agent = await asyncio.create_subprocess_exec(*command, stdin=subprocess.DEVNULL)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, _pass_on, agent)
    try:
        code = await agent.wait()
    finally:
        server.close()
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])))
