from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_info_config import ModelInfoConfig
    from ..models.network_configuration import NetworkConfiguration
    from ..models.provider_settings import ProviderSettings


T = TypeVar("T", bound="CreateModelServiceInput")


@_dataclass(slots=True, weakref_slot=True)
class CreateModelServiceInput:
    """Body of CreateModelService, e.g.
    {"modelInfoConfigs":[],"modelServiceName":"ms1","modelType":"llm","provider":"openai",
    "providerSettings":{"apiKey":"k","baseUrl":"https://x/v1","modelNames":["gpt-4o"]}}.

    """

    model_service_name: str
    """ Name. """
    model_type: str
    """ Model type, free string (SDK values llm, text-embedding, rerank, speech2text, tts, moderation; API docs
    system / deployment). """
    provider: str
    """ Provider id, free string (e.g. openai, tongyi, custom). """
    provider_settings: ProviderSettings
    """ Provider connection of a model service. """
    credential_name: str | Unset = UNSET
    """ Credential holding the provider API key. """
    description: str | Unset = UNSET
    model_info_configs: list[ModelInfoConfig] | Unset = UNSET
    """ Per-model settings; the official SDK always sends this list ([] when unset). """
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID; omitted means the default workspace. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_service_name = self.model_service_name

        model_type = self.model_type

        provider = self.provider

        provider_settings = self.provider_settings.to_dict()

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

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "modelServiceName": model_service_name,
                "modelType": model_type,
                "provider": provider,
                "providerSettings": provider_settings,
            }
        )
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if description is not UNSET:
            field_dict["description"] = description
        if model_info_configs is not UNSET:
            field_dict["modelInfoConfigs"] = model_info_configs
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_info_config import ModelInfoConfig  # noqa: PLC0415
        from ..models.network_configuration import NetworkConfiguration  # noqa: PLC0415
        from ..models.provider_settings import ProviderSettings  # noqa: PLC0415

        d = dict(src_dict)
        model_service_name = d.pop("modelServiceName")

        model_type = d.pop("modelType")

        provider = d.pop("provider")

        provider_settings = ProviderSettings.from_dict(d.pop("providerSettings"))

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

        workspace_id = d.pop("workspaceId", UNSET)

        create_model_service_input = cls(
            model_service_name=model_service_name,
            model_type=model_type,
            provider=provider,
            provider_settings=provider_settings,
            credential_name=credential_name,
            description=description,
            model_info_configs=model_info_configs,
            network_configuration=network_configuration,
            workspace_id=workspace_id,
        )

        create_model_service_input.additional_properties = d
        return create_model_service_input

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
