"""Operations of the templates group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        activate_template_mcp,
        create_template,
        delete_template,
        get_template,
        list_templates,
        stop_template_mcp,
        update_template,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        activate_template_mcp,
        create_template,
        delete_template,
        get_template,
        list_templates,
        stop_template_mcp,
        update_template,
    ) = lazy_modules(
        __name__,
        "activate_template_mcp",
        "create_template",
        "delete_template",
        "get_template",
        "list_templates",
        "stop_template_mcp",
        "update_template",
    )
