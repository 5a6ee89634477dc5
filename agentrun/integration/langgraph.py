"""AgentRun for LangGraph (`pip install 'agentrun[langgraph]'`): LangGraph agents use LangChain's chat models and
tools, so `model`, `toolset`, `tool_resource` and `sandbox_toolset` are those of `agentrun.integration.langchain`
(`ChatOpenAI`, lists of `StructuredTool`), as in agentrun-sdk's `agentrun.integration.langgraph`. `AgentRunConverter`
turns `astream_events(..., version="v2")` into what an `agentrun.server` handler yields (it needs the `server`
extra, so it is imported on first use)."""

from typing import TYPE_CHECKING

from agentrun.integration import _common
from agentrun.integration.langchain import (
    TOOL_OUTPUT_EVENT as TOOL_OUTPUT_EVENT,
)
from agentrun.integration.langchain import (
    model as model,
)
from agentrun.integration.langchain import (
    sandbox_toolset as sandbox_toolset,
)
from agentrun.integration.langchain import (
    to_langchain_tool as to_langchain_tool,
)
from agentrun.integration.langchain import (
    tool_resource as tool_resource,
)
from agentrun.integration.langchain import (
    toolset as toolset,
)

if TYPE_CHECKING:
    from agentrun.integration.langgraph_converter import AgentRunConverter as AgentRunConverter


# imported on first use: it needs the `server` extra
__getattr__ = _common.converter_getattr(__name__, "agentrun.integration.langgraph_converter")


__all__ = [*_common.API, "TOOL_OUTPUT_EVENT", "to_langchain_tool"]
