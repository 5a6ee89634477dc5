"""agentrun: the async-first Python SDK for AgentRun, and AgentRun Local.

    import agentrun
    async with agentrun.AsyncAgentRun() as client:
        async for runtime in client.agent_runtimes.list():
            print(runtime.agent_runtime_name, runtime.status)

Names are imported on first use, so `import agentrun` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._config import Config as Config
    from ._config import Timeouts as Timeouts
    from ._core.http import CallOptions as CallOptions
    from ._core.page import Page as Page
    from ._core.paging import AsyncPager as AsyncPager
    from ._core.raw_response import RawResponse as RawResponse
    from ._core.raw_response import raw_responses as raw_responses
    from ._core.raw_response import with_raw_response as with_raw_response
    from .agent_runtime import AgentRuntime as AgentRuntime
    from .agent_runtime import AgentRuntimeEndpoint as AgentRuntimeEndpoint
    from .client import AsyncAgentRun as AsyncAgentRun
    from .credential import Credential as Credential
    from .model import ModelProxy as ModelProxy
    from .model import ModelService as ModelService
    from .sandbox import CodeContext as CodeContext
    from .sandbox import CommandHandle as CommandHandle
    from .sandbox import CommandResult as CommandResult
    from .sandbox import EntryInfo as EntryInfo
    from .sandbox import Execution as Execution
    from .sandbox import ExecutionError as ExecutionError
    from .sandbox import Result as Result
    from .sandbox import Sandbox as Sandbox
    from .sandbox import Template as Template
    from .sync import AgentRun as AgentRun
    from .tool import Tool as Tool

_EXPORTS = {
    "Config": "._config",
    "Timeouts": "._config",
    "CallOptions": "._core.http",
    "AsyncPager": "._core.paging",
    "Page": "._core.page",
    "RawResponse": "._core.raw_response",
    "raw_responses": "._core.raw_response",
    "with_raw_response": "._core.raw_response",
    "AsyncAgentRun": ".client",
    "AgentRun": ".sync",
    "AgentRuntime": ".agent_runtime",
    "AgentRuntimeEndpoint": ".agent_runtime",
    "Credential": ".credential",
    "ModelService": ".model",
    "ModelProxy": ".model",
    "Sandbox": ".sandbox",
    "Execution": ".sandbox",
    "ExecutionError": ".sandbox",
    "Result": ".sandbox",
    "CodeContext": ".sandbox",
    "CommandResult": ".sandbox",
    "CommandHandle": ".sandbox",
    "EntryInfo": ".sandbox",
    "Template": ".sandbox",
    "Tool": ".tool",
}

__all__ = ["__version__", "errors", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name == "errors":
        return import_module(".errors", __name__)
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'agentrun' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
