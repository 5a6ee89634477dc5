"""Hardening of sandbox processes: the seccomp filter refuses what code has no business calling (system calls made
with ctypes from inside a real sandbox answer EPERM, also those that would succeed without the filter), no nested
user namespaces, while Python with numpy and matplotlib, Node and shell commands still work."""

from __future__ import annotations

import json
import os
import shlex
import textwrap
from typing import Any

import pytest
from data_helpers import DataPlane, processes_with

from agentrun.local.sandbox import seccomp

pytestmark = pytest.mark.skipif(not seccomp.supported(), reason="the seccomp filter exists for x86_64 only")

X32 = 0x40000000
CLONE_NEWUSER, CLONE_FILES = 0x10000000, 0x400
# name: (number, arguments). Arguments are harmless: where the call is not refused, it fails or does nothing.
CALLS = {
    **{name: (number, ()) for name, number in seccomp.DENIED_X86_64.items()},
    "keyctl": (250, (0, -3, 0)),  # KEYCTL_GET_KEYRING_ID of the session keyring: works unfiltered
    "ptrace": (101, (0,)),  # PTRACE_TRACEME: works unfiltered
    "personality": (135, (0x0040000,)),  # ADDR_NO_RANDOMIZE: works unfiltered
    "unshare user namespace": (272, (CLONE_NEWUSER,)),
    "x32 getpid": (X32 | 39, ()),
}
ALLOWED = {
    "personality query": (135, (0xFFFFFFFF,)),
    "unshare files": (272, (CLONE_FILES,)),
    "getpid": (39, ()),
}

PROBE = """
import ctypes, errno, json, os
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long

def call(number, args):
    ctypes.set_errno(0)
    result = libc.syscall(ctypes.c_long(number), *(ctypes.c_long(arg) for arg in args))
    return "ok" if result >= 0 else errno.errorcode.get(ctypes.get_errno(), str(ctypes.get_errno()))

print(json.dumps({
    "calls": {name: call(number, args) for name, (number, args) in CALLS.items()},
    "clone3": call(435, (0, 0)),
    "status": [line.split()[1] for line in open("/proc/self/status") if line.startswith("Seccomp:")],
}))
"""


def cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as file:
        return file.read().decode().split("\0")


def main_result(result: dict[str, Any]) -> str:
    return str([item for item in result["results"] if item.get("isMainResult")][-1]["text"])


async def run_command(data: DataPlane, sandbox: dict[str, Any], command: str) -> dict[str, Any]:
    path = f"/sandboxes/{sandbox['sandboxId']}/processes/cmd"
    result: dict[str, Any] = await data.ok("POST", path, json_body={"command": command, "timeout": 60})
    return result


async def execute(data: DataPlane, sandbox: dict[str, Any], code: str, **more: Any) -> dict[str, Any]:
    body = {"code": textwrap.dedent(code), "timeout": 60, **more}
    result: dict[str, Any] = await data.ok(
        "POST", f"/sandboxes/{sandbox['sandboxId']}/contexts/execute", json_body=body
    )
    return result


async def test_the_filter_refuses_dangerous_system_calls(data: DataPlane, sandbox: dict[str, Any]) -> None:
    """In a command (forked from the zygote like every process of the sandbox), so nothing it does lasts."""
    code = f"CALLS = {dict(CALLS, **ALLOWED)!r}\n{PROBE}"
    result = await run_command(data, sandbox, f"python -c {shlex.quote(code)}")
    assert result["exitCode"] == 0, result
    seen = json.loads(result["stdout"])
    assert seen["status"] == ["2"]  # filtered
    refused = {name: outcome for name, outcome in seen["calls"].items() if name not in ALLOWED}
    assert refused == dict.fromkeys(refused, "EPERM"), refused
    assert {name: seen["calls"][name] for name in ALLOWED} == dict.fromkeys(ALLOWED, "ok")
    assert seen["clone3"] == "ENOSYS"  # libcs then fall back to clone, whose flags the filter can see


async def test_no_user_namespace_can_be_created_inside(data: DataPlane, sandbox: dict[str, Any]) -> None:
    result = await run_command(data, sandbox, "unshare -U true")
    assert result["exitCode"] != 0 and "unshare failed" in result["stderr"], result
    # Refused twice over: by the filter (EPERM, above), and by bwrap --disable-userns (ENOSPC, beneath it)
    namespace = (await run_command(data, sandbox, "readlink /proc/self/ns/pid"))["stdout"].strip()
    bwraps = [pid for pid in processes_with("bwrap") if os.readlink(f"/proc/{pid}/ns/pid") == namespace]
    assert bwraps and all("--disable-userns" in cmdline(pid) for pid in bwraps), namespace  # the sandbox's pid 1


async def test_python_numpy_matplotlib_subprocesses_and_the_shell_still_work(
    data: DataPlane, sandbox: dict[str, Any]
) -> None:
    code = """
    import subprocess
    import matplotlib.pyplot as plt
    import numpy as np
    plt.plot(np.arange(10) ** 2)
    plt.show()
    print(subprocess.run(["sh", "-c", "echo shell | tr a-z A-Z"], capture_output=True, text=True).stdout.strip())
    int(np.arange(4).sum())
    """
    result = await execute(data, sandbox, code)
    assert result["exitCode"] == 0, result
    assert any("image/png" in item.get("data", {}) for item in result["results"]), result["results"]
    assert main_result(result) == "6" and "SHELL" in result["stdout"]
    command = await run_command(data, sandbox, "ls /home/user >/dev/null && seq 3 | sort -r | head -1")
    assert (command["exitCode"], command["stdout"]) == (0, "3\n")


async def test_node_still_works(data: DataPlane, sandbox: dict[str, Any]) -> None:
    context = await data.ok("POST", f"/sandboxes/{sandbox['sandboxId']}/contexts", json_body={"language": "javascript"})
    code = "require('fs').readdirSync('/home/user').length + 41"
    result = await execute(data, sandbox, code, contextId=context["id"])
    assert result["exitCode"] == 0 and main_result(result) == "41", result
