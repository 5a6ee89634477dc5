"""Credentials: secrets AgentRun stores and injects (model provider keys, tool keys, inbound auth)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, Unpack

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
from agentrun._core.resource import ControlAPI, ListOptions, WriteOptions

if TYPE_CHECKING:
    from agentrun_control_api.fields import CreateCredentialMore, ListCredentialsFilters, UpdateCredentialMore
    from agentrun_control_api.models import (
        CredentialAuthType,
        CredentialListItem,
        CredentialPublicConfig,
        CredentialSourceType,
    )

    class CredentialQuery(ListCredentialsFilters, ListOptions):
        """The filters and paging of `credentials.list`."""

    class CreateCredentialParams(CreateCredentialMore, WriteOptions):
        """The keyword arguments of `credentials.create` besides auth_type, source_type, secret and public_config."""

    class UpdateCredentialParams(UpdateCredentialMore, WriteOptions):
        """The keyword arguments of `credentials.update` besides secret and public_config."""


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
        **given: Unpack[CreateCredentialParams],
    ) -> Credential:
        """Create a credential. `auth_type` is api_key, jwt, basic, ak_sk or custom_header; `source_type` is
        external_llm (model keys), external_tool (tool keys) or internal (inbound auth for AgentRun resources). The
        other CreateCredentialInput fields (description, enabled, workspace_id) are keyword arguments too."""
        return await self._write(
            create_credential.request, Credential, control_models.CreateCredentialInput, given, credential_name=name,
            credential_auth_type=control_models.CredentialAuthType(auth_type),
            credential_source_type=control_models.CredentialSourceType(source_type), credential_secret=secret,
            credential_public_config=public_config,
        )  # fmt: skip

    async def get(self, name: str, *, options: CallOptions | None = None) -> Credential:
        return await self._load(
            get_credential.request(credential_name=name), Credential, what="credential", options=options
        )

    async def update(
        self,
        name: str,
        /,
        *,
        secret: str | None = None,
        public_config: CredentialPublicConfig | Mapping[str, Any] | None = None,
        **given: Unpack[UpdateCredentialParams],
    ) -> Credential:
        """Change the given fields (secret, public_config, description, enabled); fields left out or None keep their
        values."""
        return await self._write(
            partial(update_credential.request, credential_name=name), Credential,
            control_models.UpdateCredentialInput, given, credential_secret=secret,
            credential_public_config=public_config,
        )  # fmt: skip

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
        **query: Unpack[CredentialQuery],
    ) -> AsyncPager[CredentialListItem]:
        """Every credential matching the filters (also provider, enabled, workspace_id, ...), as summaries without
        secrets; pages under `async for`."""
        return self._paged(
            list_credentials.request, control_models.CredentialListItem, "credential list item", credential_name=name,
            credential_auth_type=auth_type, credential_source_type=source_type, **query,
        )  # fmt: skip


class Credential(BoundResource[Credentials], CredentialModel):
    """A credential as the service returns it, with methods that act on it. Credentials have no status."""

    _what = "credential"

    name = WireText("credential_name")

    update = updater(Credentials.update)

    def _status(self) -> str | None:
        return "READY"  # credentials have no status: one that loads is ready
