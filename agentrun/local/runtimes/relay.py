"""Runs INSIDE an agent runtime's sandbox (`python -I -S -c <this file's text> SOCKET_DIR PORT AGENT_ARGV...`,
standard library only): starts the agent first (its stdout and stderr are this process's, so they reach the
instance's log), then, while the agent boots, binds `SOCKET_DIR/agent.sock` and relays each connection to the socket
to the agent's port on the sandbox's own loopback, so the server, outside the sandbox's network namespace, reaches
the agent whatever its network mode. Connections made before the agent listens are closed at once (the server's
health check retries). Exits with the agent's status (128 + N when signal N ended it); SIGTERM is passed on to the
agent.

Part of every cold start, so it starts cheaply: no site import (-S), the agent spawned before anything else is
imported, and a thread per connection direction rather than asyncio (whose import alone took ~60 ms here).
"""

import os
import sys

SOCKET_NAME = "agent.sock"
_CHUNK = 65536


def _spawn(command: list[str]) -> int:
    """The agent, started at once with stdin from /dev/null (posix_spawn: nothing else to import)."""
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0)]
    return os.posix_spawnp(command[0], command, os.environ, file_actions=actions)


# Started before the imports below, so the agent's interpreter boots while this one does.
AGENT = _spawn(sys.argv[3:]) if __name__ == "__main__" else 0

import signal  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402


def _pump(source: socket.socket, target: socket.socket) -> None:
    """One direction until EOF, which is then passed on (half-close)."""
    try:
        while chunk := source.recv(_CHUNK):
            target.sendall(chunk)
    except OSError:
        pass
    try:  # noqa: SIM105 - contextlib.suppress would be one more import in every cold start
        target.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def _relay(client: socket.socket, port: int) -> None:
    try:
        upstream = socket.create_connection(("127.0.0.1", port))
    except OSError:
        client.close()
        return
    upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    back = threading.Thread(target=_pump, args=(upstream, client), daemon=True)
    back.start()
    _pump(client, upstream)
    back.join()
    client.close()
    upstream.close()


def _serve(listener: socket.socket, port: int) -> None:
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=_relay, args=(client, port), daemon=True).start()


def _listen(socket_dir: str) -> socket.socket:
    os.makedirs(socket_dir, mode=0o700, exist_ok=True)
    path = os.path.join(socket_dir, SOCKET_NAME)
    if os.path.lexists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    cwd = os.getcwd()
    os.chdir(socket_dir)  # bound by its relative name: the host path may be longer than a socket address holds
    old_mask = os.umask(0o177)  # created 0600 (no window where it is wider)
    try:
        listener.bind(SOCKET_NAME)
    finally:
        os.umask(old_mask)
        os.chdir(cwd)
    listener.listen(128)
    return listener


def main(agent: int, socket_dir: str, port: int) -> int:
    signal.signal(signal.SIGTERM, lambda *_: os.kill(agent, signal.SIGTERM))
    listener = _listen(socket_dir)
    threading.Thread(target=_serve, args=(listener, port), daemon=True).start()
    _, status = os.waitpid(agent, 0)  # retried after the SIGTERM handler runs (PEP 475)
    listener.close()
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main(AGENT, sys.argv[1], int(sys.argv[2])))
