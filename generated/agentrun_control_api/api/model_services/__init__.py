"""Operations of the model_services group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        create_model_service,
        delete_model_service,
        get_model_service,
        list_model_services,
        update_model_service,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        create_model_service,
        delete_model_service,
        get_model_service,
        list_model_services,
        update_model_service,
    ) = lazy_modules(
        __name__,
        "create_model_service",
        "delete_model_service",
        "get_model_service",
        "list_model_services",
        "update_model_service",
    )
