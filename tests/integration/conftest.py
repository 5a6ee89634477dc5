"""Fixtures for the framework integration tests: one real AgentRun Local (its answers checked against the specs,
as in tests/local), a real OpenAPI upstream registered as a tool, a CodeInterpreter template, and the interpreter of
`.venv-integrations` (AGENTRUN_INTEGRATIONS_PYTHON, set by `make pytest`), where the frameworks are installed. The
examples in examples/integrations/ run there, configured only by what AgentRun Local exports."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import pytest

sys.path[:0] = [str(Path(__file__).parent.parent / "local"), str(Path(__file__).parent.parent / "local" / "tools")]

from contract import AnswerContract, Contract  # noqa: E402
from tool_upstream import ToolUpstream  # noqa: E402

from agentrun import errors  # noqa: E402
from agentrun.client import AsyncAgentRun  # noqa: E402
from agentrun.local import LocalServer, run  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples" / "integrations"
RUN_TIMEOUT = 120.0


# Frameworks whose pins clash with the others' (crewai: mcp<2; agentscope: mcp>=2 and openai 3; google-adk: its own
# fastapi/starlette and openai 3) have a virtualenv each; the rest share .venv-integrations.
OWN_ENVIRONMENT = {
    "crewai": "AGENTRUN_INTEGRATIONS_CREWAI_PYTHON",
    "agentscope": "AGENTRUN_INTEGRATIONS_AGENTSCOPE_PYTHON",
    "google_adk": "AGENTRUN_INTEGRATIONS_GOOGLE_ADK_PYTHON",
}


def integrations_python(framework: str | None = None) -> str:
    variable = OWN_ENVIRONMENT.get(framework or "", "AGENTRUN_INTEGRATIONS_PYTHON")
    path = os.environ.get(variable, "")
    if not path or not os.access(path, os.X_OK):
        pytest.skip(
            f"the framework integrations are not installed ({variable}={path!r}): run `make integrations` and set "
            "it to the python of the virtualenv it built, or run the tests with `make pytest`"
        )
    return path


@pytest.fixture(scope="session")
def contract() -> Contract:
    return Contract()


@pytest.fixture(scope="session")
async def local(tmp_path_factory: pytest.TempPathFactory, contract: Contract) -> AsyncIterator[LocalServer]:
    async with run(
        data_dir=tmp_path_factory.mktemp("agentrun-local"), port=0, wrap_app=lambda app: AnswerContract(app, contract)
    ) as server:
        yield server


@pytest.fixture(autouse=True)
def answers_match_the_specs(contract: Contract) -> Iterator[None]:
    yield
    violations = contract.take()
    assert not violations, "AgentRun Local answered against the spec:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def client(local: LocalServer) -> AsyncAgentRun:
    return local.client


ITEMS_SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "items", "version": "1"},
    "paths": {
        "/items": {
            "post": {
                "operationId": "createItem",
                "description": "Create an item",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {"name": {"type": "string"}, "count": {"type": "integer"}},
                            }
                        }
                    },
                },
            }
        },
        "/text": {"get": {"operationId": "getText", "summary": "Plain text"}},
    },
}


@dataclass
class World:
    """What the examples are run against."""

    local: LocalServer
    template: str
    tool: str
    upstream: ToolUpstream

    def env(self) -> dict[str, str]:
        return {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(self.local.data_dir), **self.local.env}

    async def run(self, *args: str, framework: str | None = None) -> tuple[int, str, str]:
        python = integrations_python(framework)
        with anyio.fail_after(RUN_TIMEOUT):
            # cwd elsewhere, so the script imports agentrun as installed in that virtualenv (editable: this repo).
            done = await anyio.run_process([python, *args], env=self.env(), cwd=self.local.data_dir, check=False)
        return done.returncode, done.stdout.decode(), done.stderr.decode()

    async def run_example(self, framework: str) -> str:
        # <framework>_agent.py, not <framework>.py: the script's folder comes first on sys.path and would shadow it
        script = EXAMPLES / f"{framework}_agent.py"
        code, out, err = await self.run(
            str(script), "--template", self.template, "--tool", self.tool, framework=framework
        )
        assert code == 0, f"examples/integrations/{framework}_agent.py failed (exit {code}):\n{out}\n{err[-4000:]}"
        return out

    async def script(self, code: str, framework: str | None = None, **values: Any) -> Any:
        """Run `code` in `framework`'s virtualenv with VALUES (JSON) bound; it prints one JSON line, returned
        parsed."""
        source = f"import json\nVALUES = json.loads({json.dumps(values)!r})\n{code}"
        status, out, err = await self.run("-c", source, framework=framework)
        assert status == 0, f"script failed (exit {status}):\n{out}\n{err[-4000:]}"
        return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="session")
async def world(local: LocalServer) -> AsyncIterator[World]:
    client = local.client
    template = await client.templates.create("integrations", template_type="CodeInterpreter", cpu=1, memory=1024)
    await template.wait_until_ready()
    async with ToolUpstream() as upstream:
        spec = {**ITEMS_SPEC, "servers": [{"url": upstream.url}]}
        await client.tools.create("items", tool_type="FUNCTIONCALL", create_method="OPENAPI_IMPORT", protocol_spec=spec)
        yield World(local, template.name, "items", upstream)


CODE_ANSWER = 'The tool run_code returned: {"stdout": "42\\n"'  # the SDK's run_code result, as JSON
API_ANSWER = 'The tool createItem returned: {"created": {"name": "demo", "count": 2}}'


async def assert_sandbox_gone(client: AsyncAgentRun, out: str) -> None:
    """The example printed `sandbox: <id>` while its toolset was open; that sandbox no longer exists."""
    ids = [line.removeprefix("sandbox: ") for line in out.splitlines() if line.startswith("sandbox: ")]
    assert len(ids) == 1 and ids[0].startswith("sbx"), out
    with pytest.raises(errors.NotFoundError):
        await client.sandboxes.get(ids[0])
