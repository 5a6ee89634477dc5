"""The blocking API in agentrun/sync/ is generated from the async source; these tests keep the two in step: twins only
for modules doing I/O, pure-data modules shared (the very same classes), and the twins' signatures and docstrings
speaking of blocking calls only."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys
import typing
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import gen_sync  # noqa: E402

ASYNC_TO_SYNC_NAMES = {"AsyncAgentRun": "AgentRun", "AsyncPager": "SyncPager"}
SYNC_DUNDERS = {"__aenter__": "__enter__", "__aexit__": "__exit__", "__aiter__": "__iter__", "__anext__": "__next__"}


def _module_pairs() -> list[tuple[str, str]]:
    twins = gen_sync._twin_modules()
    return sorted((m, gen_sync._module_twin(m, twins)) for m in twins if not m.endswith("__init__"))


def _shared_modules() -> list[str]:
    return sorted(gen_sync.module_name(source) for source in gen_sync._shared_sources())


def _generated_files() -> list[Path]:
    return sorted((ROOT / "agentrun" / "sync").rglob("*.py"))


def _public_classes(module: object) -> dict[str, type]:
    return {
        name: obj
        for name, obj in vars(module).items()
        if inspect.isclass(obj) and obj.__module__ == getattr(module, "__name__", None) and not name.startswith("_")
    }


def _methods(cls: type) -> dict[str, object]:
    out = {}
    for name, value in vars(cls).items():
        kept = name in SYNC_DUNDERS or name in SYNC_DUNDERS.values() or name == "__init__"
        if name.startswith("_") and not kept:
            continue
        if inspect.isfunction(value) or isinstance(value, property):
            out[SYNC_DUNDERS.get(name, "close" if name == "aclose" else name)] = value
    return out


def test_generated_sync_modules_match_the_async_source() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_sync.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("async_name", "sync_name"), _module_pairs())
def test_every_async_class_has_a_sync_twin_with_the_same_methods(async_name: str, sync_name: str) -> None:
    async_module = importlib.import_module(async_name)
    sync_module = importlib.import_module(sync_name)
    sync_classes = _public_classes(sync_module)
    for name, async_cls in _public_classes(async_module).items():
        twin_name = ASYNC_TO_SYNC_NAMES.get(name, name)
        assert twin_name in sync_classes, f"{sync_name} lacks {twin_name}"
        async_methods = _methods(async_cls)
        sync_methods = _methods(sync_classes[twin_name])
        assert sorted(async_methods) == sorted(sync_methods), f"{name}: method sets differ"
        for method, async_fn in async_methods.items():
            sync_fn = sync_methods[method]
            if isinstance(async_fn, property):
                assert isinstance(sync_fn, property), f"{name}.{method} is a property only in the async API"
                continue
            assert inspect.isfunction(sync_fn)
            assert list(inspect.signature(async_fn).parameters) == list(inspect.signature(sync_fn).parameters), (
                f"{name}.{method}: parameters differ"
            )
            assert not inspect.iscoroutinefunction(sync_fn), f"sync {name}.{method} must not be a coroutine"


def test_the_sync_client_exposes_the_same_managers_as_the_async_client() -> None:
    from agentrun.client import AsyncAgentRun
    from agentrun.sync import AgentRun

    managers = {n for n, v in vars(AsyncAgentRun).items() if not n.startswith("_") and hasattr(v, "func")}
    assert managers, "the async client exposes no managers"
    assert managers == {n for n, v in vars(AgentRun).items() if not n.startswith("_") and hasattr(v, "func")}


def test_every_copied_module_does_io_and_every_shared_one_is_pure_data() -> None:
    twinned = gen_sync.twinned_sources()
    shared = [s for s in gen_sync._candidates() if s not in twinned]
    assert {"agentrun.sandbox.execution", "agentrun.model.completions", "agentrun.model.chunks"} <= {
        gen_sync.module_name(s) for s in shared
    }
    twins = gen_sync._twin_modules()
    for source in twinned:
        text = source.read_text()
        assert gen_sync.transform(text, twins) != gen_sync._flat_imports(text), f"{source} is copied for nothing"
    io_nodes = (ast.AsyncFunctionDef, ast.Await, ast.AsyncFor, ast.AsyncWith)
    for source in shared:
        tree = ast.parse(source.read_text())
        assert not [n for n in ast.walk(tree) if isinstance(n, io_nodes)], f"{source} is shared but has async code"
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not imported & ({"agentrun._core.http", "agentrun._core.aio", "agentrun._core.sse"} | twins), (
            f"{source} is shared but imports I/O"
        )


@pytest.mark.parametrize("shared", _shared_modules())
def test_the_sync_api_returns_the_very_classes_of_the_async_api(shared: str) -> None:
    async_module = importlib.import_module(shared)
    sync_module = importlib.import_module(shared.replace("agentrun.", "agentrun.sync.", 1))
    for name, cls in _public_classes(async_module).items():
        assert getattr(sync_module, name) is cls, f"agentrun.sync copies {shared}.{name}"


def test_the_sync_packages_export_the_shared_classes() -> None:
    import agentrun.model
    import agentrun.sandbox
    import agentrun.sync.model
    import agentrun.sync.sandbox

    for name in ("Execution", "Result", "Logs", "ExecutionError", "Stdout", "End"):
        assert getattr(agentrun.sync.sandbox, name) is getattr(agentrun.sandbox, name)
    for name in ("ChatCompletion", "ChatCompletionChunk", "Usage", "ToolCall", "Embeddings", "ModelUsage"):
        assert getattr(agentrun.sync.model, name) is getattr(agentrun.model, name)


def test_the_sync_client_takes_blocking_httpx_types() -> None:
    from agentrun.sync import AgentRun

    hints = typing.get_type_hints(AgentRun.__init__)
    assert hints["http_client"] == httpx.Client | None
    assert hints["transport"] == httpx.BaseTransport | None


def test_the_twins_promise_neither_await_nor_async_callbacks() -> None:
    for path in _generated_files():
        text = path.read_text()
        if path.name == "__init__.py" and path.parent.name == "sync":
            text = text.replace("without `await`", "")
        found = re.findall(r".*\b(?:async|await|Awaitable|Async[A-Z]\w*)\b.*", text)
        assert not found, f"{path.relative_to(ROOT)}: {found}"
