"""Credentials (openapi/control.yaml). They have no status. Secrets are encrypted at rest; GetCredential
returns credentialSecret as the cloud does, list items (CredentialListItem) never carry it."""

from __future__ import annotations

from agentrun_control_api.models import CreateCredentialInput, Credential, CredentialListItem, UpdateCredentialInput
from starlette.routing import BaseRoute

from agentrun.local.control.crud import (
    Change,
    Doc,
    Spec,
    by_name,
    crud_routes,
    equals,
    flag,
    name_like,
    workspace_filters,
)
from agentrun.local.resources import CREDENTIAL, CREDENTIAL_SECRETS


def _created(c: Change) -> None:
    c.doc.setdefault("enabled", True)
    c.doc["relatedResources"] = []


def _present(doc: Doc) -> Doc:
    return {**doc, "relatedResourceCount": len(doc.get("relatedResources") or [])}


CREDENTIALS = Spec(
    kind=CREDENTIAL,
    keys=by_name("credential", "cred-"),
    output=Credential,
    create_input=CreateCredentialInput,
    update_input=UpdateCredentialInput,
    list_item=CredentialListItem,
    filters={
        "credentialName": name_like("credentialName"),
        "credentialAuthType": equals("credentialAuthType"),
        "credentialSourceType": equals("credentialSourceType"),
        "provider": equals("credentialPublicConfig.provider"),
        "enabled": flag("enabled", default=True),
        **workspace_filters(),
    },
    has_status=False,
    updated_field="updatedAt",
    secrets=CREDENTIAL_SECRETS,
    on_create=_created,
    present=_present,
)


def routes() -> list[BaseRoute]:
    return crud_routes(CREDENTIALS, "/agents/credentials", "/agents/credentials/{credentialName}")
