from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.proxy_mode import ProxyMode
from ..models.resource_status import ResourceStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.log_configuration import LogConfiguration
    from ..models.network_configuration import NetworkConfiguration
    from ..models.proxy_config import ProxyConfig


T = TypeVar("T", bound="ModelProxy")


@_dataclass(slots=True, weakref_slot=True)
class ModelProxy:
    """A model proxy."""

    cpu: float | Unset = UNSET
    """ vCPU. """
    created_at: str | Unset = UNSET
    """ ISO-8601 creation time. """
    credential_name: str | Unset = UNSET
    """ Credential protecting / used by the proxy. """
    description: str | Unset = UNSET
    endpoint: str | Unset = UNSET
    """ Proxy base URL (OpenAI-compatible calls append /v1). """
    execution_role_arn: str | Unset = UNSET
    """ RAM role ARN assumed by the service. """
    function_name: str | Unset = UNSET
    """ Backing function name. """
    last_updated_at: str | Unset = UNSET
    """ ISO-8601 last update time. """
    litellm_version: str | Unset = UNSET
    """ LiteLLM version of the proxy. """
    log_configuration: LogConfiguration | Unset = UNSET
    """ SLS log target. """
    memory: int | Unset = UNSET
    """ Memory (docs say GiB; the SDK default is 4096). """
    model_proxy_id: str | Unset = UNSET
    """ Server-generated ID. """
    model_proxy_name: str | Unset = UNSET
    """ Name; the {modelProxyName} path parameter. """
    model_type: str | Unset = UNSET
    """ Model type, free string (same values as ModelService.modelType). """
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    proxy_config: ProxyConfig | Unset = UNSET
    """ Model proxy configuration. """
    proxy_mode: ProxyMode | Unset = UNSET
    """ Model proxy mode. """
    service_region_id: str | Unset = UNSET
    """ Region of the backing model service. """
    status: ResourceStatus | Unset = UNSET
    """ Lifecycle status of control-plane resources. Transitional CREATING/UPDATING/DELETING; final READY and
    *_FAILED (FAILED appears in API docs for agent runtimes). Open set. """
    status_reason: str | Unset = UNSET
    """ Reason for the status, especially failures. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cpu = self.cpu

        created_at = self.created_at

        credential_name = self.credential_name

        description = self.description

        endpoint = self.endpoint

        execution_role_arn = self.execution_role_arn

        function_name = self.function_name

        last_updated_at = self.last_updated_at

        litellm_version = self.litellm_version

        log_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.log_configuration, Unset):
            log_configuration = self.log_configuration.to_dict()

        memory = self.memory

        model_proxy_id = self.model_proxy_id

        model_proxy_name = self.model_proxy_name

        model_type = self.model_type

        network_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_configuration, Unset):
            network_configuration = self.network_configuration.to_dict()

        proxy_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.proxy_config, Unset):
            proxy_config = self.proxy_config.to_dict()

        proxy_mode: str | Unset = UNSET
        if not isinstance(self.proxy_mode, Unset):
            proxy_mode = self.proxy_mode.value

        service_region_id = self.service_region_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_reason = self.status_reason

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cpu is not UNSET:
            field_dict["cpu"] = cpu
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if description is not UNSET:
            field_dict["description"] = description
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if execution_role_arn is not UNSET:
            field_dict["executionRoleArn"] = execution_role_arn
        if function_name is not UNSET:
            field_dict["functionName"] = function_name
        if last_updated_at is not UNSET:
            field_dict["lastUpdatedAt"] = last_updated_at
        if litellm_version is not UNSET:
            field_dict["litellmVersion"] = litellm_version
        if log_configuration is not UNSET:
            field_dict["logConfiguration"] = log_configuration
        if memory is not UNSET:
            field_dict["memory"] = memory
        if model_proxy_id is not UNSET:
            field_dict["modelProxyId"] = model_proxy_id
        if model_proxy_name is not UNSET:
            field_dict["modelProxyName"] = model_proxy_name
        if model_type is not UNSET:
            field_dict["modelType"] = model_type
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if proxy_config is not UNSET:
            field_dict["proxyConfig"] = proxy_config
        if proxy_mode is not UNSET:
            field_dict["proxyMode"] = proxy_mode
        if service_region_id is not UNSET:
            field_dict["serviceRegionId"] = service_region_id
        if status is not UNSET:
            field_dict["status"] = status
        if status_reason is not UNSET:
            field_dict["statusReason"] = status_reason
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.log_configuration import LogConfiguration  # noqa: PLC0415
        from ..models.network_configuration import NetworkConfiguration  # noqa: PLC0415
        from ..models.proxy_config import ProxyConfig  # noqa: PLC0415

        d = dict(src_dict)
        cpu = d.pop("cpu", UNSET)

        created_at = d.pop("createdAt", UNSET)

        credential_name = d.pop("credentialName", UNSET)

        description = d.pop("description", UNSET)

        endpoint = d.pop("endpoint", UNSET)

        execution_role_arn = d.pop("executionRoleArn", UNSET)

        function_name = d.pop("functionName", UNSET)

        last_updated_at = d.pop("lastUpdatedAt", UNSET)

        litellm_version = d.pop("litellmVersion", UNSET)

        _log_configuration = d.pop("logConfiguration", UNSET)
        log_configuration: LogConfiguration | Unset
        if isinstance(_log_configuration, Unset):
            log_configuration = UNSET
        else:
            log_configuration = LogConfiguration.from_dict(_log_configuration)

        memory = d.pop("memory", UNSET)

        model_proxy_id = d.pop("modelProxyId", UNSET)

        model_proxy_name = d.pop("modelProxyName", UNSET)

        model_type = d.pop("modelType", UNSET)

        _network_configuration = d.pop("networkConfiguration", UNSET)
        network_configuration: NetworkConfiguration | Unset
        if isinstance(_network_configuration, Unset):
            network_configuration = UNSET
        else:
            network_configuration = NetworkConfiguration.from_dict(_network_configuration)

        _proxy_config = d.pop("proxyConfig", UNSET)
        proxy_config: ProxyConfig | Unset
        if isinstance(_proxy_config, Unset):
            proxy_config = UNSET
        else:
            proxy_config = ProxyConfig.from_dict(_proxy_config)

        _proxy_mode = d.pop("proxyMode", UNSET)
        proxy_mode: ProxyMode | Unset
        if isinstance(_proxy_mode, Unset):
            proxy_mode = UNSET
        else:
            proxy_mode = ProxyMode(_proxy_mode)

        service_region_id = d.pop("serviceRegionId", UNSET)

        _status = d.pop("status", UNSET)
        status: ResourceStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ResourceStatus(_status)

        status_reason = d.pop("statusReason", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        model_proxy = cls(
            cpu=cpu,
            created_at=created_at,
            credential_name=credential_name,
            description=description,
            endpoint=endpoint,
            execution_role_arn=execution_role_arn,
            function_name=function_name,
            last_updated_at=last_updated_at,
            litellm_version=litellm_version,
            log_configuration=log_configuration,
            memory=memory,
            model_proxy_id=model_proxy_id,
            model_proxy_name=model_proxy_name,
            model_type=model_type,
            network_configuration=network_configuration,
            proxy_config=proxy_config,
            proxy_mode=proxy_mode,
            service_region_id=service_region_id,
            status=status,
            status_reason=status_reason,
            workspace_id=workspace_id,
        )

        model_proxy.additional_properties = d
        return model_proxy

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
