"""The zygote: the first Python process of a sandbox. It runs INSIDE the sandbox (standard library only), applies
the sandbox's rlimits once, imports the REPL worker, and then forks one worker per code context in a few
milliseconds instead of starting a new interpreter. Processes (shell commands) are forked from it too, so they run
in the sandbox's namespaces, rlimits, cgroup and environment.

    python -I zygote.py <control-fd> <config-json>

The control channel is a unix socket inherited as <control-fd>, newline-delimited JSON, one request at a time:

    engine -> zygote   {"op": "fork", "id": ..., "cwd": ..., ["exec": [argv...]]}  with the context's socket
                       attached (SCM_RIGHTS)
    engine -> zygote   {"op": "spawn", "id": ..., "command": ..., "cwd": ..., "env": {...}}  with four fds attached:
                       stdin (read end), stdout and stderr (write ends), and a unix socket for the process
    zygote -> engine   {"id": ..., "ok": true, "pid": <pid in the sandbox>}
                       | {"id": ..., "ok": false, "error": ..., ["invalid": true when the request itself was wrong]}
    engine -> zygote   {"op": "ping", "id": ...}  ->  {"id": ..., "ok": true}

`fork`: the child calls setsid() (its own process group, so the engine can kill a context's whole tree), restores
default signal dispositions, and serves the worker protocol (worker.py) on the attached socket. With `exec`, the
child instead says hello on the socket itself (with SCM_CREDENTIALS, as worker.py does), points its fds 0, 1 and 2
at /dev/null and two fresh pipes, and execs `argv + [<socket fd>, <stdout read fd>, <stderr read fd>]` (the Node
worker, worker.js, which forwards the pipes as output events).

`spawn`: the zygote forks a supervisor, which forks the command's process. That process calls setsid(), says hello
on the socket (SCM_CREDENTIALS: the engine learns its pid and opens a pidfd on it), waits for the engine's go byte
(so it cannot exit before the engine holds it), moves the pipes to fds 0-2 and execs `/bin/sh -c <command>`. The
supervisor closes its copies of the pipes, waits for the process and sends `{"type": "exit", "exitCode": n}` on the
socket (n < 0: killed by signal -n), then exits. The supervisor stays in the zygote's process group, outside the
command's, so killing the command's group never silences the report of its exit.

The zygote stays single-threaded, ignores SIGINT, lets the kernel reap its children (SIGCHLD ignored), and exits
when the engine closes the control channel.
"""

from __future__ import annotations

import array
import contextlib
import fcntl
import importlib.util
import json
import os
import resource
import signal
import socket
import struct
import sys
from collections.abc import Callable
from typing import Any

_RLIMITS = {
    "AS": resource.RLIMIT_AS,
    "CPU": resource.RLIMIT_CPU,
    "FSIZE": resource.RLIMIT_FSIZE,
    "NOFILE": resource.RLIMIT_NOFILE,
    "NPROC": resource.RLIMIT_NPROC,
}
_MAX_FDS = 8
_GO = b"\x01"  # the engine holds the spawned process: it may exec


def apply_rlimits(limits: dict[str, int]) -> None:
    """Lower the soft and hard limits (never raise them above what the zygote inherited)."""
    for name, value in limits.items():
        which = _RLIMITS[name]
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))


