"""Credentials: secrets AgentRun stores and injects (model provider keys, tool keys, inbound auth)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import agentrun_control_api.models as control_models
from agentrun_control_api.api.credentials import (
    create_credential,
    delete_credential,
    get_credential,
    list_credentials,
    update_credential,
)
from agentrun_control_api.models import Credential as CredentialModel

from agentrun._core.bound import BoundResource, WireText, updater
from agentrun._core.http import CallOptions
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI, build_input

if TYPE_CHECKING:
    from agentrun_control_api.models import (
        CredentialAuthType,
        CredentialListItem,
        CredentialPublicConfig,
        CredentialSourceType,
    )


def _public_config(value: CredentialPublicConfig | Mapping[str, Any] | None) -> CredentialPublicConfig | None:
    if value is None or isinstance(value, control_models.CredentialPublicConfig):
        return value
    return control_models.CredentialPublicConfig.from_dict(dict(value))


class Credentials(ControlAPI):
    """`client.credentials`: create, get, update, delete and list credentials."""

    async def create(
        self,
        name: str,
        *,
        auth_type: CredentialAuthType | str,
        source_type: CredentialSourceType | str,
        secret: str | None = None,
        public_config: CredentialPublicConfig | Mapping[str, Any] | None = None,
        description: str | None = None,
        enabled: bool | None = None,
        workspace_id: str | None = None,
        options: CallOptions | None = None,
    ) -> Credential:
        """Create a credential. `auth_type` is api_key, jwt, basic, ak_sk or custom_header; `source_type` is
        external_llm (model keys), external_tool (tool keys) or internal (inbound auth for AgentRun resources)."""
        body = build_input(
            control_models.CreateCredentialInput,
            "create credential",
            credential_name=name,
            credential_auth_type=control_models.CredentialAuthType(auth_type),
            credential_source_type=control_models.CredentialSourceType(source_type),
            credential_secret=secret,
            credential_public_config=_public_config(public_config),
            description=description,
            enabled=enabled,
            workspace_id=workspace_id,
        )
        return await self._load(create_credential.request(body=body), Credential, what="credential", options=options)

    async def get(self, name: str, *, options: CallOptions | None = None) -> Credential:
        return await self._load(
            get_credential.request(credential_name=name), Credential, what="credential", options=options
        )

    async def update(
        self,
        name: str,
        /,
        *,
        description: str | None = None,
        enabled: bool | None = None,
        secret: str | None = None,
        public_config: CredentialPublicConfig | Mapping[str, Any] | None = None,
        options: CallOptions | None = None,
    ) -> Credential:
        """Change the given fields; fields left as None keep their values."""
        body = build_input(
            control_models.UpdateCredentialInput,
            "update credential",
            description=description,
            enabled=enabled,
            credential_secret=secret,
            credential_public_config=_public_config(public_config),
        )
        return await self._load(
            update_credential.request(credential_name=name, body=body), Credential, what="credential", options=options
        )

    async def delete(self, name: str, *, options: CallOptions | None = None) -> None:
        await self._send(
            delete_credential.request(credential_name=name), CredentialModel, what="credential", options=options
        )

    def list(
        self,
        *,
        name: str | None = None,
        auth_type: str | None = None,
        source_type: str | None = None,
        provider: str | None = None,
        enabled: bool | None = None,
        workspace_id: str | None = None,
        page_size: int = 50,
        limit: int | None = None,
        options: CallOptions | None = None,
    ) -> AsyncPager[CredentialListItem]:
        """Every credential matching the filters, as summaries without secrets; pages under `async for`."""
        return self._paged(
            lambda number, size: list_credentials.request(
                page_number=number,
                page_size=size,
                credential_name=name,
                credential_auth_type=auth_type,
                credential_source_type=source_type,
                provider=provider,
                enabled=enabled,
                workspace_id=workspace_id,
            ),
            control_models.CredentialListItem,
            what="credential list item",
            options=options,
            page_size=page_size,
            limit=limit,
        )


class Credential(BoundResource[Credentials], CredentialModel):
    """A credential as the service returns it, with methods that act on it. Credentials have no status."""

    _what = "credential"

    name = WireText("credential_name")

    update = updater(Credentials.update)

    def _status(self) -> str | None:
        return "READY"  # credentials have no status: one that loads is ready
