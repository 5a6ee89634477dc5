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


T = TypeVar("T", bound="ModelService")


@_dataclass(slots=True, weakref_slot=True)
class ModelService:
    """A model service (connection to a model provider)."""

    created_at: str | Unset = UNSET
    """ ISO-8601 creation time. """
    credential_name: str | Unset = UNSET
    """ Credential holding the provider API key. """
    description: str | Unset = UNSET
    last_updated_at: str | Unset = UNSET
    """ ISO-8601 last update time. """
    model_info_configs: list[ModelInfoConfig] | Unset = UNSET
    model_service_id: str | Unset = UNSET
    """ Server-generated ID. """
    model_service_name: str | Unset = UNSET
    """ Name; the {modelServiceName} path parameter. """
    model_type: str | Unset = UNSET
    """ Model type, free string. The SDK sends llm, text-embedding, rerank, speech2text, tts, moderation; the API
    docs name system / deployment. """
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    provider: str | Unset = UNSET
    """ Provider id, free string, e.g. openai, anthropic, baichuan, deepseek, gemini, hunyuan, minimax, moonshot,
    spark, stepfun, tongyi, vertex_ai, wenxin, yi, zhipuai, custom. """
    provider_settings: ProviderSettings | Unset = UNSET
    """ Provider connection of a model service. """
    status: ResourceStatus | Unset = UNSET
    """ Lifecycle status of control-plane resources. Transitional CREATING/UPDATING/DELETING; final READY and
    *_FAILED (FAILED appears in API docs for agent runtimes). Open set. """
    status_reason: str | Unset = UNSET
    """ Reason for the status. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        credential_name = self.credential_name

        description = self.description

        last_updated_at = self.last_updated_at

        model_info_configs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.model_info_configs, Unset):
            model_info_configs = []
            for model_info_configs_item_data in self.model_info_configs:
                model_info_configs_item = model_info_configs_item_data.to_dict()
                model_info_configs.append(model_info_configs_item)

        model_service_id = self.model_service_id

        model_service_name = self.model_service_name

        model_type = self.model_type

        network_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_configuration, Unset):
            network_configuration = self.network_configuration.to_dict()

        provider = self.provider

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
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if description is not UNSET:
            field_dict["description"] = description
        if last_updated_at is not UNSET:
            field_dict["lastUpdatedAt"] = last_updated_at
        if model_info_configs is not UNSET:
            field_dict["modelInfoConfigs"] = model_info_configs
        if model_service_id is not UNSET:
            field_dict["modelServiceId"] = model_service_id
        if model_service_name is not UNSET:
            field_dict["modelServiceName"] = model_service_name
        if model_type is not UNSET:
            field_dict["modelType"] = model_type
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if provider is not UNSET:
            field_dict["provider"] = provider
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
        created_at = d.pop("createdAt", UNSET)

        credential_name = d.pop("credentialName", UNSET)

        description = d.pop("description", UNSET)

        last_updated_at = d.pop("lastUpdatedAt", UNSET)

        _model_info_configs = d.pop("modelInfoConfigs", UNSET)
        model_info_configs: list[ModelInfoConfig] | Unset = UNSET
        if _model_info_configs is not UNSET:
            model_info_configs = []
            for model_info_configs_item_data in _model_info_configs:
                model_info_configs_item = ModelInfoConfig.from_dict(model_info_configs_item_data)

                model_info_configs.append(model_info_configs_item)

        model_service_id = d.pop("modelServiceId", UNSET)

        model_service_name = d.pop("modelServiceName", UNSET)

        model_type = d.pop("modelType", UNSET)

        _network_configuration = d.pop("networkConfiguration", UNSET)
        network_configuration: NetworkConfiguration | Unset
        if isinstance(_network_configuration, Unset):
            network_configuration = UNSET
        else:
            network_configuration = NetworkConfiguration.from_dict(_network_configuration)

        provider = d.pop("provider", UNSET)

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

        model_service = cls(
            created_at=created_at,
            credential_name=credential_name,
            description=description,
            last_updated_at=last_updated_at,
            model_info_configs=model_info_configs,
            model_service_id=model_service_id,
            model_service_name=model_service_name,
            model_type=model_type,
            network_configuration=network_configuration,
            provider=provider,
            provider_settings=provider_settings,
            status=status,
            status_reason=status_reason,
            workspace_id=workspace_id,
        )

        model_service.additional_properties = d
        return model_service

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
