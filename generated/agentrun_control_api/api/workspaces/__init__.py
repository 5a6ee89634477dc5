"""Operations of the workspaces group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import get_workspace, list_workspaces
else:
    from agentrun._core.lazy import lazy_modules

    (
        get_workspace,
        list_workspaces,
    ) = lazy_modules(__name__, "get_workspace", "list_workspaces")
