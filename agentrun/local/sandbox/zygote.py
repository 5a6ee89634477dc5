"""The zygote: the first Python process of a sandbox. It runs INSIDE the sandbox (standard library only), applies
the sandbox's rlimits once, imports the REPL worker, and then forks one worker per code context in a few
milliseconds instead of starting a new interpreter.

    python -I zygote.py <control-fd> <config-json>

The control channel is a unix socket inherited as <control-fd>, newline-delimited JSON, one request at a time:

    engine -> zygote   {"op": "fork", "id": ..., "cwd": ...}  with the context's socket attached (SCM_RIGHTS)
    zygote -> engine   {"id": ..., "ok": true, "pid": <pid in the sandbox>} | {"id": ..., "ok": false, "error": ...}
    engine -> zygote   {"op": "ping", "id": ...}  ->  {"id": ..., "ok": true}

The forked child calls setsid() (its own process group, so the engine can kill a context's whole tree), restores
default signal dispositions, and serves the worker protocol (worker.py) on the attached socket. The zygote stays
single-threaded, ignores SIGINT, lets the kernel reap its children (SIGCHLD ignored), and exits when the engine
closes the control channel.
"""

from __future__ import annotations

import array
import contextlib
import importlib.util
import json
import os
import resource
import signal
import socket
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
_MAX_FDS = 4


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
            return {"ok": False, "error": "a fork request carries exactly one socket"}
        cwd = str(request.get("cwd") or os.getcwd())
        if not os.path.isdir(cwd):
            return {"ok": False, "error": f"working directory {cwd} does not exist"}
        pid = os.fork()
        if pid == 0:
            try:
                self.become_worker(fds[0], cwd)
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
