"""Operations of the model_proxies group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import create_model_proxy, delete_model_proxy, get_model_proxy, list_model_proxies, update_model_proxy
else:
    from agentrun._core.lazy import lazy_modules

    (
        create_model_proxy,
        delete_model_proxy,
        get_model_proxy,
        list_model_proxies,
        update_model_proxy,
    ) = lazy_modules(
        __name__,
        "create_model_proxy",
        "delete_model_proxy",
        "get_model_proxy",
        "list_model_proxies",
        "update_model_proxy",
    )
