"""The sandbox engine: the async API the data-plane routes call.

    async with SandboxEngine(root) as engine:
        sandbox = await engine.create("sbx-1", limits=Limits(memory_mb=1024), network=None)
        context = await sandbox.create_context()
        async with context.execute("print('hi'); 1 + 1", timeout=30) as execution:
            async for event in execution:   # Stdout, Stderr, Result, Error, then exactly one End
                ...
        result = await context.run("x = 41\\nx + 1")   # the folded ExecutionResult JSON
        js = await sandbox.create_context(language="javascript")   # a Node worker speaking the same protocol
        process = await sandbox.start_process("sleep 1; echo done")   # see processes.py
        result = await sandbox.run_command("ls", timeout=30)           # CommandResult

Process tree of one sandbox (isolated):

    server --- bwrap (monitor) --- bwrap (pid 1 of the sandbox) --- zygote (pid 2) -+- worker (context 1, setsid)
                                                                                     +- worker (context 2) --- ...
                                                                                     +- node worker.js (context 3)
                                                                                     +- supervisor --- sh -c (setsid)

The server holds one unix socket to the zygote (inherited as an fd; fork requests carry the new context's socket
with SCM_RIGHTS) and one to each worker (which says hello with SCM_CREDENTIALS, so the server learns its pid).
Interrupts and timeouts of code contexts are contexts.py's (ContextHandle, Execution); destroying a sandbox kills
its pid 1, which takes every process of the sandbox with it. Nothing here runs in the background: every read
happens in the task that asked for it, and every exit path (cancellation included) kills what it started. (The
exception: each process has an output pump task, owned and closed by its handle; see processes.py.)
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import re
import secrets
import signal
import socket
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import anyio
import anyio.to_thread
from anyio.abc import UNIXSocketStream

from agentrun.local.sandbox import isolation as iso
from agentrun.local.sandbox import network as net
from agentrun.local.sandbox import processes as procs
from agentrun.local.sandbox import seccomp
from agentrun.local.sandbox.cgroups import Cgroup, CgroupManager
from agentrun.local.sandbox.closing import AsyncClosing
from agentrun.local.sandbox.contexts import DEFAULT_TIMEOUT, ContextHandle
from agentrun.local.sandbox.errors import (
    ContextDied,
    ContextNotFound,
    InvalidArgument,
    ProcessNotFound,
    SandboxExists,
    SandboxFailed,
    SandboxNotFound,
    UnsupportedLanguage,
    found,
)
from agentrun.local.sandbox.ipc import HeldProcess, HelloFailed, Lines, hold_after_hello, hold_child
from agentrun.local.sandbox.limits import Limits
from agentrun.local.sandbox.processes import CommandResult, ProcessHandle
from agentrun.local.sandbox.quota import DiskQuotas, QuotaFailed
from agentrun.local.sandbox.spawn import Child, read_to_eof, spawn

logger = logging.getLogger("agentrun.local.sandbox")

START_TIMEOUT = 30.0  # sandbox start (bwrap + zygote ready) and context start (fork + hello)
NODE_FULL_MEMORY_MB = 1024  # below this RLIMIT_AS, V8 cannot reserve its code range: node runs --jitless
LANGUAGES = {"python": "python", "javascript": "javascript", "js": "javascript", "node": "javascript"}
SUPPORTED_LANGUAGES = ("python", "javascript")
_STARTUP_LOG_LIMIT = 64 * 1024  # bytes of bwrap's and the zygote's stderr kept per start
_SANDBOX_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")

ProcessLimit = Literal["cgroup", "rlimit", "none"]


class SandboxEngine(AsyncClosing):
    """Owns every running sandbox. `await engine.aclose()` (or leaving `async with`) kills them all.

    `root` holds one directory per sandbox (`<id>/workspace`, `<id>/runtime`). Isolation is detected on the first
    `create()`; if it cannot be set up, `create()` raises IsolationUnavailable, unless the engine was made with
    `unsafe_no_isolation=True`."""

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        unsafe_no_isolation: bool = False,
        python: str | None = None,
        use_cgroups: bool = True,
    ) -> None:
        self.root = Path(root).absolute()
        self._unsafe = unsafe_no_isolation
        self._python = python or sys.executable
        self._use_cgroups = use_cgroups
        self._sandboxes: dict[str, SandboxHandle] = {}
        self._starting: set[str] = set()
        self._isolation: iso.Isolation | None = None
        self._node: list[str | None] = []  # [the node executable] once looked for
        self._cgroups: CgroupManager | None = None
        self._quotas: DiskQuotas | None = None  # None: diskSize bounds each file only (quota.py)
        self._setup_lock = anyio.Lock()
        self._closed = False

    async def isolation(self) -> iso.Isolation:
        """How sandboxes are isolated here (detected once; raises IsolationUnavailable)."""
        async with self._setup_lock:
            if self._isolation is None:
                self._isolation = await iso.detect(unsafe_no_isolation=self._unsafe, python=self._python)
                if self._use_cgroups:
                    self._cgroups = await anyio.to_thread.run_sync(CgroupManager.detect)
                    if self._cgroups is not None:
                        logger.debug(
                            "sandbox cgroups: v%d %s", self._cgroups.version, sorted(self._cgroups.controllers)
                        )
                    else:
                        logger.warning(
                            "no writable cgroup hierarchy: sandboxes get no memory, CPU or process totals (only "
                            "per-process rlimits), and killing a command or a code context reaches only its "
                            "process group"
                        )
                self._quotas = await anyio.to_thread.run_sync(DiskQuotas.detect, self.root)
            return self._isolation

    async def node(self) -> str | None:
        """The node executable JavaScript contexts run (None when there is none the sandboxes can see)."""
        if not self._node:
            self._node = [await anyio.to_thread.run_sync((await self.isolation()).find_node)]
        return self._node[0]

    @property
    def sandboxes(self) -> dict[str, SandboxHandle]:
        return dict(self._sandboxes)

    def get(self, sandbox_id: str) -> SandboxHandle:
        return found(self._sandboxes, sandbox_id, SandboxNotFound)

    async def create(
        self,
        sandbox_id: str,
        *,
        limits: Limits | None = None,
        network: net.Egress | None = None,
        binds: Sequence[tuple[str, str]] = (),
    ) -> SandboxHandle:
        """Start a sandbox: its workspace, its namespaces and its zygote, ready for contexts. `binds` are host
        directories (host path, path inside) the sandbox sees read-only (an agent runtime's build); without
        isolation they are not bound, and the sandbox's processes use the host paths."""
        if self._closed:
            raise SandboxFailed("the sandbox engine is closed")
        if not _SANDBOX_ID.match(sandbox_id):
            raise InvalidArgument(f"invalid sandbox id {sandbox_id!r}")
        if sandbox_id in self._sandboxes or sandbox_id in self._starting:
            raise SandboxExists(sandbox_id)
        self._starting.add(sandbox_id)
        try:
            isolation = await self.isolation()
            directory = self.root / sandbox_id
            paths = iso.SandboxPaths(directory / "workspace", directory / "runtime")
            sandbox = SandboxHandle(sandbox_id, paths, limits or Limits(), network, isolation, self, tuple(binds))
            await sandbox._start(self._cgroups, self._quotas)
            self._sandboxes[sandbox_id] = sandbox
            return sandbox
        finally:
            self._starting.discard(sandbox_id)

    async def destroy(self, sandbox_id: str, *, keep_files: bool = False) -> None:
        """Kill every process of the sandbox and delete its directory (unless `keep_files`)."""
        sandbox = self._sandboxes.pop(sandbox_id, None)
        if sandbox is None:
            raise SandboxNotFound(sandbox_id)
        await sandbox._shutdown(keep_files=keep_files)

    async def rename(self, sandbox_id: str, new_id: str) -> SandboxHandle:
        """Give a running, isolated sandbox another id, its host directory included (the warm pool hands out
        sandboxes started under ids of their own). Inside, nothing changes: bwrap bound the directory, not its
        name. Not for unisolated sandboxes, whose processes know their host paths."""
        if not _SANDBOX_ID.match(new_id):
            raise InvalidArgument(f"invalid sandbox id {new_id!r}")
        if new_id in self._sandboxes or new_id in self._starting:
            raise SandboxExists(new_id)
        sandbox = self.get(sandbox_id)
        if not sandbox.isolation.isolated:
            raise SandboxFailed(f"sandbox {sandbox_id} is not isolated; it cannot be renamed")
        directory = self.root / new_id
        self._starting.add(new_id)  # taken while the directory moves
        try:
            await anyio.to_thread.run_sync(os.rename, sandbox.paths.workspace.parent, directory)
        finally:
            self._starting.discard(new_id)
        del self._sandboxes[sandbox_id]
        sandbox.id = new_id
        sandbox.paths = iso.SandboxPaths(directory / "workspace", directory / "runtime")
        self._sandboxes[new_id] = sandbox
        return sandbox

    async def aclose(self) -> None:
        """Destroy every sandbox. Safe to call more than once."""
        self._closed = True
        with anyio.CancelScope(shield=True):
            while self._sandboxes:
                sandbox_id = next(iter(self._sandboxes))
                await self.destroy(sandbox_id)


class SandboxHandle:
    """One running sandbox: a zygote inside bwrap namespaces, and its code contexts."""

    def __init__(
        self,
        sandbox_id: str,
        paths: iso.SandboxPaths,
        limits: Limits,
        network: net.Egress | None,
        isolation: iso.Isolation,
        engine: SandboxEngine,
        binds: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.id = sandbox_id
        self.binds = binds  # read-only (host path, path inside)
        self.paths = paths
        self.limits = limits
        self.network = network  # None: no network
        self.isolation = isolation
        self._engine = engine
        self._contexts: dict[str, ContextHandle] = {}
        self._processes: dict[int, ProcessHandle] = {}
        self._retired: set[ProcessHandle] = set()
        self._control: Lines | None = None
        self._control_lock = anyio.Lock()
        self._request_ids = itertools.count(1)
        self._process: Child | None = None
        self._pasta: Child | None = None  # connects the sandbox's network namespace (network.py)
        self._stderr = -1  # while it starts, the read end of bwrap's and the zygote's stderr (_keep_startup_log)
        self._start_fds: list[int] = []  # bwrap's info and block pipes of a start cut short, closed by _shutdown
        self._init: HeldProcess | None = None  # the sandbox's pid 1 (the zygote without isolation)
        self._cgroup: Cgroup | None = None
        self._closed = False

    # -- facts -----------------------------------------------------------------------------------------------
    @property
    def workspace(self) -> Path:
        """The workspace on the host (`/home/user` inside)."""
        return self.paths.workspace

    @property
    def pid(self) -> int | None:
        """Host pid of the process the engine started (bwrap, or the zygote without isolation)."""
        return self._process.pid if self._process is not None else None

    @property
    def init_pid(self) -> int | None:
        """Host pid of the sandbox's first process (bwrap's pid 1, or the zygote without isolation)."""
        return self._init.pid if self._init is not None else None

    @property
    def process_limit(self) -> ProcessLimit:
        """What bounds the number of processes: the cgroup `pids` controller, RLIMIT_NPROC (which does not bind a
        host uid of 0, hence not sandboxes of a root server), or nothing."""
        if self._cgroup is not None and "pids" in self._cgroup.controllers and self.limits.max_processes:
            return "cgroup"
        if self.isolation.isolated and os.geteuid() != 0 and self.limits.max_processes:
            return "rlimit"
        return "none"

    @property
    def contexts(self) -> dict[str, ContextHandle]:
        return dict(self._contexts)

    @property
    def alive(self) -> bool:
        return not self._closed and self._process is not None and self._process.returncode is None

    def get_context(self, context_id: str) -> ContextHandle:
        return found(self._contexts, context_id, ContextNotFound)

    # -- contexts --------------------------------------------------------------------------------------------
    async def create_context(self, language: str = "python", cwd: str = iso.HOME) -> ContextHandle:
        """Start a new REPL worker, forked from the zygote: Python (worker.py), or JavaScript (`javascript`, `js`
        or `node`: the zygote's child execs node on worker.js). Its state lives until `delete_context`."""
        language = _language(language)
        if not self.alive:
            raise SandboxFailed(f"sandbox {self.id} is not running")
        fields: dict[str, Any] = {"cwd": self.isolation.inside(self.paths, cwd)}
        if language == "javascript":
            fields["exec"] = await self._node_command()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        process: HeldProcess | None = None
        cgroup: Cgroup | None = None
        try:
            ours.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
            ours.setblocking(False)
            try:
                reply = await self._request("fork", fds=[theirs.fileno()], **fields)
            finally:
                theirs.close()
            procs.check_forked(reply, "create a context", self.id, SandboxFailed)
            try:
                process, _, leftover = await hold_after_hello(ours, START_TIMEOUT)
            except HelloFailed as exc:
                raise ContextDied(f"the {language} context's process exited while starting: {exc}") from None
            # before it is sent any code: all the context will start is then in its cgroup
            cgroup = await procs.own_cgroup(self._cgroup, "context", process.pid, SandboxFailed)
            ours.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 0)
            lines = Lines(await UNIXSocketStream.from_socket(ours), leftover)
        except BaseException:
            ours.close()  # the worker, if any, reads EOF and exits
            with anyio.CancelScope(shield=True):
                if process is not None:
                    await anyio.to_thread.run_sync(process.kill_group)
                if cgroup is not None:
                    await anyio.to_thread.run_sync(cgroup.remove)
            raise
        context = ContextHandle(self, f"ctx-{secrets.token_hex(8)}", cwd, language, process, lines, cgroup)
        self._contexts[context.id] = context
        return context

    async def delete_context(self, context_id: str) -> None:
        context = self._contexts.pop(context_id, None)
        if context is None:
            raise ContextNotFound(context_id)
        await context._close()

    async def _node_command(self) -> list[str]:
        """The argv of a JavaScript worker (the zygote appends its fds)."""
        node = await self._engine.node()
        if node is None:
            raise UnsupportedLanguage(
                "javascript",
                SUPPORTED_LANGUAGES,
                reason="JavaScript needs Node.js: no `node` was found under /usr (install nodejs)",
            )
        argv = [node, "--v8-pool-size=2"]  # threads count against the sandbox's process limit
        if self.limits.memory_mb is not None and self.limits.memory_mb < NODE_FULL_MEMORY_MB:
            # slower, without WebAssembly, but fits in the address space it is given
            argv += ["--jitless", "--no-expose-wasm"]
        return [*argv, f"{self.isolation.code_dir}/worker.js"]

    # -- processes -------------------------------------------------------------------------------------------
    @property
    def processes(self) -> dict[int, ProcessHandle]:
        """Processes started by `start_process` / `run_command`, by pid inside the sandbox: the running ones and
        the last few (procs.MAX_EXITED) that exited."""
        return dict(self._processes)

    def get_process(self, pid: int) -> ProcessHandle:
        return found(self._processes, pid, ProcessNotFound)

    async def start_process(
        self, command: str, *, cwd: str = iso.HOME, env: Mapping[str, str] | None = None
    ) -> ProcessHandle:
        """Start `/bin/sh -c <command>` inside the sandbox, in its own process group, in `cwd` (relative paths are
        under /home/user), with `env` added to the sandbox's environment. It runs until it exits, is killed, or
        the sandbox is destroyed. Raises InvalidArgument (bad command, cwd or env), ProcessFailed."""
        if not self.alive:
            raise SandboxFailed(f"sandbox {self.id} is not running")
        process = await procs.spawn(self, command, cwd, env)
        if self._closed:  # destroyed while it started
            await process._close()
            raise SandboxFailed(f"sandbox {self.id} is not running")
        self._register(process)
        return process

    async def run_command(
        self,
        command: str,
        *,
        cwd: str = iso.HOME,
        env: Mapping[str, str] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_output: int = procs.COMMAND_OUTPUT_LIMIT,
    ) -> CommandResult:
        """Run `command` (as `start_process`) to its end. After `timeout` seconds (None: no limit) its process
        group is killed and the result says `timed_out`. Each stream keeps its last `max_output` bytes. Cancelling
        the call kills the process group too."""
        return await procs.run_command(self, command, cwd=cwd, env=env, timeout=timeout, max_output=max_output)

    def _register(self, process: ProcessHandle) -> None:
        earlier = self._processes.pop(process.pid, None)  # its pid was reused: it has exited
        if earlier is not None:
            self._retire(earlier)
        self._processes[process.pid] = process
        process.on_exit = self._forget_old_processes
        self._forget_old_processes(process)

    def _forget_old_processes(self, _: ProcessHandle) -> None:
        exited = [p for p in self._processes.values() if p.exit_code is not None]  # oldest first
        for old in exited[: max(0, len(exited) - procs.MAX_EXITED)]:
            del self._processes[old.pid]
            self._retire(old)

    def _retire(self, process: ProcessHandle) -> None:
        """Forget a process. If processes it left behind still hold its pipes, its pump drains them until they
        close (or the sandbox ends)."""
        task = process._task
        if task is not None and not task.done():
            self._retired.add(process)
            task.add_done_callback(lambda _: self._retired.discard(process))

    async def ping(self) -> bool:
        """True when the zygote answers."""
        if not self.alive:
            return False
        try:
            with anyio.fail_after(5):
                return bool((await self._request("ping")).get("ok"))
        except (SandboxFailed, TimeoutError):
            return False

    async def aclose(self) -> None:
        """Destroy this sandbox (as `engine.destroy`)."""
        if self._engine._sandboxes.get(self.id) is self:
            await self._engine.destroy(self.id)
        else:
            await self._shutdown(keep_files=False)

    # -- the zygote ------------------------------------------------------------------------------------------
    async def _request(self, op: str, *, fds: list[int] | None = None, **fields: Any) -> dict[str, Any]:
        async with self._control_lock:
            if self._control is None:
                raise SandboxFailed(f"sandbox {self.id} is not running")
            request_id = next(self._request_ids)
            try:
                await self._control.send({"op": op, "id": request_id, **fields}, fds)
            except (anyio.BrokenResourceError, anyio.ClosedResourceError, OSError) as exc:
                raise SandboxFailed(f"sandbox {self.id} stopped answering: {exc}") from None
            while True:
                reply = await self._control.receive()
                if reply is None:
                    raise SandboxFailed(f"sandbox {self.id} stopped answering{await self._log_tail()}")
                if reply.get("id") == request_id:
                    return reply

    async def _log_tail(self) -> str:
        """The end of the sandbox's log (bwrap's and the zygote's stderr while it started), for error messages."""
        await self._keep_startup_log()
        text = await anyio.to_thread.run_sync(_tail, self.paths.log)
        return f": {text}" if text else ""

    async def _keep_startup_log(self, *, close: bool = False) -> None:
        """Append what bwrap and the zygote wrote to stderr so far to the sandbox's log. With `close`, stop reading:
        the sandbox's processes keep the pipe's other end (bwrap's pid 1 and the zygote as fd 2), and once it is
        closed here, what they write there fails (EPIPE) instead of filling a file on the host."""
        if self._stderr < 0:
            return
        data = _read_available(self._stderr, _STARTUP_LOG_LIMIT)
        if data:
            await anyio.to_thread.run_sync(_append_log, self.paths.log, data)
        if close:
            os.close(self._stderr)
            self._stderr = -1

    async def _start(self, cgroups: CgroupManager | None, quotas: DiskQuotas | None = None) -> None:
        try:
            await anyio.to_thread.run_sync(self.paths.prepare)
            if quotas is not None and self.limits.disk_mb is not None:
                try:
                    await anyio.to_thread.run_sync(
                        quotas.attach, self.paths.disk_image, self.paths.workspace, self.limits.disk_mb
                    )
                except (QuotaFailed, OSError) as exc:
                    raise SandboxFailed(
                        f"cannot give sandbox {self.id} its {self.limits.disk_mb} MB disk: {exc}"
                    ) from None
            if cgroups is not None:
                name = f"{self.id}.{secrets.token_hex(4)}"
                self._cgroup = await anyio.to_thread.run_sync(cgroups.create, name, self.limits)
            with anyio.fail_after(START_TIMEOUT):
                await self._launch()
        except BaseException:
            with anyio.CancelScope(shield=True):
                await self._shutdown(keep_files=False)
            raise

    async def _launch(self) -> None:
        isolation = self.isolation
        rlimits = self.limits.rlimits()
        if not isolation.isolated:
            rlimits.pop("NPROC", None)  # it would count every process of the server's user
        config = {"rlimits": rlimits}
        user_network = net.require(isolation.network) if self.network and isolation.isolated else None
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        info_r = info_w = block_r = block_w = filter_fd = -1
        self._stderr, stderr_w = os.pipe()
        try:
            inner = isolation.zygote_command(self.paths, theirs.fileno(), config)
            env = isolation.environment(self.paths)
            if isolation.isolated:
                dns, refused = net.SandboxDns(), []
                if user_network is not None and self.network is not None:
                    refused = await anyio.to_thread.run_sync(net.refused_networks, self.network)
                    dns = await anyio.to_thread.run_sync(net.sandbox_dns, self.paths.runtime, refused)
                info_r, info_w = os.pipe()
                block_r, block_w = os.pipe()
                nested = self.limits.nested_sandbox
                filter_fd = seccomp.program_fd(nested_sandbox=nested) if isolation.seccomp else -1
                argv = isolation.bwrap_command(
                    self.paths,
                    inner,
                    info_fd=info_w,
                    block_fd=block_r,
                    tmp_mb=self.limits.tmp_mb,
                    seccomp_fd=filter_fd if filter_fd >= 0 else None,
                    resolv_conf=dns.resolv_conf,
                    ro_binds=self.binds,
                    nested_sandbox=nested,
                )
                passed = (theirs.fileno(), info_w, block_r, *([filter_fd] if filter_fd >= 0 else []))
                self._process = spawn(argv, stderr=stderr_w, env=env, pass_fds=passed)
                os.close(info_w)
                os.close(block_r)
                info_w = block_r = -1
                info = await _read_info(info_r)
                if not isinstance(info.get("child-pid"), int):
                    raise SandboxFailed(f"bwrap did not start sandbox {self.id}{await self._log_tail()}")
                self._init = await anyio.to_thread.run_sync(HeldProcess.open, int(info["child-pid"]))
                if self._cgroup is not None:
                    await anyio.to_thread.run_sync(self._cgroup.add, self._init.pid)
                if user_network is not None:
                    self._pasta = await net.attach(user_network, self._init.pid, self.paths.runtime, refused, dns)
                os.write(block_w, b"1")  # bwrap may now start the zygote
            else:
                self._process = spawn(
                    inner,
                    stderr=stderr_w,
                    env=env,
                    cwd=str(self.paths.workspace),
                    start_new_session=True,
                    pass_fds=(theirs.fileno(),),
                )
                self._init = await anyio.to_thread.run_sync(HeldProcess.open, self._process.pid)
                if self._cgroup is not None:
                    await anyio.to_thread.run_sync(self._cgroup.add, self._init.pid)
        except SandboxFailed:
            raise
        except ProcessLookupError as exc:  # the process to hold was already gone
            raise SandboxFailed(f"cannot start sandbox {self.id}: {exc}{await self._log_tail()}") from None
        except (OSError, anyio.BrokenResourceError) as exc:
            raise SandboxFailed(f"cannot start sandbox {self.id}: {exc}{await self._log_tail()}") from None
        finally:
            theirs.close()
            os.close(stderr_w)
            left = [fd for fd in (info_r, info_w, block_r, block_w, filter_fd) if fd >= 0]
            if self._init is None and self._process is not None:
                # Cut short before the sandbox's pid 1 is held: bwrap may still write its info, and its child wait on
                # the block pipe. Closed now, bwrap could fail on them and exit before _shutdown finds its child,
                # which would then wait forever for the uid map its parent never wrote. Closed once both are dead.
                self._start_fds += left
            else:
                for fd in left:
                    os.close(fd)
        ours.setblocking(False)
        self._control = Lines(await UNIXSocketStream.from_socket(ours))
        hello = await self._control.receive()
        if hello is None or hello.get("type") != "ready":
            detail = hello.get("error") if hello else None
            if detail is None and self._process is not None:
                with anyio.move_on_after(1):
                    await self._process.wait()
                detail = f"exit status {self._process.returncode}" if self._process.returncode is not None else None
            raise SandboxFailed(
                f"the zygote of sandbox {self.id} did not start: {detail or ''}{await self._log_tail()}"
            )
        await self._keep_startup_log(close=True)

    async def _shutdown(self, *, keep_files: bool) -> None:
        """Kill everything the sandbox runs; remove its cgroup, unmount its workspace and (unless `keep_files`)
        delete its directory."""
        with anyio.CancelScope(shield=True):
            self._closed = True
            processes = [*self._processes.values(), *self._retired]
            self._processes, self._retired = {}, set()
            for process in processes:
                await process._close()
            contexts, self._contexts = list(self._contexts.values()), {}
            for context in contexts:
                await context._close()
            if self._control is not None:
                await self._control.aclose()
                self._control = None
            if self._init is None and self._process is not None and self.isolation.isolated:
                # Stopped before bwrap said which process is the sandbox's pid 1: that is bwrap's child, which may
                # still wait for bwrap to finish setting it up, and would wait forever once bwrap is killed.
                with contextlib.suppress(ProcessLookupError):
                    self._process.send_signal(signal.SIGSTOP)  # it forks nothing more while its child is found
                self._init = await anyio.to_thread.run_sync(hold_child, self._process.pid)
            if self._init is not None:
                if self.isolation.isolated:
                    # pid 1 of a pid namespace takes all the others along, and exits only once they are all gone
                    if self._init.signal(signal.SIGKILL):
                        await self._init.wait_exit(10)
                    self._init.close()
                else:
                    await anyio.to_thread.run_sync(self._init.kill_group)
            if self._process is not None:
                with contextlib.suppress(ProcessLookupError):
                    self._process.kill()
                with anyio.move_on_after(10):
                    await self._process.wait()
                await self._process.aclose()
            for fd in self._start_fds:
                os.close(fd)
            self._start_fds = []
            if self._pasta is not None:  # after the sandbox: pasta outlives nothing it served
                await self._pasta.aclose()
                self._pasta = None
            await self._keep_startup_log(close=True)
            if self._cgroup is not None:
                await anyio.to_thread.run_sync(self._cgroup.remove)
                self._cgroup = None
            await anyio.to_thread.run_sync(lambda: self.paths.remove(keep_files=keep_files))


async def _read_info(fd: int) -> dict[str, Any]:
    """bwrap's --info-fd JSON (it closes the pipe when done, or exits on failure)."""
    data = await read_to_eof(fd, 65536)
    try:
        info = json.loads(data)
    except ValueError:
        return {}
    return info if isinstance(info, dict) else {}


def _read_available(fd: int, limit: int) -> bytes:
    """What the pipe `fd` holds now (at most `limit` bytes), without waiting."""
    os.set_blocking(fd, False)
    data = b""
    with contextlib.suppress(BlockingIOError):
        while len(data) < limit and (chunk := os.read(fd, limit - len(data))):
            data += chunk
    return data


def _append_log(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _tail(path: Path, size: int = 2000) -> str:
    try:
        with open(path, "rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - size))
            return log.read().decode(errors="replace").strip()
    except OSError:
        return ""


def _language(language: str) -> str:
    """The canonical name of a context language; raises UnsupportedLanguage."""
    canonical = LANGUAGES.get(language.strip().lower()) if isinstance(language, str) else None
    if canonical is None:
        raise UnsupportedLanguage(str(language), SUPPORTED_LANGUAGES)
    return canonical
