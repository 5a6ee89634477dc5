from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Workspace")


@_dataclass(slots=True, weakref_slot=True)
class Workspace:
    """A workspace."""

    created_at: str | Unset = UNSET
    """ ISO-8601 creation time. """
    description: str | Unset = UNSET
    is_default: bool | Unset = UNSET
    """ Whether this is the account's default workspace. """
    name: str | Unset = UNSET
    """ Workspace name. """
    resource_group_id: str | Unset = UNSET
    """ Resource group ID. """
    updated_at: str | Unset = UNSET
    """ ISO-8601 last update time. """
    workspace_arn: str | Unset = UNSET
    """ Workspace ARN. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        description = self.description

        is_default = self.is_default

        name = self.name

        resource_group_id = self.resource_group_id

        updated_at = self.updated_at

        workspace_arn = self.workspace_arn

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if description is not UNSET:
            field_dict["description"] = description
        if is_default is not UNSET:
            field_dict["isDefault"] = is_default
        if name is not UNSET:
            field_dict["name"] = name
        if resource_group_id is not UNSET:
            field_dict["resourceGroupId"] = resource_group_id
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if workspace_arn is not UNSET:
            field_dict["workspaceArn"] = workspace_arn
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = d.pop("createdAt", UNSET)

        description = d.pop("description", UNSET)

        is_default = d.pop("isDefault", UNSET)

        name = d.pop("name", UNSET)

        resource_group_id = d.pop("resourceGroupId", UNSET)

        updated_at = d.pop("updatedAt", UNSET)

        workspace_arn = d.pop("workspaceArn", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        workspace = cls(
            created_at=created_at,
            description=description,
            is_default=is_default,
            name=name,
            resource_group_id=resource_group_id,
            updated_at=updated_at,
            workspace_arn=workspace_arn,
            workspace_id=workspace_id,
        )

        workspace.additional_properties = d
        return workspace

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
