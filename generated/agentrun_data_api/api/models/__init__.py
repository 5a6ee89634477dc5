"""Operations of the models group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        create_chat_completion,
        create_embeddings,
        create_response,
        get_all_model_usage,
        get_model_usage,
        list_models,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        create_chat_completion,
        create_embeddings,
        create_response,
        get_all_model_usage,
        get_model_usage,
        list_models,
    ) = lazy_modules(
        __name__,
        "create_chat_completion",
        "create_embeddings",
        "create_response",
        "get_all_model_usage",
        "get_model_usage",
        "list_models",
    )
