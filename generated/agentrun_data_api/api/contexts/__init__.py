"""Operations of the contexts group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import create_context, delete_context, execute_code, get_context, list_contexts
else:
    from agentrun._core.lazy import lazy_modules

    (
        create_context,
        delete_context,
        execute_code,
        get_context,
        list_contexts,
    ) = lazy_modules(__name__, "create_context", "delete_context", "execute_code", "get_context", "list_contexts")
