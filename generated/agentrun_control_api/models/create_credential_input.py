from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.credential_auth_type import CredentialAuthType
from ..models.credential_source_type import CredentialSourceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credential_public_config import CredentialPublicConfig


T = TypeVar("T", bound="CreateCredentialInput")


@_dataclass(slots=True, weakref_slot=True)
class CreateCredentialInput:
    """Body of CreateCredential, e.g. {"credentialAuthType":"api_key","credentialName":"c2","credentialPublicConfig":
    {"provider":"openai","users":[]},"credentialSecret":"sk-1","credentialSourceType":"external_llm","description":"d"}.

    """

    credential_auth_type: CredentialAuthType
    """ Credential authentication type. """
    credential_name: str
    """ Name. """
    credential_source_type: CredentialSourceType
    """ Credential source: external_llm (model provider keys), external_tool (tool keys), internal (inbound auth for
    AgentRun resources). """
    credential_public_config: CredentialPublicConfig | Unset = UNSET
    """ Non-secret part of a credential. The official SDK always sends users ([] when unset). """
    credential_secret: str | Unset = UNSET
    """ Secret value (API key, SK, ...); may be empty for jwt/basic/custom_header. """
    description: str | Unset = UNSET
    enabled: bool | Unset = UNSET
    """ Enable flag. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID; omitted means the default workspace. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credential_auth_type = self.credential_auth_type.value

        credential_name = self.credential_name

        credential_source_type = self.credential_source_type.value

        credential_public_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credential_public_config, Unset):
            credential_public_config = self.credential_public_config.to_dict()

        credential_secret = self.credential_secret

        description = self.description

        enabled = self.enabled

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credentialAuthType": credential_auth_type,
                "credentialName": credential_name,
                "credentialSourceType": credential_source_type,
            }
        )
        if credential_public_config is not UNSET:
            field_dict["credentialPublicConfig"] = credential_public_config
        if credential_secret is not UNSET:
            field_dict["credentialSecret"] = credential_secret
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credential_public_config import CredentialPublicConfig  # noqa: PLC0415

        d = dict(src_dict)
        credential_auth_type = CredentialAuthType(d.pop("credentialAuthType"))

        credential_name = d.pop("credentialName")

        credential_source_type = CredentialSourceType(d.pop("credentialSourceType"))

        _credential_public_config = d.pop("credentialPublicConfig", UNSET)
        credential_public_config: CredentialPublicConfig | Unset
        if isinstance(_credential_public_config, Unset):
            credential_public_config = UNSET
        else:
            credential_public_config = CredentialPublicConfig.from_dict(_credential_public_config)

        credential_secret = d.pop("credentialSecret", UNSET)

        description = d.pop("description", UNSET)

        enabled = d.pop("enabled", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        create_credential_input = cls(
            credential_auth_type=credential_auth_type,
            credential_name=credential_name,
            credential_source_type=credential_source_type,
            credential_public_config=credential_public_config,
            credential_secret=credential_secret,
            description=description,
            enabled=enabled,
            workspace_id=workspace_id,
        )

        create_credential_input.additional_properties = d
        return create_credential_input

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
