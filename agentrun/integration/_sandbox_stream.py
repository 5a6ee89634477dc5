"""run_code and run_command of a sandbox tool set, run with their output handed to a callback as the sandbox produces
it (the sandbox API streams executions: `Sandbox.run_code(..., on_stdout=...)`, `commands.run(..., on_stdout=...)`).
The result is the text `SandboxTools.call` gives for the same call, so a streamed call and a plain one read alike."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from agentrun.tool.sandbox_tools import check_arguments

STREAMED = ("run_code", "run_command")

OutputCallback = Callable[[str, str], object]  # (stream: "stdout" or "stderr", text)


def run_streamed(sandbox_tools: Any, name: str, arguments: Mapping[str, Any], on_output: OutputCallback) -> str:
    """Blocking: `sandbox_tools` is the blocking client's `SandboxTools`; `name` one of STREAMED."""
    given = check_arguments(sandbox_tools.get(name).function, arguments)
    sandbox = sandbox_tools.ensure_sandbox()

    def stdout(text: str) -> None:
        on_output("stdout", text)

    def stderr(text: str) -> None:
        on_output("stderr", text)

    if name == "run_command":
        done = sandbox.commands.run(
            given["command"], cwd=given.get("cwd"), timeout=given.get("timeout"), on_stdout=stdout, on_stderr=stderr
        )
        return _text({"stdout": done.stdout, "stderr": done.stderr, "exit_code": done.exit_code})
    # the set's interpreter context for the language, so state carries over as with its own run_code
    contexts: dict[str, Any] = sandbox_tools._contexts
    language = given["language"]
    if language not in contexts:
        contexts[language] = sandbox.create_context(language=language)
    execution = sandbox.run_code(
        given["code"], context=contexts[language], timeout=given.get("timeout"), on_stdout=stdout, on_stderr=stderr
    )
    error = execution.error
    return _text(
        {
            "stdout": "".join(execution.logs.stdout),
            "stderr": "".join(execution.logs.stderr),
            "results": [{"text": r.text, "formats": r.formats(), "png": r.png} for r in execution.results],
            "error": None
            if error is None
            else {"name": error.name, "value": error.value, "traceback": error.traceback},
        }
    )


def _text(body: Any) -> str:
    # as ToolResult.text() gives a JSON body
    return json.dumps(body, ensure_ascii=False)
