from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scheduled_policy import ScheduledPolicy


T = TypeVar("T", bound="ScalingStatus")


@_dataclass(slots=True, weakref_slot=True)
class ScalingStatus:
    """Scaling output."""

    current_error: str | Unset = UNSET
    """ Current scaling error, if any. """
    current_instances: int | Unset = UNSET
    """ Current number of instances. """
    min_instances: int | Unset = UNSET
    """ Minimum number of instances. """
    scheduled_policies: list[ScheduledPolicy] | Unset = UNSET
    target_instances: int | Unset = UNSET
    """ Target number of instances. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_error = self.current_error

        current_instances = self.current_instances

        min_instances = self.min_instances

        scheduled_policies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.scheduled_policies, Unset):
            scheduled_policies = []
            for scheduled_policies_item_data in self.scheduled_policies:
                scheduled_policies_item = scheduled_policies_item_data.to_dict()
                scheduled_policies.append(scheduled_policies_item)

        target_instances = self.target_instances

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if current_error is not UNSET:
            field_dict["currentError"] = current_error
        if current_instances is not UNSET:
            field_dict["currentInstances"] = current_instances
        if min_instances is not UNSET:
            field_dict["minInstances"] = min_instances
        if scheduled_policies is not UNSET:
            field_dict["scheduledPolicies"] = scheduled_policies
        if target_instances is not UNSET:
            field_dict["targetInstances"] = target_instances

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scheduled_policy import ScheduledPolicy  # noqa: PLC0415

        d = dict(src_dict)
        current_error = d.pop("currentError", UNSET)

        current_instances = d.pop("currentInstances", UNSET)

        min_instances = d.pop("minInstances", UNSET)

        _scheduled_policies = d.pop("scheduledPolicies", UNSET)
        scheduled_policies: list[ScheduledPolicy] | Unset = UNSET
        if _scheduled_policies is not UNSET:
            scheduled_policies = []
            for scheduled_policies_item_data in _scheduled_policies:
                scheduled_policies_item = ScheduledPolicy.from_dict(scheduled_policies_item_data)

                scheduled_policies.append(scheduled_policies_item)

        target_instances = d.pop("targetInstances", UNSET)

        scaling_status = cls(
            current_error=current_error,
            current_instances=current_instances,
            min_instances=min_instances,
            scheduled_policies=scheduled_policies,
            target_instances=target_instances,
        )

        scaling_status.additional_properties = d
        return scaling_status

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
