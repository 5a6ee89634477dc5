from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.template_type import TemplateType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.arms_configuration import ArmsConfiguration
    from ..models.container_configuration import ContainerConfiguration
    from ..models.credential_configuration import CredentialConfiguration
    from ..models.environment_variables import EnvironmentVariables
    from ..models.log_configuration import LogConfiguration
    from ..models.nas_config import NASConfig
    from ..models.network_configuration import NetworkConfiguration
    from ..models.oss_configuration import OssConfiguration
    from ..models.scaling_config import ScalingConfig
    from ..models.template_configuration import TemplateConfiguration


T = TypeVar("T", bound="CreateTemplateInput")


@_dataclass(slots=True, weakref_slot=True)
class CreateTemplateInput:
    """Body of CreateTemplate, e.g.
    {"cpu":2.0,"diskSize":512,"memory":4096,"networkConfiguration":{"networkMode":"PUBLIC"},
    "ossConfiguration":[],"sandboxIdleTimeoutInSeconds":1800,"sandboxTTLInSeconds":21600,"templateName":"tt","templateTy
    pe":"CodeInterpreter"}.

    """

    cpu: float
    """ vCPU (the official SDK uses 2.0; 4.0 for AllInOne). """
    memory: int
    """ Memory in MB (the official SDK uses 4096; 8192 for AllInOne). """
    network_configuration: NetworkConfiguration
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    template_name: str
    """ Name, unique per account. """
    template_type: TemplateType
    """ Sandbox template type. """
    allow_anonymous_manage: bool | Unset = UNSET
    """ Whether the data plane may create/stop/delete sandboxes of this template without RAM auth. """
    arms_configuration: ArmsConfiguration | Unset = UNSET
    """ ARMS monitoring settings (input only; not returned). """
    container_configuration: ContainerConfiguration | Unset = UNSET
    """ Container image artefact. """
    credential_configuration: CredentialConfiguration | Unset = UNSET
    """ Credential used by a template. """
    description: str | Unset = UNSET
    disk_size: int | Unset = UNSET
    """ Disk size (the official SDK uses 512, or 10240 for Browser/AllInOne). Not updatable. """
    enable_agent: bool | Unset = UNSET
    """ Toggle for the in-sandbox agent. """
    enable_pre_stop: bool | Unset = UNSET
    """ Enable the pre-stop hook. """
    environment_variables: EnvironmentVariables | Unset = UNSET
    """ Environment variables (string-to-string map). """
    execution_role_arn: str | Unset = UNSET
    """ RAM role ARN assumed by the service. """
    log_configuration: LogConfiguration | Unset = UNSET
    """ SLS log target. """
    nas_config: NASConfig | Unset = UNSET
    """ NAS mounts. """
    oss_configuration: list[OssConfiguration] | Unset = UNSET
    """ OSS mounts; the official SDK always sends this list ([] when unset). """
    pre_stop_timeout_in_seconds: int | Unset = UNSET
    """ Pre-stop hook timeout in seconds. """
    sandbox_idle_timeout_in_seconds: int | Unset = UNSET
    """ Idle timeout of sandboxes in seconds (the official SDK uses 1800). """
    sandbox_ttl_in_seconds: int | Unset = UNSET
    """ Deprecated maximum sandbox lifetime in seconds; note the alias spelling with "TTL" (the official SDK uses
    21600). """
    scaling_config: ScalingConfig | Unset = UNSET
    """ Scaling input. """
    template_configuration: TemplateConfiguration | Unset = UNSET
    """ Free-form template configuration whose shape depends on templateType. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID; omitted means the default workspace. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cpu = self.cpu

        memory = self.memory

        network_configuration = self.network_configuration.to_dict()

        template_name = self.template_name

        template_type = self.template_type.value

        allow_anonymous_manage = self.allow_anonymous_manage

        arms_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arms_configuration, Unset):
            arms_configuration = self.arms_configuration.to_dict()

        container_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.container_configuration, Unset):
            container_configuration = self.container_configuration.to_dict()

        credential_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credential_configuration, Unset):
            credential_configuration = self.credential_configuration.to_dict()

        description = self.description

        disk_size = self.disk_size

        enable_agent = self.enable_agent

        enable_pre_stop = self.enable_pre_stop

        environment_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.environment_variables, Unset):
            environment_variables = self.environment_variables.to_dict()

        execution_role_arn = self.execution_role_arn

        log_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.log_configuration, Unset):
            log_configuration = self.log_configuration.to_dict()

        nas_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nas_config, Unset):
            nas_config = self.nas_config.to_dict()

        oss_configuration: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.oss_configuration, Unset):
            oss_configuration = []
            for oss_configuration_item_data in self.oss_configuration:
                oss_configuration_item = oss_configuration_item_data.to_dict()
                oss_configuration.append(oss_configuration_item)

        pre_stop_timeout_in_seconds = self.pre_stop_timeout_in_seconds

        sandbox_idle_timeout_in_seconds = self.sandbox_idle_timeout_in_seconds

        sandbox_ttl_in_seconds = self.sandbox_ttl_in_seconds

        scaling_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scaling_config, Unset):
            scaling_config = self.scaling_config.to_dict()

        template_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.template_configuration, Unset):
            template_configuration = self.template_configuration.to_dict()

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cpu": cpu,
                "memory": memory,
                "networkConfiguration": network_configuration,
                "templateName": template_name,
                "templateType": template_type,
            }
        )
        if allow_anonymous_manage is not UNSET:
            field_dict["allowAnonymousManage"] = allow_anonymous_manage
        if arms_configuration is not UNSET:
            field_dict["armsConfiguration"] = arms_configuration
        if container_configuration is not UNSET:
            field_dict["containerConfiguration"] = container_configuration
        if credential_configuration is not UNSET:
            field_dict["credentialConfiguration"] = credential_configuration
        if description is not UNSET:
            field_dict["description"] = description
        if disk_size is not UNSET:
            field_dict["diskSize"] = disk_size
        if enable_agent is not UNSET:
            field_dict["enableAgent"] = enable_agent
        if enable_pre_stop is not UNSET:
            field_dict["enablePreStop"] = enable_pre_stop
        if environment_variables is not UNSET:
            field_dict["environmentVariables"] = environment_variables
        if execution_role_arn is not UNSET:
            field_dict["executionRoleArn"] = execution_role_arn
        if log_configuration is not UNSET:
            field_dict["logConfiguration"] = log_configuration
        if nas_config is not UNSET:
            field_dict["nasConfig"] = nas_config
        if oss_configuration is not UNSET:
            field_dict["ossConfiguration"] = oss_configuration
        if pre_stop_timeout_in_seconds is not UNSET:
            field_dict["preStopTimeoutInSeconds"] = pre_stop_timeout_in_seconds
        if sandbox_idle_timeout_in_seconds is not UNSET:
            field_dict["sandboxIdleTimeoutInSeconds"] = sandbox_idle_timeout_in_seconds
        if sandbox_ttl_in_seconds is not UNSET:
            field_dict["sandboxTTLInSeconds"] = sandbox_ttl_in_seconds
        if scaling_config is not UNSET:
            field_dict["scalingConfig"] = scaling_config
        if template_configuration is not UNSET:
            field_dict["templateConfiguration"] = template_configuration
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.arms_configuration import ArmsConfiguration  # noqa: PLC0415
        from ..models.container_configuration import ContainerConfiguration  # noqa: PLC0415
        from ..models.credential_configuration import CredentialConfiguration  # noqa: PLC0415
        from ..models.environment_variables import EnvironmentVariables  # noqa: PLC0415
        from ..models.log_configuration import LogConfiguration  # noqa: PLC0415
        from ..models.nas_config import NASConfig  # noqa: PLC0415
        from ..models.network_configuration import NetworkConfiguration  # noqa: PLC0415
        from ..models.oss_configuration import OssConfiguration  # noqa: PLC0415
        from ..models.scaling_config import ScalingConfig  # noqa: PLC0415
        from ..models.template_configuration import TemplateConfiguration  # noqa: PLC0415

        d = dict(src_dict)
        cpu = d.pop("cpu")

        memory = d.pop("memory")

        network_configuration = NetworkConfiguration.from_dict(d.pop("networkConfiguration"))

        template_name = d.pop("templateName")

        template_type = TemplateType(d.pop("templateType"))

        allow_anonymous_manage = d.pop("allowAnonymousManage", UNSET)

        _arms_configuration = d.pop("armsConfiguration", UNSET)
        arms_configuration: ArmsConfiguration | Unset
        if isinstance(_arms_configuration, Unset):
            arms_configuration = UNSET
        else:
            arms_configuration = ArmsConfiguration.from_dict(_arms_configuration)

        _container_configuration = d.pop("containerConfiguration", UNSET)
        container_configuration: ContainerConfiguration | Unset
        if isinstance(_container_configuration, Unset):
            container_configuration = UNSET
        else:
            container_configuration = ContainerConfiguration.from_dict(_container_configuration)

        _credential_configuration = d.pop("credentialConfiguration", UNSET)
        credential_configuration: CredentialConfiguration | Unset
        if isinstance(_credential_configuration, Unset):
            credential_configuration = UNSET
        else:
            credential_configuration = CredentialConfiguration.from_dict(_credential_configuration)

        description = d.pop("description", UNSET)

        disk_size = d.pop("diskSize", UNSET)

        enable_agent = d.pop("enableAgent", UNSET)

        enable_pre_stop = d.pop("enablePreStop", UNSET)

        _environment_variables = d.pop("environmentVariables", UNSET)
        environment_variables: EnvironmentVariables | Unset
        if isinstance(_environment_variables, Unset):
            environment_variables = UNSET
        else:
            environment_variables = EnvironmentVariables.from_dict(_environment_variables)

        execution_role_arn = d.pop("executionRoleArn", UNSET)

        _log_configuration = d.pop("logConfiguration", UNSET)
        log_configuration: LogConfiguration | Unset
        if isinstance(_log_configuration, Unset):
            log_configuration = UNSET
        else:
            log_configuration = LogConfiguration.from_dict(_log_configuration)

        _nas_config = d.pop("nasConfig", UNSET)
        nas_config: NASConfig | Unset
        if isinstance(_nas_config, Unset):
            nas_config = UNSET
        else:
            nas_config = NASConfig.from_dict(_nas_config)

        _oss_configuration = d.pop("ossConfiguration", UNSET)
        oss_configuration: list[OssConfiguration] | Unset = UNSET
        if _oss_configuration is not UNSET:
            oss_configuration = []
            for oss_configuration_item_data in _oss_configuration:
                oss_configuration_item = OssConfiguration.from_dict(oss_configuration_item_data)

                oss_configuration.append(oss_configuration_item)

        pre_stop_timeout_in_seconds = d.pop("preStopTimeoutInSeconds", UNSET)

        sandbox_idle_timeout_in_seconds = d.pop("sandboxIdleTimeoutInSeconds", UNSET)

        sandbox_ttl_in_seconds = d.pop("sandboxTTLInSeconds", UNSET)

        _scaling_config = d.pop("scalingConfig", UNSET)
        scaling_config: ScalingConfig | Unset
        if isinstance(_scaling_config, Unset):
            scaling_config = UNSET
        else:
            scaling_config = ScalingConfig.from_dict(_scaling_config)

        _template_configuration = d.pop("templateConfiguration", UNSET)
        template_configuration: TemplateConfiguration | Unset
        if isinstance(_template_configuration, Unset):
            template_configuration = UNSET
        else:
            template_configuration = TemplateConfiguration.from_dict(_template_configuration)

        workspace_id = d.pop("workspaceId", UNSET)

        create_template_input = cls(
            cpu=cpu,
            memory=memory,
            network_configuration=network_configuration,
            template_name=template_name,
            template_type=template_type,
            allow_anonymous_manage=allow_anonymous_manage,
            arms_configuration=arms_configuration,
            container_configuration=container_configuration,
            credential_configuration=credential_configuration,
            description=description,
            disk_size=disk_size,
            enable_agent=enable_agent,
            enable_pre_stop=enable_pre_stop,
            environment_variables=environment_variables,
            execution_role_arn=execution_role_arn,
            log_configuration=log_configuration,
            nas_config=nas_config,
            oss_configuration=oss_configuration,
            pre_stop_timeout_in_seconds=pre_stop_timeout_in_seconds,
            sandbox_idle_timeout_in_seconds=sandbox_idle_timeout_in_seconds,
            sandbox_ttl_in_seconds=sandbox_ttl_in_seconds,
            scaling_config=scaling_config,
            template_configuration=template_configuration,
            workspace_id=workspace_id,
        )

        create_template_input.additional_properties = d
        return create_template_input

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