def load_worker() -> Callable[[socket.socket], None]:
    """Import worker.py from beside this file under a private name: the sandbox's sys.path is the user's."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
    spec = importlib.util.spec_from_file_location("_agentrun_worker", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the worker from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    serve: Callable[[socket.socket], None] = module.serve
    return serve


class Zygote:
    def __init__(self, control: socket.socket, serve: Callable[[socket.socket], None]) -> None:
        self.control = control
        self.serve_context = serve
        self.buffer = b""
        self.fds: list[int] = []

    def send(self, message: dict[str, Any]) -> None:
        self.control.sendall(json.dumps(message).encode() + b"\n")

    def receive(self) -> tuple[dict[str, Any], list[int]] | None:
        """The next request and the fds that came with it; None when the engine has gone."""
        while b"\n" not in self.buffer:
            fds = array.array("i")
            try:
                data, ancillary, _, _ = self.control.recvmsg(65536, socket.CMSG_SPACE(_MAX_FDS * fds.itemsize))
            except InterruptedError:
                continue
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                    fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
            self.fds.extend(fds)
            if not data:
                return None
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        taken, self.fds = self.fds, []
        try:
            request = json.loads(line)
        except ValueError:
            request = None
        if not isinstance(request, dict):
            _close_all(taken)
            return {"op": "invalid"}, []
        return request, taken

    def run(self) -> None:
        while True:
            received = self.receive()
            if received is None:
                return
            request, fds = received
            reply: dict[str, Any] = {"id": request.get("id")}
            try:
                if request.get("op") == "fork":
                    reply.update(self.fork(request, fds))
                elif request.get("op") == "spawn":
                    reply.update(self.spawn(request, fds))
                elif request.get("op") == "ping":
                    reply["ok"] = True
                else:
                    reply.update(ok=False, error=f"unknown request {request.get('op')!r}")
            except Exception as exc:
                reply.update(ok=False, error=f"{type(exc).__name__}: {exc}")
            finally:
                _close_all(fds)
            self.send(reply)

    def fork(self, request: dict[str, Any], fds: list[int]) -> dict[str, Any]:
        if len(fds) != 1:
            return {"ok": False, "invalid": True, "error": "a fork request carries exactly one socket"}
        argv = request.get("exec")
        if argv is not None and (not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv)):
            return {"ok": False, "invalid": True, "error": "exec must be a non-empty list of strings"}
        cwd = str(request.get("cwd") or os.getcwd())
        if not os.path.isdir(cwd):
            return {"ok": False, "invalid": True, "error": f"working directory {cwd} does not exist"}
        pid = os.fork()
        if pid == 0:
            try:
                if argv is None:
                    self.become_worker(fds[0], cwd)
                else:
                    self.exec_worker(fds[0], cwd, argv)
            finally:
                os._exit(1)
        return {"ok": True, "pid": pid}

    def become_worker(self, fd: int, cwd: str) -> None:
        self.control.close()
        os.setsid()
        for signum in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        os.chdir(cwd)
        os.environ["PWD"] = cwd
        self.serve_context(socket.socket(fileno=fd))

    def exec_worker(self, fd: int, cwd: str, argv: list[str]) -> None:
        """Become a worker written in another language: hello, stdio on pipes, exec (see the module docstring)."""
        self.control.close()
        os.setsid()
        _default_signals()
        os.chdir(cwd)
        os.environ["PWD"] = cwd
        send_hello(socket.socket(fileno=os.dup(fd)))
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.close(null)
        readers = []
        for target in (1, 2):
            read_end, write_end = os.pipe()
            _grow_pipe(write_end)
            os.dup2(write_end, target)
            os.close(write_end)
            readers.append(read_end)
        inherited = [fd, *readers]
        for number in inherited:
            os.set_inheritable(number, True)
        os.execv(argv[0], [*argv, *map(str, inherited)])

    def spawn(self, request: dict[str, Any], fds: list[int]) -> dict[str, Any]:
        if len(fds) != 4:
            return {"ok": False, "invalid": True, "error": "a spawn request carries exactly four fds"}
        command = request.get("command")
        env = request.get("env") or {}
        cwd = str(request.get("cwd") or os.getcwd())
        if not isinstance(command, str) or not isinstance(env, dict):
            return {"ok": False, "invalid": True, "error": "command must be a string and env an object"}
        if not os.path.isdir(cwd):
            return {"ok": False, "invalid": True, "error": f"working directory {cwd} does not exist"}
        environment = {**os.environ, "PWD": cwd, **{str(k): str(v) for k, v in env.items()}}
        pid = os.fork()
        if pid == 0:
            try:
                self.supervise(fds, cwd, ["/bin/sh", "-c", command], environment)
            finally:
                os._exit(1)
        return {"ok": True, "pid": pid}

    def supervise(self, fds: list[int], cwd: str, argv: list[str], env: dict[str, str]) -> None:
        """The supervisor of one spawned process: fork it, then report how it ended."""
        self.control.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # so that waitpid works
        for signum in (signal.SIGTERM, signal.SIGHUP):  # only SIGKILL (the sandbox's end) silences the report
            signal.signal(signum, signal.SIG_IGN)
        stdin, stdout, stderr, sock_fd = fds
        sock = socket.socket(fileno=sock_fd)
        try:
            child = os.fork()
        except OSError as exc:
            sock.sendall(json.dumps({"type": "failed", "error": f"cannot fork: {exc}"}).encode() + b"\n")
            return
        if child == 0:
            try:
                _exec_command(sock, (stdin, stdout, stderr), cwd, argv, env)
            finally:
                os._exit(127)
        _close_all([stdin, stdout, stderr])
        _, status = os.waitpid(child, 0)
        message = {"type": "exit", "exitCode": os.waitstatus_to_exitcode(status)}
        with contextlib.suppress(OSError):
            sock.sendall(json.dumps(message).encode() + b"\n")


def _exec_command(
    sock: socket.socket, stdio: tuple[int, int, int], cwd: str, argv: list[str], env: dict[str, str]
) -> None:
    """In the spawned process: own session, hello, wait for the engine's go, stdio, exec."""
    os.setsid()
    _default_signals()
    send_hello(sock)
    if sock.recv(1) != _GO:  # the engine gave up (cancelled, or it failed to hold this process)
        os._exit(1)
    sock.close()
    for target, fd in enumerate(stdio):
        os.dup2(fd, target)
    os.closerange(3, 1 << 16)
    try:
        os.chdir(cwd)
    except OSError as exc:
        os.write(2, f"cannot change to directory {cwd}: {exc.strerror}\n".encode())
        os._exit(1)
    try:
        os.execve(argv[0], argv, env)
    except OSError as exc:
        os.write(2, f"cannot run {argv[0]}: {exc.strerror}\n".encode())
        os._exit(127)


