"""Network for the sandboxes that may use it (networkMode PUBLIC, PUBLIC_AND_PRIVATE): their own network namespace,
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

What a sandbox may reach (`refused_networks`), decided as on the cloud, where PUBLIC means egress to the internet:
pasta opens connections on the host's behalf to any address, so the sandbox's namespace gets a netfilter table
(nftables, `ruleset`) that rejects the rest, loaded by `nft` under `nsenter` into the namespace before pasta and
the sandbox start (~4 ms). The sandbox's processes have no capabilities there, so they cannot change it. Routes
would not do: a socket bound to the interface (SO_BINDTODEVICE, no privilege needed) falls back to sending on-link
when the route lookup fails, unreachable and prohibit routes or rules included, and pasta answers ARP for any
address.

- never, in any mode: link-local (169.254.0.0/16, fe80::/10), where the cloud metadata services answer with the
  instance's credentials (169.254.169.254), and the metadata addresses outside it (Alibaba Cloud 100.100.100.200,
  AWS fd00:ec2::/32, Azure 168.63.129.16); 0.0.0.0/8, multicast, reserved and broadcast (224.0.0.0/3), IPv6 special
  ranges; and every address of the host's own interfaces (read when the sandbox starts: a docker bridge, a second
  NIC), except the one the sandbox is given, which is its own;
- PUBLIC: also the private networks around the host (10/8, 172.16/12, 192.168/16, CGNAT 100.64/10, fc00::/7), the
  LAN and its gateway included. The gateway stays the default route's next hop (`--no-map-gw`), so traffic to the
  internet still goes through it; documentation ranges (192.0.2.0/24...) are not refused;
- PUBLIC_AND_PRIVATE: the private networks are reachable (the LAN stands in for the VPC).

Name resolution: the sandbox sees the host's /etc/resolv.conf, unless the host's first IPv4 resolver is one it cannot
reach: on loopback (systemd-resolved's 127.0.0.53, a local dnsmasq), or refused (a resolver in a private range, for
PUBLIC). Then the sandbox gets a resolv.conf of its own naming DNS_FORWARD instead, and pasta is told
`--dns-forward DNS_FORWARD`: it sends UDP to DNS_FORWARD port 53, and only that, to the first IPv4 nameserver of the
host's resolv.conf, which pasta reads itself (`-D` would not do: it replaces the resolvers pasta announces, not the
one it forwards to). The table lets through UDP port 53 to DNS_FORWARD, nothing else of link-local. DNS over TCP,
used for truncated answers, does not get through.
"""

from __future__ import annotations

