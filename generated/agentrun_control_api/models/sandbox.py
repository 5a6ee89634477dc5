from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sandbox_metadata import SandboxMetadata


T = TypeVar("T", bound="Sandbox")


@_dataclass(slots=True, weakref_slot=True)
class Sandbox:
    """A sandbox, as both planes return it."""

    sandbox_id: str | Unset = UNSET
    """ Sandbox ID. """
    sandbox_arn: str | Unset = UNSET
    """ Sandbox ARN. """
    template_id: str | Unset = UNSET
    """ Template ID. """
    template_name: str | Unset = UNSET
    """ Template the sandbox was created from. """
    status: str | Unset = UNSET
    """ Sandbox status; free string, casing unsettled, compare case-insensitively. Values seen: CREATING, READY,
    RUNNING, STOPPED, TERMINATED, *_FAILED (upper case, SDK tests) and Creating, Running, Stopped, Failed, Deleting
    (mixed case, Node.js SDK). """
    state: str | Unset = UNSET
    """ Status as spelled by some clients (Node.js SDK model). """
    state_reason: None | str | Unset = UNSET
    """ Reason for the current state (Node.js SDK model). """
    created_at: None | str | Unset = UNSET
    """ ISO-8601 creation time. """
    last_updated_at: None | str | Unset = UNSET
    """ ISO-8601 last update time. """
    ended_at: None | str | Unset = UNSET
    """ ISO-8601 end time, once ended. """
    metadata: None | SandboxMetadata | Unset = UNSET
    sandbox_idle_timeout_seconds: int | Unset = UNSET
    """ Idle timeout in seconds. """
    sandbox_idle_ttl_in_seconds: int | Unset = UNSET
    """ Deprecated lifetime field (seconds). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sandbox_metadata import SandboxMetadata  # noqa: PLC0415

        sandbox_id = self.sandbox_id

        sandbox_arn = self.sandbox_arn

        template_id = self.template_id

        template_name = self.template_name

        status = self.status

        state = self.state

        state_reason: None | str | Unset
        if isinstance(self.state_reason, Unset):
            state_reason = UNSET
        else:
            state_reason = self.state_reason

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        last_updated_at: None | str | Unset
        if isinstance(self.last_updated_at, Unset):
            last_updated_at = UNSET
        else:
            last_updated_at = self.last_updated_at

        ended_at: None | str | Unset
        if isinstance(self.ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = self.ended_at

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, SandboxMetadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        sandbox_idle_timeout_seconds = self.sandbox_idle_timeout_seconds

        sandbox_idle_ttl_in_seconds = self.sandbox_idle_ttl_in_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sandbox_id is not UNSET:
            field_dict["sandboxId"] = sandbox_id
        if sandbox_arn is not UNSET:
            field_dict["sandboxArn"] = sandbox_arn
        if template_id is not UNSET:
            field_dict["templateId"] = template_id
        if template_name is not UNSET:
            field_dict["templateName"] = template_name
        if status is not UNSET:
            field_dict["status"] = status
        if state is not UNSET:
            field_dict["state"] = state
        if state_reason is not UNSET:
            field_dict["stateReason"] = state_reason
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if last_updated_at is not UNSET:
            field_dict["lastUpdatedAt"] = last_updated_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if sandbox_idle_timeout_seconds is not UNSET:
            field_dict["sandboxIdleTimeoutSeconds"] = sandbox_idle_timeout_seconds
        if sandbox_idle_ttl_in_seconds is not UNSET:
            field_dict["sandboxIdleTTLInSeconds"] = sandbox_idle_ttl_in_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sandbox_metadata import SandboxMetadata  # noqa: PLC0415

        d = dict(src_dict)
        sandbox_id = d.pop("sandboxId", UNSET)

        sandbox_arn = d.pop("sandboxArn", UNSET)

        template_id = d.pop("templateId", UNSET)

        template_name = d.pop("templateName", UNSET)

        status = d.pop("status", UNSET)

        state = d.pop("state", UNSET)

        def _parse_state_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state_reason = _parse_state_reason(d.pop("stateReason", UNSET))

        def _parse_created_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_at = _parse_created_at(d.pop("createdAt", UNSET))

        def _parse_last_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_updated_at = _parse_last_updated_at(d.pop("lastUpdatedAt", UNSET))

        def _parse_ended_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ended_at = _parse_ended_at(d.pop("endedAt", UNSET))

        def _parse_metadata(data: object) -> None | SandboxMetadata | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = SandboxMetadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SandboxMetadata | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        sandbox_idle_timeout_seconds = d.pop("sandboxIdleTimeoutSeconds", UNSET)

        sandbox_idle_ttl_in_seconds = d.pop("sandboxIdleTTLInSeconds", UNSET)

        sandbox = cls(
            sandbox_id=sandbox_id,
            sandbox_arn=sandbox_arn,
            template_id=template_id,
            template_name=template_name,
            status=status,
            state=state,
            state_reason=state_reason,
            created_at=created_at,
            last_updated_at=last_updated_at,
            ended_at=ended_at,
            metadata=metadata,
            sandbox_idle_timeout_seconds=sandbox_idle_timeout_seconds,
            sandbox_idle_ttl_in_seconds=sandbox_idle_ttl_in_seconds,
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