def send_hello(sock: socket.socket) -> None:
    """Introduce this process to the engine: its pid, also as SCM_CREDENTIALS (which the kernel translates into the
    engine's pid namespace)."""
    line = json.dumps({"type": "hello", "pid": os.getpid()}).encode() + b"\n"
    creds = struct.pack("3i", os.getpid(), os.getuid(), os.getgid())
    sent = sock.sendmsg([line], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, creds)])
    if sent < len(line):
        sock.sendall(line[sent:])


def _default_signals() -> None:
    """Default dispositions and an empty mask: ignored signals (SIGINT, SIGCHLD here; SIGPIPE, SIGXFSZ in every
    Python) would otherwise stay ignored across exec."""
    for signum in signal.valid_signals():
        if signum in (signal.SIGKILL, signal.SIGSTOP):
            continue
        with contextlib.suppress(OSError, ValueError):
            signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def _grow_pipe(fd: int) -> None:
    """Best effort: a 1 MiB pipe buffer, so a burst of output does not block the writer."""
    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


def main(argv: list[str]) -> int:
    control_fd = int(argv[1])
    config: dict[str, Any] = json.loads(argv[2]) if len(argv) > 2 else {}
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps exited contexts
    control = socket.socket(fileno=control_fd)
    try:
        apply_rlimits({str(k): int(v) for k, v in config.get("rlimits", {}).items()})
        serve = load_worker()
        for name in config.get("preload", []):
            try:
                importlib.import_module(str(name))
            except Exception as exc:
                print(f"agentrun zygote: cannot preload {name}: {exc}", file=sys.stderr)
    except BaseException as exc:
        control.sendall(json.dumps({"type": "failed", "error": f"{type(exc).__name__}: {exc}"}).encode() + b"\n")
        return 1
    control.sendall(json.dumps({"type": "ready", "pid": os.getpid()}).encode() + b"\n")
    Zygote(control, serve).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
