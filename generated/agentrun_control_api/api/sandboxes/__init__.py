"""Operations of the sandboxes group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        create_sandbox,
        delete_sandbox,
        get_sandbox,
        list_sandboxes,
        pause_sandbox,
        resume_sandbox,
        stop_sandbox,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        create_sandbox,
        delete_sandbox,
        get_sandbox,
        list_sandboxes,
        pause_sandbox,
        resume_sandbox,
        stop_sandbox,
    ) = lazy_modules(
        __name__,
        "create_sandbox",
        "delete_sandbox",
        "get_sandbox",
        "list_sandboxes",
        "pause_sandbox",
        "resume_sandbox",
        "stop_sandbox",
    )
