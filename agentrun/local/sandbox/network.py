"""Network for the sandboxes that may use it (templates with networkMode PUBLIC): their own network namespace,
joined to the outside world by pasta (Debian's `passt` package), a user-mode TCP/IP stack that runs on the host
and turns the sandbox's connections into ordinary connections of its own. As on the cloud, PUBLIC means egress to
the outside world, not access to this machine: nothing listening on the host's loopback is reachable from the
sandbox, and nothing the sandbox listens on is reachable from the host.

bwrap gives every sandbox a network namespace of its own (`--unshare-all`). For a sandbox with network, the engine
starts pasta once bwrap has reported the sandbox's pid 1 and before it lets the sandbox start (`--block-fd`); pasta
creates an interface in the namespace with the host's address, routes and default gateway (`--config-net`), and
says it is ready by writing its pid to a pipe (`-P`). How it is told:

- `-t none -u none`: no host port forwards into the sandbox; `-T none -U none`: no port of the sandbox's loopback
  forwards to the host's loopback (pasta's default, `auto`, forwards every port bound on the host);
- `--no-map-gw`: the gateway address is the gateway, not an alias of the host's loopback (pasta's default);
- the namespace is named by descriptors the engine opens: the network namespace of the sandbox's pid 1, and the
  user namespace that owns it (NS_GET_USERNS; bwrap moves its pid 1 into a nested user namespace while it sets
  up, so /proc/<pid>/ns/user changes under our feet). pasta joins that user namespace, so the capabilities it
  keeps are the sandbox's, not the host's;
- as root, `--runas 0`: pasta would drop to nobody, who cannot enter namespaces that root owns. It then isolates
  itself anyway (its own mount namespace on an empty root, a seccomp allow-list, no new privileges);
- under `setpriv --pdeathsig KILL` where setpriv exists (util-linux), so it dies with the server even when the
  server is killed; the engine kills it when the sandbox ends.

Name resolution: the sandbox sees the host's /etc/resolv.conf, unless the host's first IPv4 resolver is on loopback
(systemd-resolved's 127.0.0.53, a local dnsmasq), which the sandbox cannot reach. Then the sandbox gets a resolv.conf
of its own naming DNS_FORWARD instead, and pasta is told `--dns-forward DNS_FORWARD`: it sends UDP to DNS_FORWARD
port 53, and only that, to the first IPv4 nameserver of the host's resolv.conf, which pasta reads itself (`-D`
would not do: it replaces the resolvers pasta announces, not the one it forwards to). DNS over TCP, used for
truncated answers, does not get through.

Limit of user-mode networking: pasta connects on the host's behalf, so addresses of the host's *other* interfaces
(not loopback, not the address the sandbox is given) remain reachable from a PUBLIC sandbox, as from any process on
the host.
"""

from __future__ import annotations

import contextlib
import fcntl
import ipaddress
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import anyio
import anyio.to_thread

from agentrun.local.sandbox.errors import IsolationUnavailable, SandboxFailed
from agentrun.local.sandbox.spawn import Child, spawn

NS_GET_USERNS = 0xB701  # ioctl on a namespace fd: the user namespace that owns it (linux/nsfs.h)
READY_TIMEOUT = 10.0
HOST_RESOLV_CONF = Path("/etc/resolv.conf")
RESOLV_CONF_LIMIT = 64 * 1024  # glibc reads only its first nameservers, search domains and options
# Link-local, so no real resolver's address: what a sandbox's own resolv.conf names when the host's resolver is on
# loopback; pasta maps UDP port 53 there to that resolver.
DNS_FORWARD = "169.254.1.1"
MISSING = (
    "sandboxes with network (networkMode PUBLIC) get a network namespace of their own, connected through pasta, "
    "which was not found on this machine: install it (Debian/Ubuntu: apt-get install passt), or use a template "
    "whose networkMode is PRIVATE"
)


@dataclass(frozen=True)
class UserNetwork:
    """The tools found on this machine (`find()`)."""

    pasta: str
    setpriv: str | None = None

    def command(
        self, userns_fd: int, netns_fd: int, ready_fd: int, log: Path, dns: SandboxDns | None = None
    ) -> list[str]:
        argv = [self.setpriv, "--pdeathsig", "KILL"] if self.setpriv else []
        argv += [self.pasta, "--config-net", "--foreground", "--quiet", "--log-file", str(log)]
        argv += ["-t", "none", "-u", "none", "-T", "none", "-U", "none", "--no-map-gw"]
        if dns is not None and dns.loopback_resolver is not None:
            argv += ["--dns-forward", DNS_FORWARD]
        if os.geteuid() == 0:
            argv += ["--runas", "0"]
        argv += ["-P", f"/proc/self/fd/{ready_fd}"]
        return [*argv, "--userns", f"/proc/self/fd/{userns_fd}", "--netns", f"/proc/self/fd/{netns_fd}"]


