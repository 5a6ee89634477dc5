"""Operations of the credentials group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import create_credential, delete_credential, get_credential, list_credentials, update_credential
else:
    from agentrun._core.lazy import lazy_modules

    (
        create_credential,
        delete_credential,
        get_credential,
        list_credentials,
        update_credential,
    ) = lazy_modules(
        __name__, "create_credential", "delete_credential", "get_credential", "list_credentials", "update_credential"
    )
