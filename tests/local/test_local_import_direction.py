"""AgentRun Local's layers import in one direction: control/ serves resources over HTTP and nothing below it
imports it back; the sandbox engine (sandbox/) knows nothing of the server around it. Read from the modules'
import statements, without importing them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import agentrun.local

LOCAL = Path(agentrun.local.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (imports inside functions and TYPE_CHECKING blocks count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _offenders(modules: list[Path], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    """Which of `modules` import a module at or under one of `forbidden`."""

    def hit(name: str) -> bool:
        return any(name == bad or name.startswith(bad + ".") for bad in forbidden)

    bad = {str(path.relative_to(LOCAL)): sorted(filter(hit, _imports(path))) for path in modules}
    return {module: names for module, names in bad.items() if names}


def _package(name: str) -> list[Path]:
    return sorted((LOCAL / name).glob("*.py"))


def test_nothing_but_the_app_imports_the_control_plane() -> None:
    below = [*_package("sandbox_manager"), *_package("data"), *_package("models"), *_package("sandbox")]
    shared = [LOCAL / name for name in ("requests.py", "resources.py", "responses.py", "schema.py", "store.py")]
    assert _offenders([*below, *shared], ("agentrun.local.control",)) == {}


def test_the_sandbox_manager_and_the_control_plane_do_not_import_each_other() -> None:
    assert _offenders(_package("sandbox_manager"), ("agentrun.local.control",)) == {}
    # control/ may call the manager, which is how the control plane creates sandboxes; the registry both share is
    # resources.py, so neither needs the other's tables.
    assert _offenders([LOCAL / "resources.py"], ("agentrun.local.control", "agentrun.local.sandbox_manager")) == {}


def test_the_data_plane_parses_requests_without_the_control_plane() -> None:
    assert _offenders(_package("data"), ("agentrun.local.control",)) == {}
    assert "agentrun.local.requests" in _imports(LOCAL / "control" / "crud.py")


def test_the_sandbox_engine_stands_alone() -> None:
    """The engine raises its own errors (sandbox/errors.py), not the SDK's, and knows nothing of the server."""
    engine = _package("sandbox")
    assert _offenders(engine, ("agentrun.errors", "agentrun._core", "agentrun.client")) == {}
    assert _offenders(engine, tuple(f"agentrun.local.{name}" for name in _SERVER_PARTS)) == {}


_SERVER_PARTS = ("control", "data", "models", "sandbox_manager", "app", "responses", "requests", "resources", "state")


def test_the_sdk_loads_no_server() -> None:
    """An SDK-only install works without the `local` extra (agentrun/local/__init__.py says why there is one
    distribution): importing the client loads no module of AgentRun Local and none of the server's dependencies."""
    check = (
        "import sys, agentrun, agentrun.client; "
        "print(sorted(m for m in sys.modules if m.startswith('agentrun.local') or m.split('.')[0] in "
        "('uvicorn', 'starlette', 'cryptography', 'multipart', 'python_multipart')))"
    )
    found = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60, check=True)
    assert found.stdout.strip() == "[]"
