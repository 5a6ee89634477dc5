"""Reading a tool and its bound credential in one store transaction, as every tool route does."""

from __future__ import annotations

from typing import Any

from agentrun.local.credential_use import CredentialUse, read_credential
from agentrun.local.resources import TOOL
from agentrun.local.state import ServerState
from agentrun.local.tools.errors import not_found


async def tool_and_credential(state: ServerState, name: str) -> tuple[dict[str, Any], CredentialUse | None]:
    """Tool `name`'s record and its credential (None when it binds none); 404 for a tool that does not exist or is
    being deleted. The credential is read in the same transaction, so a disabled one is seen at once."""

    def read(tx: Any) -> tuple[dict[str, Any] | None, CredentialUse | None]:
        doc = tx.get(TOOL, name)
        if doc is None or doc.get("status") == "DELETING":
            return None, None
        credential = doc.get("credentialName")
        return doc, read_credential(tx, state.box, str(credential)) if credential else None

    doc, credential = await state.store.transact(read)
    if doc is None:
        raise not_found(f"tool {name} does not exist")
    return doc, credential
