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
    from ..models.related_resource import RelatedResource


T = TypeVar("T", bound="Credential")


@_dataclass(slots=True, weakref_slot=True)
class Credential:
    """A credential. Credentials have no status field."""

    created_at: str | Unset = UNSET
    """ ISO-8601 creation time. """
    credential_auth_type: CredentialAuthType | Unset = UNSET
    """ Credential authentication type. """
    credential_id: str | Unset = UNSET
    """ Server-generated ID. """
    credential_name: str | Unset = UNSET
    """ Name; the {credentialName} path parameter. """
    credential_public_config: CredentialPublicConfig | Unset = UNSET
    """ Non-secret part of a credential. The official SDK always sends users ([] when unset). """
    credential_secret: str | Unset = UNSET
    """ Secret value (API key, SK, ...); returned by GetCredential. """
    credential_source_type: CredentialSourceType | Unset = UNSET
    """ Credential source: external_llm (model provider keys), external_tool (tool keys), internal (inbound auth for
    AgentRun resources). """
    description: str | Unset = UNSET
    enabled: bool | Unset = UNSET
    """ Enable flag. """
    related_resources: list[RelatedResource] | Unset = UNSET
    updated_at: str | Unset = UNSET
    """ ISO-8601 last update time. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        credential_auth_type: str | Unset = UNSET
        if not isinstance(self.credential_auth_type, Unset):
            credential_auth_type = self.credential_auth_type.value

        credential_id = self.credential_id

        credential_name = self.credential_name

        credential_public_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credential_public_config, Unset):
            credential_public_config = self.credential_public_config.to_dict()

        credential_secret = self.credential_secret

        credential_source_type: str | Unset = UNSET
        if not isinstance(self.credential_source_type, Unset):
            credential_source_type = self.credential_source_type.value

        description = self.description

        enabled = self.enabled

        related_resources: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.related_resources, Unset):
            related_resources = []
            for related_resources_item_data in self.related_resources:
                related_resources_item = related_resources_item_data.to_dict()
                related_resources.append(related_resources_item)

        updated_at = self.updated_at

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if credential_auth_type is not UNSET:
            field_dict["credentialAuthType"] = credential_auth_type
        if credential_id is not UNSET:
            field_dict["credentialId"] = credential_id
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if credential_public_config is not UNSET:
            field_dict["credentialPublicConfig"] = credential_public_config
        if credential_secret is not UNSET:
            field_dict["credentialSecret"] = credential_secret
        if credential_source_type is not UNSET:
            field_dict["credentialSourceType"] = credential_source_type
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if related_resources is not UNSET:
            field_dict["relatedResources"] = related_resources
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credential_public_config import CredentialPublicConfig  # noqa: PLC0415
        from ..models.related_resource import RelatedResource  # noqa: PLC0415

        d = dict(src_dict)
        created_at = d.pop("createdAt", UNSET)

        _credential_auth_type = d.pop("credentialAuthType", UNSET)
        credential_auth_type: CredentialAuthType | Unset
        if isinstance(_credential_auth_type, Unset):
            credential_auth_type = UNSET
        else:
            credential_auth_type = CredentialAuthType(_credential_auth_type)

        credential_id = d.pop("credentialId", UNSET)

        credential_name = d.pop("credentialName", UNSET)

        _credential_public_config = d.pop("credentialPublicConfig", UNSET)
        credential_public_config: CredentialPublicConfig | Unset
        if isinstance(_credential_public_config, Unset):
            credential_public_config = UNSET
        else:
            credential_public_config = CredentialPublicConfig.from_dict(_credential_public_config)

        credential_secret = d.pop("credentialSecret", UNSET)

        _credential_source_type = d.pop("credentialSourceType", UNSET)
        credential_source_type: CredentialSourceType | Unset
        if isinstance(_credential_source_type, Unset):
            credential_source_type = UNSET
        else:
            credential_source_type = CredentialSourceType(_credential_source_type)

        description = d.pop("description", UNSET)

        enabled = d.pop("enabled", UNSET)

        _related_resources = d.pop("relatedResources", UNSET)
        related_resources: list[RelatedResource] | Unset = UNSET
        if _related_resources is not UNSET:
            related_resources = []
            for related_resources_item_data in _related_resources:
                related_resources_item = RelatedResource.from_dict(related_resources_item_data)

                related_resources.append(related_resources_item)

        updated_at = d.pop("updatedAt", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        credential = cls(
            created_at=created_at,
            credential_auth_type=credential_auth_type,
            credential_id=credential_id,
            credential_name=credential_name,
            credential_public_config=credential_public_config,
            credential_secret=credential_secret,
            credential_source_type=credential_source_type,
            description=description,
            enabled=enabled,
            related_resources=related_resources,
            updated_at=updated_at,
            workspace_id=workspace_id,
        )

        credential.additional_properties = d
        return credential

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
