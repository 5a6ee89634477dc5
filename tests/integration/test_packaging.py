"""Packaging: `import agentrun` (and importing an integration module) loads no framework; a missing framework is a
typed error naming its extra. Run where the frameworks are installed (.venv-integrations), so the check means it."""

from __future__ import annotations

from conftest import World

FRAMEWORKS = [
    *("langchain", "langchain_core", "langchain_openai", "langgraph", "pydantic_ai", "agents", "openai"),
    *("crewai", "agentscope", "google", "litellm", "httpx2"),
]

IMPORTS = """
import sys, agentrun, agentrun.sync
import agentrun.integration.langchain, agentrun.integration.langgraph
import agentrun.integration.pydantic_ai, agentrun.integration.openai_agents
import agentrun.integration.crewai, agentrun.integration.agentscope, agentrun.integration.google_adk
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(VALUES["frameworks"]))
print(json.dumps(loaded))
"""

MISSING = """
from agentrun import errors
from agentrun.integration import _common
try:
    _common.require_framework("no_such_framework_module", "langchain")
except errors.MissingDependencyError as exc:
    print(json.dumps(str(exc)))
"""


async def test_importing_agentrun_and_its_integrations_loads_no_framework(world: World) -> None:
    assert await world.script(IMPORTS, frameworks=FRAMEWORKS) == []


async def test_a_missing_framework_names_the_extra_to_install(world: World) -> None:
    message = await world.script(MISSING)
    assert "pip install 'agentrun[langchain]'" in message and "no_such_framework_module" in message
