from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.artifact_type import ArtifactType
from ..models.tool_create_method import ToolCreateMethod
from ..models.tool_type import ToolType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_configuration import CodeConfiguration
    from ..models.container_configuration import ContainerConfiguration
    from ..models.environment_variables import EnvironmentVariables
    from ..models.log_configuration import LogConfiguration
    from ..models.mcp_config import McpConfig
    from ..models.nas_config import NASConfig
    from ..models.network_configuration import NetworkConfiguration
    from ..models.oss_mount_config import OSSMountConfig


T = TypeVar("T", bound="CreateToolInputV2")


@_dataclass(slots=True, weakref_slot=True)
class CreateToolInputV2:
    """Body of CreateTool."""

    create_method: ToolCreateMethod
    """ How a tool was created. MCP_LOCAL_STDIO is the API spelling, MCP_LOCAL the SDK spelling; both are accepted.
    """
    tool_name: str
    """ Name, unique within the workspace. """
    tool_type: ToolType
    """ Tool type: MCP, FUNCTIONCALL (OpenAPI-described HTTP tool), SKILL (downloadable skill package). """
    artifact_type: ArtifactType | Unset = UNSET
    """ Deployment artefact kind. """
    code_configuration: CodeConfiguration | Unset = UNSET
    """ Code artefact, either inline (zipFile) or on OSS (ossBucketName/ossObjectName). AgentRun Local takes only
    zipFile (OSS references are a 400) and checks it before writing anything: base64, the checksum when given, at
    most 50 MiB zipped, 500 MiB unpacked and 20,000 entries, no absolute paths, `..` or symbolic links (each a 400
    saying what to change). It installs the package's dependencies at deploy time: requirements.txt, or without one
    pyproject.toml's [project].dependencies (the project itself is not built), into a per-build environment;
    package.json's dependencies with `npm install --omit=dev` (status CREATING/UPDATING until done, then READY or
    CREATE_FAILED/UPDATE_FAILED with the installer's last lines in statusReason) and does not return zipFile.
    AgentRun Local does not run Container artifacts: a create or update that leaves the runtime a Container artifact
    ends in CREATE_FAILED/UPDATE_FAILED with statusReason "Container artifacts are not supported by AgentRun Local:
    deploy a Code package (...)", and invoking it answers 501. """
    container_configuration: ContainerConfiguration | Unset = UNSET
    """ Container image artefact. """
    cpu: float | Unset = UNSET
    """ vCPU, fractions allowed. """
    credential_name: str | Unset = UNSET
    """ Credential bound to the tool. """
    description: str | Unset = UNSET
    environment_variables: EnvironmentVariables | Unset = UNSET
    """ Environment variables (string-to-string map). """
    execution_role_arn: str | Unset = UNSET
    """ RAM role ARN assumed by the service. """
    log_configuration: LogConfiguration | Unset = UNSET
    """ SLS log target. """
    mcp_config: McpConfig | Unset = UNSET
    """ MCP settings of a tool. """
    memory: int | Unset = UNSET
    """ Memory in MB. """
    nas_config: NASConfig | Unset = UNSET
    """ NAS mounts. """
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    oss_mount_config: OSSMountConfig | Unset = UNSET
    """ OSS mounts. """
    port: int | Unset = UNSET
    """ Listen port. """
    protocol_spec: str | Unset = UNSET
    """ JSON document carried as a string (OpenAPI document for FUNCTIONCALL, mcpServers map for MCP_REMOTE). """
    timeout: int | Unset = UNSET
    """ Seconds per tool call. """
    workspace_id: str | Unset = UNSET
    """ Workspace ID; omitted means the default workspace. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        create_method = self.create_method.value

        tool_name = self.tool_name

        tool_type = self.tool_type.value

        artifact_type: str | Unset = UNSET
        if not isinstance(self.artifact_type, Unset):
            artifact_type = self.artifact_type.value

        code_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.code_configuration, Unset):
            code_configuration = self.code_configuration.to_dict()

        container_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.container_configuration, Unset):
            container_configuration = self.container_configuration.to_dict()

        cpu = self.cpu

        credential_name = self.credential_name

        description = self.description

        environment_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.environment_variables, Unset):
            environment_variables = self.environment_variables.to_dict()

        execution_role_arn = self.execution_role_arn

        log_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.log_configuration, Unset):
            log_configuration = self.log_configuration.to_dict()

        mcp_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mcp_config, Unset):
            mcp_config = self.mcp_config.to_dict()

        memory = self.memory

        nas_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nas_config, Unset):
            nas_config = self.nas_config.to_dict()

        network_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_configuration, Unset):
            network_configuration = self.network_configuration.to_dict()

        oss_mount_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.oss_mount_config, Unset):
            oss_mount_config = self.oss_mount_config.to_dict()

        port = self.port

        protocol_spec = self.protocol_spec

        timeout = self.timeout

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createMethod": create_method,
                "toolName": tool_name,
                "toolType": tool_type,
            }
        )
        if artifact_type is not UNSET:
            field_dict["artifactType"] = artifact_type
        if code_configuration is not UNSET:
            field_dict["codeConfiguration"] = code_configuration
        if container_configuration is not UNSET:
            field_dict["containerConfiguration"] = container_configuration
        if cpu is not UNSET:
            field_dict["cpu"] = cpu
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if description is not UNSET:
            field_dict["description"] = description
        if environment_variables is not UNSET:
            field_dict["environmentVariables"] = environment_variables
        if execution_role_arn is not UNSET:
            field_dict["executionRoleArn"] = execution_role_arn
        if log_configuration is not UNSET:
            field_dict["logConfiguration"] = log_configuration
        if mcp_config is not UNSET:
            field_dict["mcpConfig"] = mcp_config
        if memory is not UNSET:
            field_dict["memory"] = memory
        if nas_config is not UNSET:
            field_dict["nasConfig"] = nas_config
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if oss_mount_config is not UNSET:
            field_dict["ossMountConfig"] = oss_mount_config
        if port is not UNSET:
            field_dict["port"] = port
        if protocol_spec is not UNSET:
            field_dict["protocolSpec"] = protocol_spec
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_configuration import CodeConfiguration  # noqa: PLC0415
        from ..models.container_configuration import ContainerConfiguration  # noqa: PLC0415
        from ..models.environment_variables import EnvironmentVariables  # noqa: PLC0415
        from ..models.log_configuration import LogConfiguration  # noqa: PLC0415
        from ..models.mcp_config import McpConfig  # noqa: PLC0415
        from ..models.nas_config import NASConfig  # noqa: PLC0415
        from ..models.network_configuration import NetworkConfiguration  # noqa: PLC0415
        from ..models.oss_mount_config import OSSMountConfig  # noqa: PLC0415

        d = dict(src_dict)
        create_method = ToolCreateMethod(d.pop("createMethod"))

        tool_name = d.pop("toolName")

        tool_type = ToolType(d.pop("toolType"))

        _artifact_type = d.pop("artifactType", UNSET)
        artifact_type: ArtifactType | Unset
        if isinstance(_artifact_type, Unset):
            artifact_type = UNSET
        else:
            artifact_type = ArtifactType(_artifact_type)

        _code_configuration = d.pop("codeConfiguration", UNSET)
        code_configuration: CodeConfiguration | Unset
        if isinstance(_code_configuration, Unset):
            code_configuration = UNSET
        else:
            code_configuration = CodeConfiguration.from_dict(_code_configuration)

        _container_configuration = d.pop("containerConfiguration", UNSET)
        container_configuration: ContainerConfiguration | Unset
        if isinstance(_container_configuration, Unset):
            container_configuration = UNSET
        else:
            container_configuration = ContainerConfiguration.from_dict(_container_configuration)

        cpu = d.pop("cpu", UNSET)

        credential_name = d.pop("credentialName", UNSET)

        description = d.pop("description", UNSET)

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

        _mcp_config = d.pop("mcpConfig", UNSET)
        mcp_config: McpConfig | Unset
        if isinstance(_mcp_config, Unset):
            mcp_config = UNSET
        else:
            mcp_config = McpConfig.from_dict(_mcp_config)

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

        _oss_mount_config = d.pop("ossMountConfig", UNSET)
        oss_mount_config: OSSMountConfig | Unset
        if isinstance(_oss_mount_config, Unset):
            oss_mount_config = UNSET
        else:
            oss_mount_config = OSSMountConfig.from_dict(_oss_mount_config)

        port = d.pop("port", UNSET)

        protocol_spec = d.pop("protocolSpec", UNSET)

        timeout = d.pop("timeout", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        create_tool_input_v2 = cls(
            create_method=create_method,
            tool_name=tool_name,
            tool_type=tool_type,
            artifact_type=artifact_type,
            code_configuration=code_configuration,
            container_configuration=container_configuration,
            cpu=cpu,
            credential_name=credential_name,
            description=description,
            environment_variables=environment_variables,
            execution_role_arn=execution_role_arn,
            log_configuration=log_configuration,
            mcp_config=mcp_config,
            memory=memory,
            nas_config=nas_config,
            network_configuration=network_configuration,
            oss_mount_config=oss_mount_config,
            port=port,
            protocol_spec=protocol_spec,
            timeout=timeout,
            workspace_id=workspace_id,
        )

        create_tool_input_v2.additional_properties = d
        return create_tool_input_v2

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
