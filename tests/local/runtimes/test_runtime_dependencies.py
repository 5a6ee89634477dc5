"""Dependencies beyond requirements.txt, installed at deploy time (openapi/control.yaml, CodeConfiguration): a Python
package's pyproject.toml [project].dependencies into the build's venv, a Node package's package.json dependencies
with `npm install --omit=dev`; a failure ends in CREATE_FAILED with the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from local_helpers import unique
from runtime_packages import agent_zip, code_configuration, make_zip, wheel
from test_runtime_deploy import builds, settled
from test_runtime_invoke import _path, call

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

NODE_AGENT = r"""
const http = require("http");
const tinydep = require("tinydep");
http.createServer((request, response) => {
  const body = JSON.stringify(request.url === "/health" ? {status: "ok"} : {greeting: tinydep.greeting});
  response.writeHead(200, {"content-type": "application/json", "content-length": Buffer.byteLength(body)});
  response.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
"""


def pyproject(dependencies: str, extra: str = "") -> str:
    return f'[project]\nname = "agent"\nversion = "0.1"\ndependencies = {dependencies}\n{extra}'


async def test_pyproject_dependencies_install_into_the_build_venv(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer, tmp_path: Path
) -> None:
    """No requirements.txt: [project].dependencies are installed (here a wheel by file URL, offline); the project
    itself is not built, the agent runs from its folder and imports the dependency."""
    path = tmp_path / "tinydep-1.0-py3-none-any.whl"
    path.write_bytes(wheel("tinydep", "1.0", "tinydep", "GREETING = 'from pyproject'\n"))
    package = agent_zip({"pyproject.toml": pyproject(f'["tinydep @ {path.as_uri()}"]')})
    before = builds(local)
    name = unique("ar-pyproject")
    runtime = await client.agent_runtimes.create(name, code=code_configuration(package))
    assert str(runtime.status) == "CREATING"
    ready = await settled(client, runtime.id)
    assert str(ready.status) == "READY", ready.status_reason
    (new,) = builds(local) - before
    venv = local.data_dir / "runtimes" / "builds" / new / "venv"
    assert list(venv.glob("lib/python*/site-packages/tinydep.py"))
    assert not list(venv.glob("lib/python*/site-packages/agent-*"))  # the project itself is not installed
    answer = await call(raw, local, "GET", _path(name, "info"))
    assert answer.status_code == 200 and answer.json()["extra"] == "from pyproject"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (pyproject('["tinydep @ file:///nonexistent/tinydep-1.0-py3-none-any.whl"]'),
         "pip install of pyproject.toml's dependencies failed"),
        (pyproject("[]", '[tool.x]\n').replace("dependencies = []\n", 'dynamic = ["dependencies"]\n'),
         "declares its dependencies dynamic"),
        ("[project\nname=", "pyproject.toml is not valid TOML"),
    ],
    ids=["missing", "dynamic", "invalid"],
)  # fmt: skip
async def test_a_pyproject_that_cannot_install_fails(client: AsyncAgentRun, content: str, reason: str) -> None:
    runtime = await client.agent_runtimes.create(
        unique("ar-badpyproject"), code=code_configuration(agent_zip({"pyproject.toml": content}))
    )
    failed = await settled(client, runtime.id)
    assert str(failed.status) == "CREATE_FAILED"
    assert reason in (failed.status_reason or "")


async def test_requirements_txt_wins_over_pyproject(client: AsyncAgentRun, local: LocalServer) -> None:
    """Both present: requirements.txt is what is installed (a pyproject listing a missing wheel does not matter)."""
    package = agent_zip({
        "requirements.txt": "./vendor/tinydep-1.0-py3-none-any.whl\n",
        "vendor/tinydep-1.0-py3-none-any.whl": wheel("tinydep", "1.0", "tinydep", "GREETING = 'x'\n"),
        "pyproject.toml": pyproject('["nope @ file:///nonexistent/nope-1.0-py3-none-any.whl"]'),
    })  # fmt: skip
    runtime = await client.agent_runtimes.create(unique("ar-both"), code=code_configuration(package))
    assert str((await settled(client, runtime.id)).status) == "READY"


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is missing: make system-deps (nodejs)")
async def test_node_package_json_dependencies_install_with_npm(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    """package.json with a local file: dependency (offline): npm install --omit=dev at deploy time, the instance
    requires it; a package.json naming a dependency npm cannot find fails with npm's lines."""
    package = make_zip({
        "index.js": NODE_AGENT,
        "package.json": '{"name": "agent", "version": "1.0.0", "dependencies": {"tinydep": "file:./vendor/tinydep"},'
                        ' "devDependencies": {"nothing-here": "file:./vendor/absent"}}',
        "vendor/tinydep/package.json": '{"name": "tinydep", "version": "1.0.0", "main": "index.js"}',
        "vendor/tinydep/index.js": 'module.exports = {greeting: "from npm"};\n',
    })  # fmt: skip
    before = builds(local)
    name = unique("ar-node")
    runtime = await client.agent_runtimes.create(
        name, code=code_configuration(package, language="nodejs20", command=["node", "index.js"])
    )
    ready = await settled(client, runtime.id)
    assert str(ready.status) == "READY", ready.status_reason
    (new,) = builds(local) - before
    assert (local.data_dir / "runtimes" / "builds" / new / "code" / "node_modules" / "tinydep").exists()
    answer = await call(raw, local, "GET", _path(name, "hello"))
    assert answer.status_code == 200 and answer.json() == {"greeting": "from npm"}

    missing = '{"name": "agent", "dependencies": {"tinydep": "file:./vendor/missing.tgz"}}'
    broken = make_zip({"index.js": NODE_AGENT, "package.json": missing})
    failed = await client.agent_runtimes.create(
        unique("ar-node-bad"), code=code_configuration(broken, language="nodejs20", command=["node", "index.js"])
    )
    failed_status = await settled(client, failed.id)
    assert str(failed_status.status) == "CREATE_FAILED"
    assert "npm install --omit=dev failed" in (failed_status.status_reason or "")
