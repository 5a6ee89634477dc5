"""A build: one unpacked code package (`<builds>/<id>/code`) and its dependencies, installed at deploy time, never at
request time: a Python package's requirements.txt (or, without one, its pyproject.toml's [project].dependencies) go
into a virtual environment (`<builds>/<id>/venv`); a Node package's package.json dependencies into its node_modules
(`npm install --omit=dev`).

Languages map to what the machine has (openapi/control.yaml, CodeLanguage): `python3.x` runs on the server's Python,
`nodejs18`/`nodejs20` on the machine's `node`; the Java languages are not run by AgentRun Local. What cannot run
raises BuildFailed, whose message becomes the runtime's statusReason.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import sys
import sysconfig
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import anyio

from agentrun.local.sandbox.spawn import DEVNULL, spawn

INSTALL_TIMEOUT = 600.0
_REASON_LINES = 15
_PYTHON_NAMES = ("python", "python3")
_PYTHON_ENTRIES = ("main.py", "app.py", "index.py")
_NODE_ENTRIES = ("index.js", "app.js", "main.js", "server.js")


class BuildFailed(Exception):
    """The build cannot run; the message (a statusReason) says why and what to change."""


@dataclass(frozen=True)
class Build:
    root: Path

    @property
    def code(self) -> Path:
        return self.root / "code"

    @property
    def venv(self) -> Path:
        return self.root / "venv"

    @property
    def log(self) -> Path:
        return self.root / "install.log"

    def python(self) -> str:
        """The interpreter instances run on: the build's venv when it has one, else the server's own."""
        venv_python = self.venv / "bin" / "python"
        return str(venv_python) if venv_python.exists() else sys.executable


def is_python(language: str) -> bool:
    return language.startswith("python3")


def check_language(language: str) -> None:
    """BuildFailed when this machine cannot run `language`."""
    if is_python(language) or language == "":
        return
    if language.startswith("nodejs"):
        if shutil.which("node") is None:
            raise BuildFailed(
                f"language {language} needs Node.js, which this machine lacks: install it (apt-get install nodejs) "
                "and update the runtime, or deploy a python3.x package"
            )
        return
    raise BuildFailed(f"language {language} is not supported by AgentRun Local: deploy a python3.x or nodejs package")


def command_for(build: Build, language: str, command: Sequence[str]) -> list[str]:
    """The argv an instance runs: the runtime's `command` with `python*`/`node` mapped to this machine's
    interpreters, or, without a command, the package's entry file (main.py, app.py, ... / index.js, ...)."""
    argv = [str(part) for part in command]
    if not argv:
        entries = _NODE_ENTRIES if language.startswith("nodejs") else _PYTHON_ENTRIES
        entry = next((name for name in entries if (build.code / name).is_file()), None)
        if entry is None:
            raise BuildFailed(
                f"codeConfiguration.command is empty and the package has none of {', '.join(entries)}: "
                'set command (e.g. ["python", "main.py"])'
            )
        argv = ["node" if language.startswith("nodejs") else "python", entry]
    program = argv[0]
    if program in _PYTHON_NAMES or (program.startswith("python3.") and shutil.which(program) is None):
        argv[0] = build.python()
    elif program == "node":
        argv[0] = shutil.which("node") or program
    return argv


def _tail(path: Path) -> str:
    try:
        lines = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-_REASON_LINES:])


def _server_site_packages() -> list[str]:
    """The server environment's package directories: a build's venv sees them after its own packages, so an agent
    can import what the server has (starlette, uvicorn, ...) without installing it again."""
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    return sorted(path for path in paths if os.path.isdir(path))


