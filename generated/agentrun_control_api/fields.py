"""Keyword arguments of the SDK facade methods, generated from the input models and list operations (see scripts/codegen/fields.yaml)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from .models import ArmsConfiguration
    from .models import ArtifactType
    from .models import CodeConfiguration
    from .models import ContainerConfiguration
    from .models import CredentialConfiguration
    from .models import EnvironmentVariables
    from .models import HealthCheckConfiguration
    from .models import LogConfiguration
    from .models import McpConfig
    from .models import ModelInfoConfig
    from .models import NASConfig
    from .models import NetworkConfiguration
    from .models import OSSMountConfig
    from .models import OssConfiguration
    from .models import ProtocolConfiguration
    from .models import ResourceStatus
    from .models import RoutingConfiguration
    from .models import ScalingConfig
    from .models import SessionAffinityType
    from .models import TemplateConfiguration
    from .models import ToolCreateMethod


class CreateModelServiceMore(TypedDict, total=False):
    """The CreateModelServiceInput fields a facade method passes through (it names the others itself)."""

    credential_name: str | None
    description: str | None
    model_info_configs: Sequence[ModelInfoConfig | Mapping[str, Any]] | None
    network_configuration: NetworkConfiguration | Mapping[str, Any] | None
    workspace_id: str | None


class UpdateModelServiceMore(TypedDict, total=False):
    """The UpdateModelServiceInput fields a facade method passes through (it names the others itself)."""

    credential_name: str | None
    description: str | None
    model_info_configs: Sequence[ModelInfoConfig | Mapping[str, Any]] | None
    network_configuration: NetworkConfiguration | Mapping[str, Any] | None
    status: ResourceStatus | str | None
    status_reason: str | None
    workspace_id: str | None


class CreateModelProxyMore(TypedDict, total=False):
    """The CreateModelProxyInput fields a facade method passes through (it names the others itself)."""

    cpu: float | None
    memory: int | None
    arms_configuration: ArmsConfiguration | Mapping[str, Any] | None
    credential_name: str | None
    description: str | None
    execution_role_arn: str | None
    litellm_version: str | None
    log_configuration: LogConfiguration | Mapping[str, Any] | None
    model_type: str | None
    network_configuration: NetworkConfiguration | Mapping[str, Any] | None
    service_region_id: str | None
    workspace_id: str | None


class UpdateModelProxyMore(TypedDict, total=False):
    """The UpdateModelProxyInput fields a facade method passes through (it names the others itself)."""

    arms_configuration: ArmsConfiguration | Mapping[str, Any] | None
    credential_name: str | None
    description: str | None
    execution_role_arn: str | None
    log_configuration: LogConfiguration | Mapping[str, Any] | None
    network_configuration: NetworkConfiguration | Mapping[str, Any] | None
    workspace_id: str | None


class CreateTemplateMore(TypedDict, total=False):
    """The CreateTemplateInput fields a facade method passes through (it names the others itself)."""

    cpu: float | None
    memory: int | None
    allow_anonymous_manage: bool | None
    arms_configuration: ArmsConfiguration | Mapping[str, Any] | None
    container_configuration: ContainerConfiguration | Mapping[str, Any] | None
    credential_configuration: CredentialConfiguration | Mapping[str, Any] | None
    description: str | None
    disk_size: int | None
    enable_agent: bool | None
    enable_pre_stop: bool | None
    environment_variables: EnvironmentVariables | Mapping[str, Any] | None
    execution_role_arn: str | None
    log_configuration: LogConfiguration | Mapping[str, Any] | None
    nas_config: NASConfig | Mapping[str, Any] | None
    oss_configuration: Sequence[OssConfiguration | Mapping[str, Any]] | None
    pre_stop_timeout_in_seconds: int | None
    scaling_config: ScalingConfig | Mapping[str, Any] | None
    template_configuration: TemplateConfiguration | Mapping[str, Any] | None
    workspace_id: str | None


class UpdateTemplateMore(TypedDict, total=False):
    """The UpdateTemplateInput fields a facade method passes through (it names the others itself)."""

    allow_anonymous_manage: bool | None
    arms_configuration: ArmsConfiguration | Mapping[str, Any] | None
    container_configuration: ContainerConfiguration | Mapping[str, Any] | None
    cpu: float | None
    credential_configuration: CredentialConfiguration | Mapping[str, Any] | None
    description: str | None
    enable_agent: bool | None
    enable_pre_stop: bool | None
    environment_variables: EnvironmentVariables | Mapping[str, Any] | None
    execution_role_arn: str | None
    log_configuration: LogConfiguration | Mapping[str, Any] | None
    memory: int | None
    nas_config: NASConfig | Mapping[str, Any] | None
    oss_configuration: Sequence[OssConfiguration | Mapping[str, Any]] | None
    pre_stop_timeout_in_seconds: int | None
    scaling_config: ScalingConfig | Mapping[str, Any] | None
    template_configuration: TemplateConfiguration | Mapping[str, Any] | None
    workspace_id: str | None


class CreateAgentRuntimeMore(TypedDict, total=False):
    """The CreateAgentRuntimeInput fields a facade method passes through (it names the others itself)."""

    cpu: float | None
    memory: int | None
    port: int | None
    arms_configuration: ArmsConfiguration | Mapping[str, Any] | None
    credential_id: str | None
    credential_name: str | None
    description: str | None
    disable_ondemand: bool | None
    disable_session_affinity: bool | None
    disk_size: int | None
    edition: str | None
    enable_session_isolation: bool | None
    environment_variables: EnvironmentVariables | Mapping[str, Any] | None
    execution_role_arn: str | None
    external_agent_endpoint_url: str | None
    header_field_name: str | None
    health_check_configuration: HealthCheckConfiguration | Mapping[str, Any] | None
    log_configuration: LogConfiguration | Mapping[str, Any] | None
    nas_config: NASConfig | Mapping[str, Any] | None
    oss_mount_config: OSSMountConfig | Mapping[str, Any] | None
    protocol_configuration: ProtocolConfiguration | Mapping[str, Any] | None
    resource_group_id: str | None
    session_affinity_type: SessionAffinityType | str | None
    session_concurrency_limit_per_instance: int | None
    session_idle_timeout_seconds: int | None
    system_tags: Sequence[str] | None
    workspace_id: str | None


class UpdateAgentRuntimeMore(TypedDict, total=False):
    """The UpdateAgentRuntimeInput fields a facade method passes through (it names the others itself)."""

    agent_runtime_name: str | None
    arms_configuration: ArmsConfiguration | Mapping[str, Any] | None
    cpu: float | None
    credential_name: str | None
    description: str | None
    disable_ondemand: bool | None
    disable_session_affinity: bool | None
    disk_size: int | None
    edition: str | None
    enable_session_isolation: bool | None
    environment_variables: EnvironmentVariables | Mapping[str, Any] | None
    execution_role_arn: str | None
    external_agent_endpoint_url: str | None
    force_evict_instances: bool | None
    header_field_name: str | None
    health_check_configuration: HealthCheckConfiguration | Mapping[str, Any] | None
    log_configuration: LogConfiguration | Mapping[str, Any] | None
    memory: int | None
    nas_config: NASConfig | Mapping[str, Any] | None
    oss_mount_config: OSSMountConfig | Mapping[str, Any] | None
    port: int | None
    protocol_configuration: ProtocolConfiguration | Mapping[str, Any] | None
    session_affinity_type: SessionAffinityType | str | None
    session_concurrency_limit_per_instance: int | None
    session_idle_timeout_seconds: int | None
    system_tags: Sequence[str] | None
    workspace_id: str | None


class CreateAgentRuntimeEndpointMore(TypedDict, total=False):
    """The CreateAgentRuntimeEndpointInput fields a facade method passes through (it names the others itself)."""

    description: str | None
    disable_public_network_access: bool | None
    routing_configuration: RoutingConfiguration | Mapping[str, Any] | None
    scaling_config: ScalingConfig | Mapping[str, Any] | None
    target_version: str | None


class UpdateAgentRuntimeEndpointMore(TypedDict, total=False):
    """The UpdateAgentRuntimeEndpointInput fields a facade method passes through (it names the others itself)."""

    agent_runtime_endpoint_name: str | None
    delete_scaling_config: bool | None
    description: str | None
    disable_public_network_access: bool | None
    routing_configuration: RoutingConfiguration | Mapping[str, Any] | None
    scaling_config: ScalingConfig | Mapping[str, Any] | None
    target_version: str | None


class CreateToolMore(TypedDict, total=False):
    """The CreateToolInputV2 fields a facade method passes through (it names the others itself)."""

    artifact_type: ArtifactType | str | None
    code_configuration: CodeConfiguration | Mapping[str, Any] | None
    container_configuration: ContainerConfiguration | Mapping[str, Any] | None
    cpu: float | None
    credential_name: str | None
    description: str | None
    environment_variables: EnvironmentVariables | Mapping[str, Any] | None
    execution_role_arn: str | None
    log_configuration: LogConfiguration | Mapping[str, Any] | None
    mcp_config: McpConfig | Mapping[str, Any] | None
    memory: int | None
    nas_config: NASConfig | Mapping[str, Any] | None
    network_configuration: NetworkConfiguration | Mapping[str, Any] | None
    oss_mount_config: OSSMountConfig | Mapping[str, Any] | None
    port: int | None
    timeout: int | None
    workspace_id: str | None


class UpdateToolMore(TypedDict, total=False):
    """The UpdateToolInputV2 fields a facade method passes through (it names the others itself)."""

    artifact_type: ArtifactType | str | None
    code_configuration: CodeConfiguration | Mapping[str, Any] | None
    container_configuration: ContainerConfiguration | Mapping[str, Any] | None
    cpu: float | None
    create_method: ToolCreateMethod | str | None
    credential_name: str | None
    description: str | None
    environment_variables: EnvironmentVariables | Mapping[str, Any] | None
    execution_role_arn: str | None
    log_configuration: LogConfiguration | Mapping[str, Any] | None
    mcp_config: McpConfig | Mapping[str, Any] | None
    memory: int | None
    nas_config: NASConfig | Mapping[str, Any] | None
    network_configuration: NetworkConfiguration | Mapping[str, Any] | None
    oss_mount_config: OSSMountConfig | Mapping[str, Any] | None
    port: int | None
    timeout: int | None
    workspace_id: str | None


class CreateCredentialMore(TypedDict, total=False):
    """The CreateCredentialInput fields a facade method passes through (it names the others itself)."""

    description: str | None
    enabled: bool | None
    workspace_id: str | None


class UpdateCredentialMore(TypedDict, total=False):
    """The UpdateCredentialInput fields a facade method passes through (it names the others itself)."""

    description: str | None
    enabled: bool | None
    workspace_id: str | None


class ListAgentRuntimesFilters(TypedDict, total=False):
    """The query parameters of ListAgentRuntimes a list method passes through as filters."""

    discovery_resource_group_id: str | None
    resource_group_id: str | None
    search_mode: str | None
    status: str | None
    workspace_id: str | None
    workspace_ids: str | None


class ListAgentRuntimeEndpointsFilters(TypedDict, total=False):
    """The query parameters of ListAgentRuntimeEndpoints a list method passes through as filters."""

    search_mode: str | None


class ListCredentialsFilters(TypedDict, total=False):
    """The query parameters of ListCredentials a list method passes through as filters."""

    enabled: bool | None
    provider: str | None
    workspace_id: str | None
    workspace_ids: str | None


class ListModelProxiesFilters(TypedDict, total=False):
    """The query parameters of ListModelProxies a list method passes through as filters."""

    proxy_mode: str | None
    status: str | None
    workspace_id: str | None
    workspace_ids: str | None


class ListModelServicesFilters(TypedDict, total=False):
    """The query parameters of ListModelServices a list method passes through as filters."""

    model_type: str | None
    provider: str | None
    provider_type: str | None
    workspace_id: str | None
    workspace_ids: str | None


class ListSandboxesFilters(TypedDict, total=False):
    """The query parameters of ListSandboxes a list method passes through as filters."""

    sandbox_id: str | None
    status: str | None
    template_name: str | None
    template_type: str | None


class ListTemplatesFilters(TypedDict, total=False):
    """The query parameters of ListTemplates a list method passes through as filters."""

    status: str | None
    template_type: str | None
    workspace_id: str | None
    workspace_ids: str | None


class ListToolsFilters(TypedDict, total=False):
    """The query parameters of ListTools a list method passes through as filters."""

    tool_type: str | None
    workspace_id: str | None
    workspace_ids: str | None


class ListWorkspacesFilters(TypedDict, total=False):
    """The query parameters of ListWorkspaces a list method passes through as filters."""

    name: str | None
    resource_group_id: str | None