@dataclass(frozen=True)
class SandboxDns:
    """How a sandbox with network resolves names (`sandbox_dns()`); the default: with the host's resolv.conf."""

    loopback_resolver: str | None = None  # the host's first IPv4 resolver, on loopback: pasta forwards DNS to it
    resolv_conf: Path | None = None  # the sandbox's own resolv.conf, bound over /etc/resolv.conf


def sandbox_dns(runtime: Path, host_conf: Path = HOST_RESOLV_CONF) -> SandboxDns:
    """(Blocking.) The default, unless the host's first IPv4 nameserver (the one pasta forwards to) is on
    loopback: then a resolv.conf written in `runtime` where it becomes DNS_FORWARD, the other nameservers on
    loopback (unreachable) are left out, and every other line stays."""
    try:
        with host_conf.open("rb") as file:
            lines = file.read(RESOLV_CONF_LIMIT).decode(errors="replace").splitlines()
    except OSError:  # no resolv.conf: glibc then asks the sandbox's own loopback, like the host
        return SandboxDns()
    nameservers = [address for address in map(_nameserver, lines) if address is not None]
    first = next((address for address in nameservers if address.version == 4), None)
    if first is None or not first.is_loopback:
        return SandboxDns()
    kept: list[str] = []
    forwarded = False
    for line in lines:
        address = _nameserver(line)
        if address is None or not address.is_loopback:
            kept.append(line)
        elif address == first and not forwarded:
            kept.append(f"nameserver {DNS_FORWARD}")
            forwarded = True
    own = runtime / "resolv.conf"
    own.write_text("".join(f"{line}\n" for line in kept))
    own.chmod(0o644)  # read by the sandbox's user
    return SandboxDns(str(first), own)


def _nameserver(line: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address of a `nameserver` line (a `%zone` ignored), else None."""
    words = line.split()
    if len(words) < 2 or words[0] != "nameserver":
        return None
    try:
        return ipaddress.ip_address(words[1].partition("%")[0])
    except ValueError:
        return None


def find() -> UserNetwork | None:
    """(Blocking.) pasta (and setpriv), or None."""
    pasta = shutil.which("pasta")
    return UserNetwork(pasta, shutil.which("setpriv")) if pasta else None


def require(network: UserNetwork | None) -> UserNetwork:
    """The user-mode network; raises IsolationUnavailable (a 503 saying what to install) without one."""
    if network is None:
        raise IsolationUnavailable(MISSING)
    return network


async def attach(network: UserNetwork, pid: int, log: Path, dns: SandboxDns | None = None) -> Child:
    """Connect the network namespace of process `pid` to the outside world (and to the resolver `dns` names);
    returns pasta, running, once the namespace is configured. Raises SandboxFailed, with pasta's own words, if it
    does not get there."""
    netns_fd, userns_fd = await anyio.to_thread.run_sync(_namespaces, pid)
    ready_r, ready_w = os.pipe()
    child: Child | None = None
    try:
        try:
            argv = network.command(userns_fd, netns_fd, ready_w, log, dns)
            child = spawn(argv, env={}, pass_fds=(userns_fd, netns_fd, ready_w))
        finally:
            for fd in (userns_fd, netns_fd, ready_w):
                os.close(fd)
        if not await _ready(ready_r):
            detail = await anyio.to_thread.run_sync(_log_tail, log)
            raise SandboxFailed(f"pasta could not connect the sandbox's network: {detail or 'no reason given'}")
        return child
    except BaseException:
        if child is not None:
            await child.aclose()
        raise
    finally:
        os.close(ready_r)


def _namespaces(pid: int) -> tuple[int, int]:
    """(Blocking.) Descriptors of the network namespace of `pid` and of the user namespace that owns it."""
    netns_fd = os.open(f"/proc/{pid}/ns/net", os.O_RDONLY | os.O_CLOEXEC)
    try:
        userns_fd = fcntl.ioctl(netns_fd, NS_GET_USERNS)
    except BaseException:
        os.close(netns_fd)
        raise
    os.set_inheritable(userns_fd, False)
    return netns_fd, userns_fd


async def _ready(fd: int) -> bool:
    """True once pasta writes its pid to the -P pipe; False if it exits first, or after READY_TIMEOUT."""
    os.set_blocking(fd, False)
    with anyio.move_on_after(READY_TIMEOUT):
        while True:
            await anyio.wait_readable(fd)
            with contextlib.suppress(BlockingIOError):
                return bool(os.read(fd, 64))
    return False


def _log_tail(log: Path) -> str:
    """(Blocking.) The end of pasta's log (bounded by pasta: 1 MiB)."""
    try:
        return log.read_bytes()[-2000:].decode(errors="replace").strip()
    except OSError:
        return ""