import contextlib
import enum
import fcntl
import ipaddress
import itertools
import os
import shutil
import time
from collections.abc import Iterable, Sequence
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
# Link-local, so no real resolver's address: what a sandbox's own resolv.conf names when the host's resolver is one
# it cannot reach; pasta maps UDP port 53 there to that resolver.
DNS_FORWARD = "169.254.1.1"
MISSING = (
    "sandboxes with network (networkMode PUBLIC) get a network namespace of their own, connected through pasta and "
    "filtered with nftables, which were not found on this machine: install them (Debian/Ubuntu: apt-get install "
    "passt nftables util-linux), or use a template whose networkMode is PRIVATE"
)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Refused in every mode: link-local and the cloud metadata services, unroutable and special ranges.
ALWAYS_REFUSED = tuple(
    ipaddress.ip_network(net)
    for net in (
        "169.254.0.0/16",  # link-local: 169.254.169.254 is the metadata service of AWS, Alibaba Cloud, GCP, Azure
        "100.100.100.200/32",  # Alibaba Cloud's metadata service
        "168.63.129.16/32",  # Azure's WireServer
        "0.0.0.0/8",  # "this network"
        "224.0.0.0/3",  # multicast, reserved, broadcast
        "fe80::/10",  # link-local
        "fd00:ec2::/32",  # AWS's IPv6 metadata service (fd00:ec2::254) and DNS
        "::/128",
        "::ffff:0:0/96",  # IPv4-mapped: never on the wire
        "64:ff9b:1::/48",  # local-use NAT64, which leads to private IPv4 networks
        "100::/64",  # discard-only
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)
# Refused in PUBLIC only: the private networks around the host (PUBLIC_AND_PRIVATE's "VPC").
PRIVATE = tuple(
    ipaddress.ip_network(net) for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)


class Egress(enum.Enum):
    """What a sandbox with network may reach: its template's networkMode."""

    PUBLIC = "PUBLIC"  # the internet
    PUBLIC_AND_PRIVATE = "PUBLIC_AND_PRIVATE"  # and the private networks around the host


@dataclass(frozen=True)
class UserNetwork:
    """The tools found on this machine (`find()`)."""

    pasta: str
    nsenter: str
    nft: str
    setpriv: str | None = None

    def command(
        self, userns_fd: int, netns_fd: int, ready_fd: int, log: Path, dns: SandboxDns | None = None
    ) -> list[str]:
        argv = [self.setpriv, "--pdeathsig", "KILL"] if self.setpriv else []
        argv += [self.pasta, "--config-net", "--foreground", "--quiet", "--log-file", str(log)]
        argv += ["-t", "none", "-u", "none", "-T", "none", "-U", "none", "--no-map-gw"]
        if dns is not None and dns.forwarded_to is not None:
            argv += ["--dns-forward", DNS_FORWARD]
        if os.geteuid() == 0:
            argv += ["--runas", "0"]
        argv += ["-P", f"/proc/self/fd/{ready_fd}"]
        return [*argv, "--userns", f"/proc/self/fd/{userns_fd}", "--netns", f"/proc/self/fd/{netns_fd}"]

    def filter_command(self, userns_fd: int, netns_fd: int, ruleset: Path) -> list[str]:
        """nft loading `ruleset` into the namespace (as the user namespace's owner, whose capabilities it gets)."""
        argv = [self.nsenter, f"--user=/proc/self/fd/{userns_fd}", "--preserve-credentials"]
        return [*argv, f"--net=/proc/self/fd/{netns_fd}", self.nft, "-f", str(ruleset)]


@dataclass(frozen=True)
class SandboxDns:
    """How a sandbox with network resolves names (`sandbox_dns()`); the default: with the host's resolv.conf."""

    forwarded_to: str | None = None  # the host's first IPv4 resolver, which the sandbox cannot reach: pasta forwards
    resolv_conf: Path | None = None  # the sandbox's own resolv.conf, bound over /etc/resolv.conf


def sandbox_dns(runtime: Path, refused: Sequence[Network] = (), host_conf: Path = HOST_RESOLV_CONF) -> SandboxDns:
    """(Blocking.) The default, unless the host's first IPv4 nameserver (the one pasta forwards to) is on loopback or
    in `refused`: then a resolv.conf written in `runtime` where it becomes DNS_FORWARD, the other nameservers the
    sandbox cannot reach are left out, and every other line stays."""
    try:
        with host_conf.open("rb") as file:
            lines = file.read(RESOLV_CONF_LIMIT).decode(errors="replace").splitlines()
    except OSError:  # no resolv.conf: glibc then asks the sandbox's own loopback, like the host
        return SandboxDns()

    def unreachable(address: Address) -> bool:
        return address.is_loopback or any(address in network for network in refused)

    nameservers = [address for address in map(_nameserver, lines) if address is not None]
    first = next((address for address in nameservers if address.version == 4), None)
    if first is None or not unreachable(first):
        return SandboxDns()
    kept: list[str] = []
    forwarded = False
    for line in lines:
        address = _nameserver(line)
        if address is None or not unreachable(address):
            kept.append(line)
        elif address == first and not forwarded:
            kept.append(f"nameserver {DNS_FORWARD}")
            forwarded = True
    own = runtime / "resolv.conf"
    own.write_text("".join(f"{line}\n" for line in kept))
    own.chmod(0o644)  # read by the sandbox's user
    return SandboxDns(str(first), own)


def refused_networks(egress: Egress, fib_trie: Path = Path("/proc/net/fib_trie")) -> list[Network]:
    """(Blocking.) What a sandbox with this egress may not reach (see the module docstring), fewest networks."""
    refused: list[Network] = [*ALWAYS_REFUSED, *(PRIVATE if egress is not Egress.PUBLIC_AND_PRIVATE else ())]
    refused += (ipaddress.ip_network(address) for address in host_addresses(fib_trie) if not address.is_loopback)
    v4 = [network for network in refused if isinstance(network, ipaddress.IPv4Network)]
    v6 = [network for network in refused if isinstance(network, ipaddress.IPv6Network)]
    by_version: list[Network] = [*ipaddress.collapse_addresses(v4), *ipaddress.collapse_addresses(v6)]
    return by_version


def host_addresses(
    fib_trie: Path = Path("/proc/net/fib_trie"), if_inet6: Path = Path("/proc/net/if_inet6")
) -> set[Address]:
    """(Blocking.) The addresses of this network namespace's interfaces (the kernel's local routes, IPv6 addresses)."""
    found: set[Address] = set()
    with contextlib.suppress(OSError):
        lines = fib_trie.read_text().splitlines()
        for above, line in itertools.pairwise(lines):
            if line.strip() == "/32 host LOCAL":
                found.add(ipaddress.ip_address(above.split()[-1]))
    with contextlib.suppress(OSError):
        for line in if_inet6.read_text().splitlines():
            hex_address = line.split()[0]
            found.add(ipaddress.IPv6Address(int(hex_address, 16)))
    return found


def ruleset(refused: Iterable[Network], dns_forward: bool) -> str:
    """The nftables table of a sandbox's network namespace: output to `refused` is rejected (the sender sees
    EHOSTUNREACH at once), but for the sandbox's own addresses (on loopback), IPv6 neighbour discovery, and UDP port
    53 to DNS_FORWARD when pasta forwards it."""
    sets = {4: [str(n) for n in refused if n.version == 4], 6: [str(n) for n in refused if n.version == 6]}
    lines = ["table inet agentrun {", "  chain output {", "    type filter hook output priority 0; policy accept;"]
    lines.append('    oifname "lo" accept')
    # neighbour discovery (multicast and link-local) finds the gateway: pasta answers it, nothing leaves the host
    lines.append("    icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit } accept")
    if dns_forward:
        lines.append(f"    ip daddr {DNS_FORWARD} udp dport 53 accept")
    if sets[4]:
        lines.append(f"    ip daddr {{ {', '.join(sets[4])} }} reject with icmp admin-prohibited")
    if sets[6]:
        lines.append(f"    ip6 daddr {{ {', '.join(sets[6])} }} reject with icmpv6 admin-prohibited")
    return "\n".join([*lines, "  }", "}", ""])


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
    """(Blocking.) pasta, nsenter and nft (and setpriv), or None."""
    pasta, nsenter = shutil.which("pasta"), shutil.which("nsenter")
    nft = shutil.which("nft", path=f"{os.environ.get('PATH', os.defpath)}:/usr/sbin:/sbin")
    if not (pasta and nsenter and nft):
        return None
    return UserNetwork(pasta, nsenter, nft, shutil.which("setpriv"))


def require(network: UserNetwork | None) -> UserNetwork:
    """The user-mode network; raises IsolationUnavailable (a 503 saying what to install) without one."""
    if network is None:
        raise IsolationUnavailable(MISSING)
    return network


async def attach(
    network: UserNetwork, pid: int, runtime: Path, refused: Sequence[Network], dns: SandboxDns | None = None
) -> Child:
    """Connect the network namespace of process `pid` to the outside world (and to the resolver `dns` names), once
    it refuses `refused`; returns pasta, running, once the namespace is configured. Raises IsolationUnavailable (nft)
    or SandboxFailed (pasta), with their own words, if it does not get there. Their files go in `runtime`."""
    log = runtime / "pasta.log"
    if not await anyio.to_thread.run_sync(user_mapped, pid, READY_TIMEOUT):
        raise SandboxFailed(f"the sandbox's user namespace got no uid and gid maps within {READY_TIMEOUT:g} s")
    netns_fd, userns_fd = await anyio.to_thread.run_sync(_namespaces, pid)
    ready_r, ready_w = os.pipe()
    child: Child | None = None
    try:
        try:
            forwarding = dns is not None and dns.forwarded_to is not None
            await _load_filter(network, userns_fd, netns_fd, runtime, ruleset(refused, forwarding))
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


async def _load_filter(network: UserNetwork, userns_fd: int, netns_fd: int, runtime: Path, rules: str) -> None:
    """Load the nftables `rules` into the namespace; raises IsolationUnavailable, with nft's words, if it cannot."""
    path, log = runtime / "nftables.conf", runtime / "nft.log"
    await anyio.to_thread.run_sync(path.write_text, rules)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC
    errors = await anyio.to_thread.run_sync(os.open, log, flags, 0o600)
    try:
        argv = network.filter_command(userns_fd, netns_fd, path)
        child = spawn(argv, env={}, stdout=errors, stderr=errors, pass_fds=(userns_fd, netns_fd))
    finally:
        os.close(errors)
    try:
        with anyio.move_on_after(READY_TIMEOUT):
            await child.wait()
    finally:
        await child.aclose()
    if child.returncode != 0:  # no nf_tables in this kernel, most likely: the machine must change, not the request
        detail = await anyio.to_thread.run_sync(_log_tail, log)
        raise IsolationUnavailable(
            f"sandboxes with network (networkMode PUBLIC) refuse what they may not reach with nftables, which failed "
            f"here ({detail or 'no reason given'}): the kernel needs nf_tables, or use a template whose networkMode "
            "is PRIVATE"
        )


def user_mapped(pid: int, timeout: float) -> bool:
    """(Blocking.) Wait until the user namespace of `pid` has its uid and gid maps; False after `timeout` or if `pid`
    ends.

    bwrap reports the sandbox's pid before that process writes its own uid map (unprivileged bwrap maps the user
    namespace from inside, once told to go on). Until then the server's uid is not root in that namespace, so nft and
    pasta, entering it with their credentials kept, would lose every capability at exec (nft: "cache initialization
    failed: Operation not permitted"). bwrap's nested user namespace, made later, only appears after this map.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            if all(Path(f"/proc/{pid}/{name}").read_bytes().strip() for name in ("uid_map", "gid_map")):
                return True  # bwrap writes the uid map, then the gid map
        except OSError:  # the process is gone: nothing to wait for
            return False
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)


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
    """(Blocking.) The end of pasta's or nft's log (bounded by them: pasta's 1 MiB, nft's a few errors)."""
    try:
        return log.read_bytes()[-2000:].decode(errors="replace").strip()
    except OSError:
        return ""
