from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.proxy_mode import ProxyMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.arms_configuration import ArmsConfiguration
    from ..models.log_configuration import LogConfiguration
    from ..models.network_configuration import NetworkConfiguration
    from ..models.proxy_config import ProxyConfig


T = TypeVar("T", bound="CreateModelProxyInput")


@_dataclass(slots=True, weakref_slot=True)
class CreateModelProxyInput:
    """Body of CreateModelProxy, e.g. {"cpu":2,"memory":4096,"modelProxyName":"mp1",
    "proxyConfig":{"endpoints":[{"modelNames":["gpt-4o"],"modelServiceName":"ms1"}]},"proxyMode":"single"}.

    """

    cpu: float
    """ vCPU (the official SDK uses 2). """
    memory: int
    """ Memory (docs say GiB; the official SDK sends 4096). """
    model_proxy_name: str
    """ Name. """
    proxy_config: ProxyConfig
    """ Model proxy configuration. """
    proxy_mode: ProxyMode
    """ Model proxy mode. """
    arms_configuration: ArmsConfiguration | Unset = UNSET
    """ ARMS monitoring settings (input only; not returned). """
    credential_name: str | Unset = UNSET
    """ Credential protecting / used by the proxy. """
    description: str | Unset = UNSET
    execution_role_arn: str | Unset = UNSET
    """ RAM role ARN assumed by the service. """
    litellm_version: str | Unset = UNSET
    """ LiteLLM version of the proxy. """
    log_configuration: LogConfiguration | Unset = UNSET
    """ SLS log target. """
    model_type: str | Unset = UNSET
    """ Model type, free string (same values as ModelService.modelType). """
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    service_region_id: str | Unset = UNSET
    """ Region of the backing model service. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID; omitted means the default workspace. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cpu = self.cpu

        memory = self.memory

        model_proxy_name = self.model_proxy_name

        proxy_config = self.proxy_config.to_dict()

        proxy_mode = self.proxy_mode.value

        arms_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arms_configuration, Unset):
            arms_configuration = self.arms_configuration.to_dict()

        credential_name = self.credential_name

        description = self.description

        execution_role_arn = self.execution_role_arn

        litellm_version = self.litellm_version

        log_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.log_configuration, Unset):
            log_configuration = self.log_configuration.to_dict()

        model_type = self.model_type

        network_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_configuration, Unset):
            network_configuration = self.network_configuration.to_dict()

        service_region_id = self.service_region_id

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cpu": cpu,
                "memory": memory,
                "modelProxyName": model_proxy_name,
                "proxyConfig": proxy_config,
                "proxyMode": proxy_mode,
            }
        )
        if arms_configuration is not UNSET:
            field_dict["armsConfiguration"] = arms_configuration
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if description is not UNSET:
            field_dict["description"] = description
        if execution_role_arn is not UNSET:
            field_dict["executionRoleArn"] = execution_role_arn
        if litellm_version is not UNSET:
            field_dict["litellmVersion"] = litellm_version
        if log_configuration is not UNSET:
            field_dict["logConfiguration"] = log_configuration
        if model_type is not UNSET:
            field_dict["modelType"] = model_type
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if service_region_id is not UNSET:
            field_dict["serviceRegionId"] = service_region_id
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.arms_configuration import ArmsConfiguration  # noqa: PLC0415
        from ..models.log_configuration import LogConfiguration  # noqa: PLC0415
        from ..models.network_configuration import NetworkConfiguration  # noqa: PLC0415
        from ..models.proxy_config import ProxyConfig  # noqa: PLC0415

        d = dict(src_dict)
        cpu = d.pop("cpu")

        memory = d.pop("memory")

        model_proxy_name = d.pop("modelProxyName")

        proxy_config = ProxyConfig.from_dict(d.pop("proxyConfig"))

        proxy_mode = ProxyMode(d.pop("proxyMode"))

        _arms_configuration = d.pop("armsConfiguration", UNSET)
        arms_configuration: ArmsConfiguration | Unset
        if isinstance(_arms_configuration, Unset):
            arms_configuration = UNSET
        else:
            arms_configuration = ArmsConfiguration.from_dict(_arms_configuration)

        credential_name = d.pop("credentialName", UNSET)

        description = d.pop("description", UNSET)

        execution_role_arn = d.pop("executionRoleArn", UNSET)

        litellm_version = d.pop("litellmVersion", UNSET)

        _log_configuration = d.pop("logConfiguration", UNSET)
        log_configuration: LogConfiguration | Unset
        if isinstance(_log_configuration, Unset):
            log_configuration = UNSET
        else:
            log_configuration = LogConfiguration.from_dict(_log_configuration)

        model_type = d.pop("modelType", UNSET)

        _network_configuration = d.pop("networkConfiguration", UNSET)
        network_configuration: NetworkConfiguration | Unset
        if isinstance(_network_configuration, Unset):
            network_configuration = UNSET
        else:
            network_configuration = NetworkConfiguration.from_dict(_network_configuration)

        service_region_id = d.pop("serviceRegionId", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        create_model_proxy_input = cls(
            cpu=cpu,
            memory=memory,
            model_proxy_name=model_proxy_name,
            proxy_config=proxy_config,
            proxy_mode=proxy_mode,
            arms_configuration=arms_configuration,
            credential_name=credential_name,
            description=description,
            execution_role_arn=execution_role_arn,
            litellm_version=litellm_version,
            log_configuration=log_configuration,
            model_type=model_type,
            network_configuration=network_configuration,
            service_region_id=service_region_id,
            workspace_id=workspace_id,
        )

        create_model_proxy_input.additional_properties = d
        return create_model_proxy_input

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
