from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.image_registry_type import ImageRegistryType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.registry_config import RegistryConfig


T = TypeVar("T", bound="ContainerConfiguration")


@_dataclass(slots=True, weakref_slot=True)
class ContainerConfiguration:
    """Container image artefact."""

    acr_instance_id: str | Unset = UNSET
    """ ACR Enterprise instance ID. """
    command: list[str] | Unset = UNSET
    """ Start command. """
    image: str | Unset = UNSET
    """ Image reference. """
    image_registry_type: ImageRegistryType | Unset = UNSET
    """ Container image registry kind. """
    port: int | Unset = UNSET
    """ Container port. """
    registry_config: RegistryConfig | Unset = UNSET
    """ Access settings of a custom image registry. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acr_instance_id = self.acr_instance_id

        command: list[str] | Unset = UNSET
        if not isinstance(self.command, Unset):
            command = self.command

        image = self.image

        image_registry_type: str | Unset = UNSET
        if not isinstance(self.image_registry_type, Unset):
            image_registry_type = self.image_registry_type.value

        port = self.port

        registry_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.registry_config, Unset):
            registry_config = self.registry_config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if acr_instance_id is not UNSET:
            field_dict["acrInstanceId"] = acr_instance_id
        if command is not UNSET:
            field_dict["command"] = command
        if image is not UNSET:
            field_dict["image"] = image
        if image_registry_type is not UNSET:
            field_dict["imageRegistryType"] = image_registry_type
        if port is not UNSET:
            field_dict["port"] = port
        if registry_config is not UNSET:
            field_dict["registryConfig"] = registry_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.registry_config import RegistryConfig  # noqa: PLC0415

        d = dict(src_dict)
        acr_instance_id = d.pop("acrInstanceId", UNSET)

        command = cast(list[str], d.pop("command", UNSET))

        image = d.pop("image", UNSET)

        _image_registry_type = d.pop("imageRegistryType", UNSET)
        image_registry_type: ImageRegistryType | Unset
        if isinstance(_image_registry_type, Unset):
            image_registry_type = UNSET
        else:
            image_registry_type = ImageRegistryType(_image_registry_type)

        port = d.pop("port", UNSET)

        _registry_config = d.pop("registryConfig", UNSET)
        registry_config: RegistryConfig | Unset
        if isinstance(_registry_config, Unset):
            registry_config = UNSET
        else:
            registry_config = RegistryConfig.from_dict(_registry_config)

        container_configuration = cls(
            acr_instance_id=acr_instance_id,
            command=command,
            image=image,
            image_registry_type=image_registry_type,
            port=port,
            registry_config=registry_config,
        )

        container_configuration.additional_properties = d
        return container_configuration

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
