from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sandbox_metadata import SandboxMetadata


T = TypeVar("T", bound="Sandbox")


@_attrs_define
class Sandbox:
    """A sandbox as seen by the control plane."""

    created_at: str | Unset = UNSET
    """ ISO-8601 creation time. """
    ended_at: str | Unset = UNSET
    """ Stop time. """
    last_updated_at: str | Unset = UNSET
    """ ISO-8601 last update time. """
    metadata: SandboxMetadata | Unset = UNSET
    """ Free-form metadata. """
    sandbox_arn: str | Unset = UNSET
    """ Sandbox ARN. """
    sandbox_id: str | Unset = UNSET
    """ Sandbox ID. """
    sandbox_idle_ttl_in_seconds: int | Unset = UNSET
    """ Deprecated lifetime field (seconds). """
    sandbox_idle_timeout_seconds: int | Unset = UNSET
    """ Idle timeout in seconds. """
    status: str | Unset = UNSET
    """ Sandbox status; free string, casing unsettled, compare case-insensitively. Values seen: CREATING, READY,
    RUNNING, STOPPED, TERMINATED, *_FAILED (upper case, SDK tests) and Creating, Running, Stopped, Failed,
    Deleting (mixed case, Node.js SDK).
     """
    template_id: str | Unset = UNSET
    """ Template ID. """
    template_name: str | Unset = UNSET
    """ Template the sandbox was created from. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        ended_at = self.ended_at

        last_updated_at = self.last_updated_at

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        sandbox_arn = self.sandbox_arn

        sandbox_id = self.sandbox_id

        sandbox_idle_ttl_in_seconds = self.sandbox_idle_ttl_in_seconds

        sandbox_idle_timeout_seconds = self.sandbox_idle_timeout_seconds

        status = self.status

        template_id = self.template_id

        template_name = self.template_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if last_updated_at is not UNSET:
            field_dict["lastUpdatedAt"] = last_updated_at
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if sandbox_arn is not UNSET:
            field_dict["sandboxArn"] = sandbox_arn
        if sandbox_id is not UNSET:
            field_dict["sandboxId"] = sandbox_id
        if sandbox_idle_ttl_in_seconds is not UNSET:
            field_dict["sandboxIdleTTLInSeconds"] = sandbox_idle_ttl_in_seconds
        if sandbox_idle_timeout_seconds is not UNSET:
            field_dict["sandboxIdleTimeoutSeconds"] = sandbox_idle_timeout_seconds
        if status is not UNSET:
            field_dict["status"] = status
        if template_id is not UNSET:
            field_dict["templateId"] = template_id
        if template_name is not UNSET:
            field_dict["templateName"] = template_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sandbox_metadata import SandboxMetadata  # noqa: PLC0415

        d = dict(src_dict)
        created_at = d.pop("createdAt", UNSET)

        ended_at = d.pop("endedAt", UNSET)

        last_updated_at = d.pop("lastUpdatedAt", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: SandboxMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = SandboxMetadata.from_dict(_metadata)

        sandbox_arn = d.pop("sandboxArn", UNSET)

        sandbox_id = d.pop("sandboxId", UNSET)

        sandbox_idle_ttl_in_seconds = d.pop("sandboxIdleTTLInSeconds", UNSET)

        sandbox_idle_timeout_seconds = d.pop("sandboxIdleTimeoutSeconds", UNSET)

        status = d.pop("status", UNSET)

        template_id = d.pop("templateId", UNSET)

        template_name = d.pop("templateName", UNSET)

        sandbox = cls(
            created_at=created_at,
            ended_at=ended_at,
            last_updated_at=last_updated_at,
            metadata=metadata,
            sandbox_arn=sandbox_arn,
            sandbox_id=sandbox_id,
            sandbox_idle_ttl_in_seconds=sandbox_idle_ttl_in_seconds,
            sandbox_idle_timeout_seconds=sandbox_idle_timeout_seconds,
            status=status,
            template_id=template_id,
            template_name=template_name,
        )

        sandbox.additional_properties = d
        return sandbox

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
