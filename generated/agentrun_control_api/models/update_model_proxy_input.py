from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.arms_configuration import ArmsConfiguration
    from ..models.log_configuration import LogConfiguration
    from ..models.network_configuration import NetworkConfiguration
    from ..models.proxy_config import ProxyConfig


T = TypeVar("T", bound="UpdateModelProxyInput")


@_dataclass(slots=True, weakref_slot=True)
class UpdateModelProxyInput:
    """Body of UpdateModelProxy; the server merges the supplied keys."""

    arms_configuration: ArmsConfiguration | Unset = UNSET
    """ ARMS monitoring settings (input only; not returned). """
    credential_name: str | Unset = UNSET
    """ Credential protecting / used by the proxy. """
    description: str | Unset = UNSET
    execution_role_arn: str | Unset = UNSET
    """ RAM role ARN assumed by the service. """
    log_configuration: LogConfiguration | Unset = UNSET
    """ SLS log target. """
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    proxy_config: ProxyConfig | Unset = UNSET
    """ Model proxy configuration. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arms_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arms_configuration, Unset):
            arms_configuration = self.arms_configuration.to_dict()

        credential_name = self.credential_name

        description = self.description

        execution_role_arn = self.execution_role_arn

        log_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.log_configuration, Unset):
            log_configuration = self.log_configuration.to_dict()

        network_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_configuration, Unset):
            network_configuration = self.network_configuration.to_dict()

        proxy_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.proxy_config, Unset):
            proxy_config = self.proxy_config.to_dict()

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if arms_configuration is not UNSET:
            field_dict["armsConfiguration"] = arms_configuration
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if description is not UNSET:
            field_dict["description"] = description
        if execution_role_arn is not UNSET:
            field_dict["executionRoleArn"] = execution_role_arn
        if log_configuration is not UNSET:
            field_dict["logConfiguration"] = log_configuration
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if proxy_config is not UNSET:
            field_dict["proxyConfig"] = proxy_config
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
        _arms_configuration = d.pop("armsConfiguration", UNSET)
        arms_configuration: ArmsConfiguration | Unset
        if isinstance(_arms_configuration, Unset):
            arms_configuration = UNSET
        else:
            arms_configuration = ArmsConfiguration.from_dict(_arms_configuration)

        credential_name = d.pop("credentialName", UNSET)

        description = d.pop("description", UNSET)

        execution_role_arn = d.pop("executionRoleArn", UNSET)

        _log_configuration = d.pop("logConfiguration", UNSET)
        log_configuration: LogConfiguration | Unset
        if isinstance(_log_configuration, Unset):
            log_configuration = UNSET
        else:
            log_configuration = LogConfiguration.from_dict(_log_configuration)

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

        workspace_id = d.pop("workspaceId", UNSET)

        update_model_proxy_input = cls(
            arms_configuration=arms_configuration,
            credential_name=credential_name,
            description=description,
            execution_role_arn=execution_role_arn,
            log_configuration=log_configuration,
            network_configuration=network_configuration,
            proxy_config=proxy_config,
            workspace_id=workspace_id,
        )

        update_model_proxy_input.additional_properties = d
        return update_model_proxy_input

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
