from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.resource_status import ResourceStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_info_config import ModelInfoConfig
    from ..models.network_configuration import NetworkConfiguration
    from ..models.provider_settings import ProviderSettings


T = TypeVar("T", bound="UpdateModelServiceInput")


@_dataclass(slots=True, weakref_slot=True)
class UpdateModelServiceInput:
    """Body of UpdateModelService; the server merges the supplied keys."""

    credential_name: str | Unset = UNSET
    """ Credential holding the provider API key. """
    description: str | Unset = UNSET
    model_info_configs: list[ModelInfoConfig] | Unset = UNSET
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    provider_settings: ProviderSettings | Unset = UNSET
    """ Provider connection of a model service. """
    status: ResourceStatus | Unset = UNSET
    """ Lifecycle status of control-plane resources. Transitional CREATING/UPDATING/DELETING; final READY and
    *_FAILED (FAILED appears in API docs for agent runtimes). Open set. """
    status_reason: str | Unset = UNSET
    """ Status reason (present in the vendor update input). """
    workspace_id: str | Unset = UNSET
    """ Workspace ID. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credential_name = self.credential_name

        description = self.description

        model_info_configs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.model_info_configs, Unset):
            model_info_configs = []
            for model_info_configs_item_data in self.model_info_configs:
                model_info_configs_item = model_info_configs_item_data.to_dict()
                model_info_configs.append(model_info_configs_item)

        network_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_configuration, Unset):
            network_configuration = self.network_configuration.to_dict()

        provider_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.provider_settings, Unset):
            provider_settings = self.provider_settings.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_reason = self.status_reason

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if description is not UNSET:
            field_dict["description"] = description
        if model_info_configs is not UNSET:
            field_dict["modelInfoConfigs"] = model_info_configs
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if provider_settings is not UNSET:
            field_dict["providerSettings"] = provider_settings
        if status is not UNSET:
            field_dict["status"] = status
        if status_reason is not UNSET:
            field_dict["statusReason"] = status_reason
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_info_config import ModelInfoConfig  # noqa: PLC0415
        from ..models.network_configuration import NetworkConfiguration  # noqa: PLC0415
        from ..models.provider_settings import ProviderSettings  # noqa: PLC0415

        d = dict(src_dict)
        credential_name = d.pop("credentialName", UNSET)

        description = d.pop("description", UNSET)

        _model_info_configs = d.pop("modelInfoConfigs", UNSET)
        model_info_configs: list[ModelInfoConfig] | Unset = UNSET
        if _model_info_configs is not UNSET:
            model_info_configs = []
            for model_info_configs_item_data in _model_info_configs:
                model_info_configs_item = ModelInfoConfig.from_dict(model_info_configs_item_data)

                model_info_configs.append(model_info_configs_item)

        _network_configuration = d.pop("networkConfiguration", UNSET)
        network_configuration: NetworkConfiguration | Unset
        if isinstance(_network_configuration, Unset):
            network_configuration = UNSET
        else:
            network_configuration = NetworkConfiguration.from_dict(_network_configuration)

        _provider_settings = d.pop("providerSettings", UNSET)
        provider_settings: ProviderSettings | Unset
        if isinstance(_provider_settings, Unset):
            provider_settings = UNSET
        else:
            provider_settings = ProviderSettings.from_dict(_provider_settings)

        _status = d.pop("status", UNSET)
        status: ResourceStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ResourceStatus(_status)

        status_reason = d.pop("statusReason", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        update_model_service_input = cls(
            credential_name=credential_name,
            description=description,
            model_info_configs=model_info_configs,
            network_configuration=network_configuration,
            provider_settings=provider_settings,
            status=status,
            status_reason=status_reason,
            workspace_id=workspace_id,
        )

        update_model_service_input.additional_properties = d
        return update_model_service_input

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
