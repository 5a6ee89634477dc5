"""Item 6 of "One wire model from spec to user": the fields a facade method passes through to an input model are
typed keyword arguments generated from the spec (`**more: Unpack[...]`), so a misspelt field fails type checking;
`extra_body=` is the one way to send what the spec does not know."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any

from mypy import api as mypy_api

import agentrun

ROOT = Path(__file__).resolve().parent.parent

USES = """
from agentrun import AsyncAgentRun

async def use(client: AsyncAgentRun) -> None:
    await client.templates.create("t", sandbox_ttl_seconds=60, {keyword})
"""


def type_check(tmp_path: Path, keyword: str) -> tuple[int, str]:
    source = tmp_path / "use_agentrun.py"
    source.write_text(USES.format(keyword=keyword))
    out, err, status = mypy_api.run(
        [str(source), "--strict", "--no-incremental", "--follow-imports=silent", "--config-file="]
    )
    return status, out + err


def test_mypy_rejects_a_misspelt_field_and_accepts_the_real_one(tmp_path: Path) -> None:
    status, report = type_check(tmp_path, "memroy=1")
    assert status == 1 and 'Unexpected keyword argument "memroy"' in report, report
    status, report = type_check(tmp_path, "container_configuration={'image': 'python:3.11'}")
    assert status == 0, report


# Their keyword arguments go on to another package, typed there: `openai.AsyncOpenAI(...)`, `uvicorn.run(...)` (as
# the official SDK's AgentRunServer.start passes them).
PASSED_ON = {  # keyword arguments handed on: to `openai.AsyncOpenAI(...)`, to `uvicorn.run(...)`; typed there
    "Models.openai",
    "ModelTarget.async_openai",
    "AgentRunServer.start",
}


def public_methods() -> list[Any]:
    """The public functions of every class the public facade modules define (not Local, the twins, `_core`)."""
    found = []
    for info in pkgutil.walk_packages(agentrun.__path__, "agentrun."):
        part = info.name.split(".")[1]
        if part in {"local", "sync", "cli"} or part.startswith("_") or info.ispkg:
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if isinstance(cls, type) and cls.__module__ == module.__name__:
                found += [f for name, f in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")]
                found += [cls.__init__] if "__init__" in vars(cls) else []
    return found


def test_no_public_facade_method_takes_untyped_keyword_arguments() -> None:
    methods = public_methods()
    assert {"Templates.create", "Models.chat", "AsyncAgentRun.__init__"} <= {m.__qualname__ for m in methods}
    untyped = sorted(
        {
            method.__qualname__
            for method in methods
            for param in inspect.signature(method).parameters.values()
            if param.kind is param.VAR_KEYWORD and param.annotation in ("Any", Any)
        }
        - PASSED_ON
    )
    assert untyped == []
