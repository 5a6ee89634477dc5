from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.resource_status import ResourceStatus
from ..models.template_type import TemplateType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_configuration import ContainerConfiguration
    from ..models.credential_configuration import CredentialConfiguration
    from ..models.environment_variables import EnvironmentVariables
    from ..models.log_configuration import LogConfiguration
    from ..models.nas_config import NASConfig
    from ..models.network_configuration import NetworkConfiguration
    from ..models.oss_configuration import OssConfiguration
    from ..models.scaling_status import ScalingStatus
    from ..models.template_configuration import TemplateConfiguration
    from ..models.template_mcp_options import TemplateMcpOptions
    from ..models.template_mcp_state import TemplateMcpState


T = TypeVar("T", bound="Template")


@_dataclass(slots=True, weakref_slot=True)
class Template:
    """A sandbox template."""

    allow_anonymous_manage: bool | Unset = UNSET
    """ Whether the data plane may create/stop/delete sandboxes of this template without RAM auth. """
    container_configuration: ContainerConfiguration | Unset = UNSET
    """ Container image artefact. """
    cpu: float | Unset = UNSET
    """ vCPU. """
    created_at: str | Unset = UNSET
    """ ISO-8601 creation time. """
    credential_configuration: CredentialConfiguration | Unset = UNSET
    """ Credential used by a template. """
    description: str | Unset = UNSET
    disk_size: int | Unset = UNSET
    """ Disk size (unit undocumented; SDK defaults 512 or 10240 suggest MB). """
    enable_agent: bool | Unset = UNSET
    """ Toggle for the in-sandbox agent. """
    enable_pre_stop: bool | Unset = UNSET
    """ Enable the pre-stop hook. """
    environment_variables: EnvironmentVariables | Unset = UNSET
    """ Environment variables (string-to-string map). """
    execution_role_arn: str | Unset = UNSET
    """ RAM role ARN assumed by the service. """
    last_updated_at: str | Unset = UNSET
    """ ISO-8601 last update time. """
    log_configuration: LogConfiguration | Unset = UNSET
    """ SLS log target. """
    mcp_options: TemplateMcpOptions | Unset = UNSET
    """ MCP options of a template (output). """
    mcp_state: TemplateMcpState | Unset = UNSET
    """ MCP state of a template (output). """
    memory: int | Unset = UNSET
    """ Memory in MB. """
    nas_config: NASConfig | Unset = UNSET
    """ NAS mounts. """
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    oss_configuration: list[OssConfiguration] | Unset = UNSET
    pre_stop_timeout_in_seconds: int | Unset = UNSET
    """ Pre-stop hook timeout in seconds. """
    resource_name: str | Unset = UNSET
    """ Internal resource name. """
    sandbox_idle_timeout_in_seconds: int | str | Unset = UNSET
    """ Idle timeout of sandboxes in seconds. Typed string in the vendor response model (integer in inputs); either
    form may appear. """
    sandbox_ttl_in_seconds: int | str | Unset = UNSET
    """ Deprecated maximum sandbox lifetime in seconds (note the alias spelling with "TTL"). Typed string in the
    vendor response model. """
    scaling_status: ScalingStatus | Unset = UNSET
    """ Scaling output. """
    status: ResourceStatus | Unset = UNSET
    """ Lifecycle status of control-plane resources. Transitional CREATING/UPDATING/DELETING; final READY and
    *_FAILED (FAILED appears in API docs for agent runtimes). Open set. """
    status_reason: str | Unset = UNSET
    """ Reason for the status, especially failures. """
    template_arn: str | Unset = UNSET
    """ Template ARN. """
    template_configuration: TemplateConfiguration | Unset = UNSET
    """ Free-form template configuration whose shape depends on templateType. """
    template_id: str | Unset = UNSET
    """ Server-generated ID. """
    template_name: str | Unset = UNSET
    """ Name, unique per account; the {templateName} path parameter. """
    template_type: TemplateType | Unset = UNSET
    """ Sandbox template type. """
    template_version: str | Unset = UNSET
    """ Version (reserved). """
    workspace_id: str | Unset = UNSET
    """ Workspace ID. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allow_anonymous_manage = self.allow_anonymous_manage

        container_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.container_configuration, Unset):
            container_configuration = self.container_configuration.to_dict()

        cpu = self.cpu

        created_at = self.created_at

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

        last_updated_at = self.last_updated_at

        log_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.log_configuration, Unset):
            log_configuration = self.log_configuration.to_dict()

        mcp_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mcp_options, Unset):
            mcp_options = self.mcp_options.to_dict()

        mcp_state: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mcp_state, Unset):
            mcp_state = self.mcp_state.to_dict()

        memory = self.memory

        nas_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nas_config, Unset):
            nas_config = self.nas_config.to_dict()

        network_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_configuration, Unset):
            network_configuration = self.network_configuration.to_dict()

        oss_configuration: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.oss_configuration, Unset):
            oss_configuration = []
            for oss_configuration_item_data in self.oss_configuration:
                oss_configuration_item = oss_configuration_item_data.to_dict()
                oss_configuration.append(oss_configuration_item)

        pre_stop_timeout_in_seconds = self.pre_stop_timeout_in_seconds

        resource_name = self.resource_name

        sandbox_idle_timeout_in_seconds: int | str | Unset
        if isinstance(self.sandbox_idle_timeout_in_seconds, Unset):
            sandbox_idle_timeout_in_seconds = UNSET
        else:
            sandbox_idle_timeout_in_seconds = self.sandbox_idle_timeout_in_seconds

        sandbox_ttl_in_seconds: int | str | Unset
        if isinstance(self.sandbox_ttl_in_seconds, Unset):
            sandbox_ttl_in_seconds = UNSET
        else:
            sandbox_ttl_in_seconds = self.sandbox_ttl_in_seconds

        scaling_status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scaling_status, Unset):
            scaling_status = self.scaling_status.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_reason = self.status_reason

        template_arn = self.template_arn

        template_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.template_configuration, Unset):
            template_configuration = self.template_configuration.to_dict()

        template_id = self.template_id

        template_name = self.template_name

        template_type: str | Unset = UNSET
        if not isinstance(self.template_type, Unset):
            template_type = self.template_type.value

        template_version = self.template_version

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_anonymous_manage is not UNSET:
            field_dict["allowAnonymousManage"] = allow_anonymous_manage
        if container_configuration is not UNSET:
            field_dict["containerConfiguration"] = container_configuration
        if cpu is not UNSET:
            field_dict["cpu"] = cpu
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
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
        if last_updated_at is not UNSET:
            field_dict["lastUpdatedAt"] = last_updated_at
        if log_configuration is not UNSET:
            field_dict["logConfiguration"] = log_configuration
        if mcp_options is not UNSET:
            field_dict["mcpOptions"] = mcp_options
        if mcp_state is not UNSET:
            field_dict["mcpState"] = mcp_state
        if memory is not UNSET:
            field_dict["memory"] = memory
        if nas_config is not UNSET:
            field_dict["nasConfig"] = nas_config
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if oss_configuration is not UNSET:
            field_dict["ossConfiguration"] = oss_configuration
        if pre_stop_timeout_in_seconds is not UNSET:
            field_dict["preStopTimeoutInSeconds"] = pre_stop_timeout_in_seconds
        if resource_name is not UNSET:
            field_dict["resourceName"] = resource_name
        if sandbox_idle_timeout_in_seconds is not UNSET:
            field_dict["sandboxIdleTimeoutInSeconds"] = sandbox_idle_timeout_in_seconds
        if sandbox_ttl_in_seconds is not UNSET:
            field_dict["sandboxTTLInSeconds"] = sandbox_ttl_in_seconds
        if scaling_status is not UNSET:
            field_dict["scalingStatus"] = scaling_status
        if status is not UNSET:
            field_dict["status"] = status
        if status_reason is not UNSET:
            field_dict["statusReason"] = status_reason
        if template_arn is not UNSET:
            field_dict["templateArn"] = template_arn
        if template_configuration is not UNSET:
            field_dict["templateConfiguration"] = template_configuration
        if template_id is not UNSET:
            field_dict["templateId"] = template_id
        if template_name is not UNSET:
            field_dict["templateName"] = template_name
        if template_type is not UNSET:
            field_dict["templateType"] = template_type
        if template_version is not UNSET:
            field_dict["templateVersion"] = template_version
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_configuration import ContainerConfiguration  # noqa: PLC0415
        from ..models.credential_configuration import CredentialConfiguration  # noqa: PLC0415
        from ..models.environment_variables import EnvironmentVariables  # noqa: PLC0415
        from ..models.log_configuration import LogConfiguration  # noqa: PLC0415
        from ..models.nas_config import NASConfig  # noqa: PLC0415
        from ..models.network_configuration import NetworkConfiguration  # noqa: PLC0415
        from ..models.oss_configuration import OssConfiguration  # noqa: PLC0415
        from ..models.scaling_status import ScalingStatus  # noqa: PLC0415
        from ..models.template_configuration import TemplateConfiguration  # noqa: PLC0415
        from ..models.template_mcp_options import TemplateMcpOptions  # noqa: PLC0415
        from ..models.template_mcp_state import TemplateMcpState  # noqa: PLC0415

        d = dict(src_dict)
        allow_anonymous_manage = d.pop("allowAnonymousManage", UNSET)

        _container_configuration = d.pop("containerConfiguration", UNSET)
        container_configuration: ContainerConfiguration | Unset
        if isinstance(_container_configuration, Unset):
            container_configuration = UNSET
        else:
            container_configuration = ContainerConfiguration.from_dict(_container_configuration)

        cpu = d.pop("cpu", UNSET)

        created_at = d.pop("createdAt", UNSET)

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

        last_updated_at = d.pop("lastUpdatedAt", UNSET)

        _log_configuration = d.pop("logConfiguration", UNSET)
        log_configuration: LogConfiguration | Unset
        if isinstance(_log_configuration, Unset):
            log_configuration = UNSET
        else:
            log_configuration = LogConfiguration.from_dict(_log_configuration)

        _mcp_options = d.pop("mcpOptions", UNSET)
        mcp_options: TemplateMcpOptions | Unset
        if isinstance(_mcp_options, Unset):
            mcp_options = UNSET
        else:
            mcp_options = TemplateMcpOptions.from_dict(_mcp_options)

        _mcp_state = d.pop("mcpState", UNSET)
        mcp_state: TemplateMcpState | Unset
        if isinstance(_mcp_state, Unset):
            mcp_state = UNSET
        else:
            mcp_state = TemplateMcpState.from_dict(_mcp_state)

        memory = d.pop("memory", UNSET)

        _nas_config = d.pop("nasConfig", UNSET)
        nas_config: NASConfig | Unset
        if isinstance(_nas_config, Unset):
            nas_config = UNSET
        else:
            nas_config = NASConfig.from_dict(_nas_config)

        _network_configuration = d.pop("networkConfiguration", UNSET)
        network_configuration: NetworkConfiguration | Unset
        if isinstance(_network_configuration, Unset):
            network_configuration = UNSET
        else:
            network_configuration = NetworkConfiguration.from_dict(_network_configuration)

        _oss_configuration = d.pop("ossConfiguration", UNSET)
        oss_configuration: list[OssConfiguration] | Unset = UNSET
        if _oss_configuration is not UNSET:
            oss_configuration = []
            for oss_configuration_item_data in _oss_configuration:
                oss_configuration_item = OssConfiguration.from_dict(oss_configuration_item_data)

                oss_configuration.append(oss_configuration_item)

        pre_stop_timeout_in_seconds = d.pop("preStopTimeoutInSeconds", UNSET)

        resource_name = d.pop("resourceName", UNSET)

        def _parse_sandbox_idle_timeout_in_seconds(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        sandbox_idle_timeout_in_seconds = _parse_sandbox_idle_timeout_in_seconds(
            d.pop("sandboxIdleTimeoutInSeconds", UNSET)
        )

        def _parse_sandbox_ttl_in_seconds(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        sandbox_ttl_in_seconds = _parse_sandbox_ttl_in_seconds(d.pop("sandboxTTLInSeconds", UNSET))

        _scaling_status = d.pop("scalingStatus", UNSET)
        scaling_status: ScalingStatus | Unset
        if isinstance(_scaling_status, Unset):
            scaling_status = UNSET
        else:
            scaling_status = ScalingStatus.from_dict(_scaling_status)

        _status = d.pop("status", UNSET)
        status: ResourceStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ResourceStatus(_status)

        status_reason = d.pop("statusReason", UNSET)

        template_arn = d.pop("templateArn", UNSET)

        _template_configuration = d.pop("templateConfiguration", UNSET)
        template_configuration: TemplateConfiguration | Unset
        if isinstance(_template_configuration, Unset):
            template_configuration = UNSET
        else:
            template_configuration = TemplateConfiguration.from_dict(_template_configuration)

        template_id = d.pop("templateId", UNSET)

        template_name = d.pop("templateName", UNSET)

        _template_type = d.pop("templateType", UNSET)
        template_type: TemplateType | Unset
        if isinstance(_template_type, Unset):
            template_type = UNSET
        else:
            template_type = TemplateType(_template_type)

        template_version = d.pop("templateVersion", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        template = cls(
            allow_anonymous_manage=allow_anonymous_manage,
            container_configuration=container_configuration,
            cpu=cpu,
            created_at=created_at,
            credential_configuration=credential_configuration,
            description=description,
            disk_size=disk_size,
            enable_agent=enable_agent,
            enable_pre_stop=enable_pre_stop,
            environment_variables=environment_variables,
            execution_role_arn=execution_role_arn,
            last_updated_at=last_updated_at,
            log_configuration=log_configuration,
            mcp_options=mcp_options,
            mcp_state=mcp_state,
            memory=memory,
            nas_config=nas_config,
            network_configuration=network_configuration,
            oss_configuration=oss_configuration,
            pre_stop_timeout_in_seconds=pre_stop_timeout_in_seconds,
            resource_name=resource_name,
            sandbox_idle_timeout_in_seconds=sandbox_idle_timeout_in_seconds,
            sandbox_ttl_in_seconds=sandbox_ttl_in_seconds,
            scaling_status=scaling_status,
            status=status,
            status_reason=status_reason,
            template_arn=template_arn,
            template_configuration=template_configuration,
            template_id=template_id,
            template_name=template_name,
            template_type=template_type,
            template_version=template_version,
            workspace_id=workspace_id,
        )

        template.additional_properties = d
        return template

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
