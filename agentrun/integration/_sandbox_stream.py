"""run_code and run_command of a sandbox tool set, run with their output handed to a callback as the sandbox produces
it (the sandbox API streams executions: `Sandbox.run_code(..., on_stdout=...)`, `commands.run(..., on_stdout=...)`).
The result is the text `SandboxTools.call` gives for the same call, so a streamed call and a plain one read alike."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any

from agentrun.tool.sandbox_tools import check_arguments

STREAMED = ("run_code", "run_command")

OutputCallback = Callable[[str, str], object]  # (stream: "stdout" or "stderr", text)


def run_streamed(sandbox_tools: Any, name: str, arguments: Mapping[str, Any], on_output: OutputCallback) -> str:
    """Blocking: `sandbox_tools` is the blocking client's `SandboxTools`; `name` one of STREAMED."""
    given = check_arguments(sandbox_tools.get(name).function, arguments)
    sandbox = sandbox_tools.ensure_sandbox()
    callbacks = {
        "on_stdout": functools.partial(on_output, "stdout"),
        "on_stderr": functools.partial(on_output, "stderr"),
    }
    if name == "run_command":
        done = sandbox.commands.run(given["command"], cwd=given.get("cwd"), timeout=given.get("timeout"), **callbacks)
        # as ToolResult.text() gives the set's JSON body
        return json.dumps(
            {"stdout": done.stdout, "stderr": done.stderr, "exit_code": done.exit_code}, ensure_ascii=False
        )
    # The set's own run_code (its interpreter context per language, so state carries over; its result), on the
    # sandbox seen with the callbacks added to each run.
    streaming = SimpleNamespace(
        create_context=sandbox.create_context, run_code=functools.partial(sandbox.run_code, **callbacks)
    )
    return str(sandbox_tools._run_code(streaming, given).text())
