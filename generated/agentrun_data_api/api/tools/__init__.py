"""Operations of the tools group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        close_tool_mcp_session,
        download_tool_skill,
        get_all_tool_usage,
        get_tool_usage,
        invoke_tool_function,
        invoke_tool_mcp,
        list_tool_functions,
        open_tool_mcp_stream,
        open_tool_sse,
        post_tool_sse_message,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        close_tool_mcp_session,
        download_tool_skill,
        get_all_tool_usage,
        get_tool_usage,
        invoke_tool_function,
        invoke_tool_mcp,
        list_tool_functions,
        open_tool_mcp_stream,
        open_tool_sse,
        post_tool_sse_message,
    ) = lazy_modules(
        __name__,
        "close_tool_mcp_session",
        "download_tool_skill",
        "get_all_tool_usage",
        "get_tool_usage",
        "invoke_tool_function",
        "invoke_tool_mcp",
        "list_tool_functions",
        "open_tool_mcp_stream",
        "open_tool_sse",
        "post_tool_sse_message",
    )
