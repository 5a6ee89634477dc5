"""Operations of the agent_runtimes group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        get_agent_runtime_logs,
        invoke_agent_runtime,
        invoke_agent_runtime_ag_ui,
        invoke_agent_runtime_chat_completion,
        invoke_agent_runtime_get,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        get_agent_runtime_logs,
        invoke_agent_runtime,
        invoke_agent_runtime_ag_ui,
        invoke_agent_runtime_chat_completion,
        invoke_agent_runtime_get,
    ) = lazy_modules(
        __name__,
        "get_agent_runtime_logs",
        "invoke_agent_runtime",
        "invoke_agent_runtime_ag_ui",
        "invoke_agent_runtime_chat_completion",
        "invoke_agent_runtime_get",
    )