async def _run(argv: list[str], *, cwd: Path, log: Path, what: str) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd.parent),
        "PIP_NO_INPUT": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_PROGRESS_BAR": "off",
        "NPM_CONFIG_UPDATE_NOTIFIER": "false",
        "LANG": "C.UTF-8",
    }
    forwarded = ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST", "NPM_CONFIG_REGISTRY", "HTTPS_PROXY",
                 "HTTP_PROXY", "NO_PROXY")  # fmt: skip
    for name in forwarded:
        if name in os.environ:
            env[name] = os.environ[name]
    with log.open("ab") as out:
        child = spawn(argv, env=env, stdin=DEVNULL, stdout=out, stderr=out, cwd=str(cwd), start_new_session=True)
    try:
        with anyio.fail_after(INSTALL_TIMEOUT):
            code = await child.wait()
    except TimeoutError:
        raise BuildFailed(f"{what} took longer than {INSTALL_TIMEOUT:.0f} s and was stopped:\n{_tail(log)}") from None
    finally:
        await child.aclose()
    if code != 0:
        raise BuildFailed(f"{what} failed (exit status {code}); its last lines:\n{_tail(log)}")


async def install(build: Build, language: str) -> None:
    """Install the package's dependencies; BuildFailed with the installer's last lines when that fails."""
    check_language(language)
    if language.startswith("nodejs"):
        await _npm_install(build)
        return
    if not is_python(language):
        return
    requirements, what = build.code / "requirements.txt", "pip install -r requirements.txt"
    if not requirements.is_file():
        dependencies = await anyio.to_thread.run_sync(_pyproject_dependencies, build.code / "pyproject.toml")
        if not dependencies:
            return
        requirements, what = build.root / "pyproject-requirements.txt", "pip install of pyproject.toml's dependencies"
        await anyio.Path(requirements).write_text("\n".join(dependencies) + "\n")
    await _run([sys.executable, "-m", "venv", "--without-pip", str(build.venv)], cwd=build.code, log=build.log,
               what="creating the virtual environment")  # fmt: skip
    purelib = Path(sysconfig.get_paths(vars={"base": str(build.venv), "platbase": str(build.venv)})["purelib"])
    await anyio.Path(purelib / "agentrun-local-server.pth").write_text("\n".join(_server_site_packages()) + "\n")
    pip = [
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(build.venv / "bin" / "python"),
        "install",
        "-r",
        str(requirements),
    ]
    await _run(pip, cwd=build.code, log=build.log, what=what)


def _pyproject_dependencies(path: Path) -> list[str]:
    """[project].dependencies of a pyproject.toml (PEP 621), the only part installed: the agent runs from its code
    folder as a requirements.txt package does, so the project itself is not built (that would need its build backend,
    fetched at deploy time, for nothing the instance uses). Dynamic dependencies cannot be read without building."""
    if not path.is_file():
        return []
    try:
        project = tomllib.loads(path.read_text(encoding="utf-8")).get("project") or {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BuildFailed(f"pyproject.toml is not valid TOML ({exc}): fix it, or ship a requirements.txt") from None
    if not isinstance(project, dict):
        raise BuildFailed("pyproject.toml: [project] must be a table")
    if "dependencies" in (project.get("dynamic") or []):
        raise BuildFailed(
            "pyproject.toml declares its dependencies dynamic, which AgentRun Local cannot read without building the "
            "project: list them in [project].dependencies or ship a requirements.txt"
        )
    dependencies = project.get("dependencies") or []
    if not isinstance(dependencies, list) or not all(isinstance(item, str) for item in dependencies):
        raise BuildFailed("pyproject.toml: [project].dependencies must be a list of requirement strings")
    return [item for item in dependencies if item.strip()]


async def _npm_install(build: Build) -> None:
    """`npm install --omit=dev` when package.json lists dependencies (a package without any is run as it is)."""
    manifest = build.code / "package.json"
    if not manifest.is_file():
        return
    try:
        package = json.loads(await anyio.Path(manifest).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BuildFailed(f"package.json is not valid JSON ({exc}): fix it") from None
    if not isinstance(package, dict) or not package.get("dependencies"):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise BuildFailed(
            "package.json lists dependencies but this machine has no npm: install it (apt-get install npm), or ship "
            "node_modules in the package without them listed"
        )
    argv = [npm, "install", "--omit=dev", "--no-audit", "--no-fund", "--no-update-notifier"]
    await _run(argv, cwd=build.code, log=build.log, what="npm install --omit=dev")
