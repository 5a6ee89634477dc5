from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ArmsConfiguration")


@_dataclass(slots=True, weakref_slot=True)
class ArmsConfiguration:
    """ARMS monitoring settings (input only; not returned)."""

    arms_license_key: str | Unset = UNSET
    """ ARMS license key. """
    cms_workspace: str | Unset = UNSET
    """ CMS workspace. """
    enable_arms: bool | Unset = UNSET
    """ Enable ARMS monitoring. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arms_license_key = self.arms_license_key

        cms_workspace = self.cms_workspace

        enable_arms = self.enable_arms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if arms_license_key is not UNSET:
            field_dict["armsLicenseKey"] = arms_license_key
        if cms_workspace is not UNSET:
            field_dict["cmsWorkspace"] = cms_workspace
        if enable_arms is not UNSET:
            field_dict["enableArms"] = enable_arms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        arms_license_key = d.pop("armsLicenseKey", UNSET)

        cms_workspace = d.pop("cmsWorkspace", UNSET)

        enable_arms = d.pop("enableArms", UNSET)

        arms_configuration = cls(
            arms_license_key=arms_license_key,
            cms_workspace=cms_workspace,
            enable_arms=enable_arms,
        )

        arms_configuration.additional_properties = d
        return arms_configuration

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
