"""What code in a sandbox cannot do: reach the host's network, write outside its workspace, see other sandboxes,
read the server's environment, exhaust memory or processes."""

from __future__ import annotations

import os
import textwrap

import anyio
import pytest
from sandbox_helpers import eventually, group_members

from agentrun.local.sandbox import Limits, SandboxEngine, SandboxHandle
from agentrun.local.sandbox.network import Egress


async def value(sandbox: SandboxHandle, code: str, *, timeout: float = 20) -> str:
    context = await sandbox.create_context()
    try:
        result = await context.run(textwrap.dedent(code), timeout=timeout)
    finally:
        await sandbox.delete_context(context.id)
    assert result["exitCode"] == 0, result
    return str(result["results"][-2]["text"])


CONNECT = """
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
    outcome = "connected"
except OSError as exc:
    outcome = type(exc).__name__
outcome
"""


async def test_no_network_unless_the_sandbox_allows_it(engine: SandboxEngine, sandbox: SandboxHandle) -> None:
    async with await anyio.create_tcp_listener(local_host="127.0.0.1") as listener:
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        assert await value(sandbox, CONNECT.format(port=port)) == "'ConnectionRefusedError'"
        networked = await engine.create("with-network", network=Egress.PUBLIC)
        try:
            # its own network namespace: the host's loopback is out of reach, an interface leads out (pasta)
            assert await value(networked, CONNECT.format(port=port)) == "'ConnectionRefusedError'"
            assert await value(networked, "import socket; len(socket.if_nameindex()) > 1") == "True"
        finally:
            await engine.destroy(networked.id)
    assert await value(sandbox, "import socket; sorted(name for _, name in socket.if_nameindex())") == "['lo']"


async def test_code_runs_as_an_unprivileged_user(sandbox: SandboxHandle) -> None:
    code = """
    import os
    caps = [line.split()[1] for line in open('/proc/self/status') if line.startswith('CapEff')]
    (os.getuid(), os.getgid(), caps[0], os.getpid() < 100)
    """
    assert await value(sandbox, code) == "(1000, 1000, '0000000000000000', True)"


async def test_only_the_workspace_and_tmp_are_writable(sandbox: SandboxHandle) -> None:
    code = """
    import os
    outcomes = {}
    for path in ("/usr/evil", "/etc/evil", "/evil", "/opt/agentrun/worker.py", "/home/user/ok", "/tmp/ok"):
        try:
            with open(path, "w") as f:
                f.write("x")
            outcomes[path] = "written"
        except OSError as exc:
            outcomes[path] = type(exc).__name__
    outcomes
    """
    outcomes = eval(await value(sandbox, code))
    assert outcomes.pop("/home/user/ok") == "written"
    assert outcomes.pop("/tmp/ok") == "written"
    assert all(outcome in ("OSError", "PermissionError") for outcome in outcomes.values()), outcomes
    assert (sandbox.workspace / "ok").read_text() == "x"
    assert not await anyio.Path("/evil").exists() and not await anyio.Path("/usr/evil").exists()


async def test_a_sandbox_cannot_see_another_sandboxs_files(engine: SandboxEngine, sandbox: SandboxHandle) -> None:
    other = await engine.create("other-files")
    try:
        await value(other, "open('secret.txt', 'w').write('s3cret')")
        assert (other.workspace / "secret.txt").exists()
        code = f"""
        import os
        (os.path.exists({str(other.workspace)!r}), os.path.exists({str(engine.root)!r}),
         'secret.txt' in os.listdir('/home/user'), sorted(os.listdir('/home')))
        """
        assert await value(sandbox, code) == "(False, False, False, ['user'])"
        assert await value(sandbox, "import os; sorted(int(p) for p in os.listdir('/proc') if p.isdigit())[:2]") == (
            "[1, 2]"
        )
    finally:
        await engine.destroy(other.id)


async def test_the_servers_environment_does_not_leak_in(sandbox: SandboxHandle) -> None:
    os.environ["AGENTRUN_SANDBOX_TEST_SECRET"] = "do-not-leak"  # set after the sandbox started: checks nothing
    try:
        names = eval(await value(sandbox, "import os; sorted(os.environ)"))
    finally:
        del os.environ["AGENTRUN_SANDBOX_TEST_SECRET"]
    assert not [name for name in names if name.startswith(("AGENTRUN", "AWS", "ALIBABA", "SSL_", "PYTEST"))]
    assert {"HOME", "PATH", "LANG"} <= set(names)


async def test_numpy_imports_inside_when_installed(sandbox: SandboxHandle) -> None:
    """The server's venv is bound read-only, so its packages import inside the sandbox."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        pytest.skip("numpy is not installed")
    assert await value(sandbox, "import numpy as np\nint(np.arange(4).sum())") == "6"


async def test_a_memory_bomb_is_contained_and_reported(sandbox: SandboxHandle) -> None:
    context = await sandbox.create_context()
    result = await context.run("hog = bytearray(4 * 1024 ** 3)", timeout=20)
    assert result["exitCode"] == 1
    assert result["error"]["name"] in ("MemoryError", "ContextDied"), result
    growing = "hog = []\nwhile True:\n    hog.append(bytearray(16 * 1024 ** 2))"
    result = await context.run(growing, timeout=20)
    assert result["error"]["name"] in ("MemoryError", "ContextDied"), result
    if context.alive:
        await context.run("del hog")
        assert (await context.run("1 + 1"))["results"][0]["text"] == "2"
    # the sandbox and the engine carry on
    assert await value(sandbox, "'fine'") == "'fine'"


async def test_a_fork_bomb_is_contained_and_reported(sandbox: SandboxHandle) -> None:
    if sandbox.process_limit == "none":
        pytest.skip("nothing limits processes here: the server runs as root and no cgroup pids controller is writable")
    limit = sandbox.limits.max_processes
    assert limit is not None
    code = """
    import os, time
    children = []
    try:
        while len(children) < 10_000:
            pid = os.fork()
            if pid == 0:
                time.sleep(60)
                os._exit(0)
            children.append(pid)
    finally:
        forked = len(children)
        for pid in children:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        print(forked)
    """
    context = await sandbox.create_context()
    result = await context.run(textwrap.dedent(code), timeout=30)
    assert result["error"]["name"] == "BlockingIOError", result  # EAGAIN from fork()
    assert 0 < int(result["stdout"]) < limit
    assert await eventually(lambda: len(group_members(context.pid)) == 1)
    assert (await context.run("'alive'"))["results"][0]["text"] == "'alive'"
    await sandbox.delete_context(context.id)


async def test_rlimits_from_the_template_apply(engine: SandboxEngine) -> None:
    limits = Limits.from_template({"memory": 300, "diskSize": 1, "cpu": 1})
    assert (limits.memory_mb, limits.disk_mb, limits.cpu) == (300, 1, 1.0)
    small = await engine.create("small-limits", limits=limits)
    try:
        code = """
        import resource
        try:
            open('big', 'wb').write(b'x' * (2 * 1024 * 1024))
            wrote = 'yes'
        except OSError as exc:
            wrote = type(exc).__name__
        mib = lambda limit: resource.getrlimit(limit)[0] // 2**20
        (mib(resource.RLIMIT_AS), mib(resource.RLIMIT_FSIZE), wrote)
        """
        assert await value(small, code) == "(300, 1, 'OSError')"  # EFBIG
        tmp = "import os\nst = os.statvfs('/tmp')\nst.f_blocks * st.f_frsize // 2**20"
        if (await engine.isolation()).tmpfs_size:
            assert await value(small, tmp) == str(limits.tmp_mb)
    finally:
        await engine.destroy(small.id)
