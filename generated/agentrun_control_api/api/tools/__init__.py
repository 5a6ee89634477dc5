"""Operations of the tools group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import create_tool, delete_tool, get_tool, list_tools, update_tool
else:
    from agentrun._core.lazy import lazy_modules

    (
        create_tool,
        delete_tool,
        get_tool,
        list_tools,
        update_tool,
    ) = lazy_modules(__name__, "create_tool", "delete_tool", "get_tool", "list_tools", "update_tool")
