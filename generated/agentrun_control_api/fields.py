"""Keyword arguments of the SDK facade methods, generated from the input models (see scripts/codegen/fields.yaml)."""

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

    model_info_configs: Sequence[ModelInfoConfig | Mapping[str, Any]]
    network_configuration: NetworkConfiguration | Mapping[str, Any]
    workspace_id: str


class UpdateModelServiceMore(TypedDict, total=False):
    """The UpdateModelServiceInput fields a facade method passes through (it names the others itself)."""

    model_info_configs: Sequence[ModelInfoConfig | Mapping[str, Any]]
    network_configuration: NetworkConfiguration | Mapping[str, Any]
    status: ResourceStatus | str
    status_reason: str
    workspace_id: str


class CreateModelProxyMore(TypedDict, total=False):
    """The CreateModelProxyInput fields a facade method passes through (it names the others itself)."""

    arms_configuration: ArmsConfiguration | Mapping[str, Any]
    execution_role_arn: str
    litellm_version: str
    log_configuration: LogConfiguration | Mapping[str, Any]
    model_type: str
    network_configuration: NetworkConfiguration | Mapping[str, Any]
    service_region_id: str
    workspace_id: str


class UpdateModelProxyMore(TypedDict, total=False):
    """The UpdateModelProxyInput fields a facade method passes through (it names the others itself)."""

    arms_configuration: ArmsConfiguration | Mapping[str, Any]
    execution_role_arn: str
    log_configuration: LogConfiguration | Mapping[str, Any]
    network_configuration: NetworkConfiguration | Mapping[str, Any]
    workspace_id: str


class CreateTemplateMore(TypedDict, total=False):
    """The CreateTemplateInput fields a facade method passes through (it names the others itself)."""

    allow_anonymous_manage: bool
    arms_configuration: ArmsConfiguration | Mapping[str, Any]
    container_configuration: ContainerConfiguration | Mapping[str, Any]
    credential_configuration: CredentialConfiguration | Mapping[str, Any]
    enable_agent: bool
    enable_pre_stop: bool
    execution_role_arn: str
    log_configuration: LogConfiguration | Mapping[str, Any]
    nas_config: NASConfig | Mapping[str, Any]
    oss_configuration: Sequence[OssConfiguration | Mapping[str, Any]]
    pre_stop_timeout_in_seconds: int
    scaling_config: ScalingConfig | Mapping[str, Any]
    template_configuration: TemplateConfiguration | Mapping[str, Any]
    workspace_id: str


class UpdateTemplateMore(TypedDict, total=False):
    """The UpdateTemplateInput fields a facade method passes through (it names the others itself)."""

    allow_anonymous_manage: bool
    arms_configuration: ArmsConfiguration | Mapping[str, Any]
    container_configuration: ContainerConfiguration | Mapping[str, Any]
    credential_configuration: CredentialConfiguration | Mapping[str, Any]
    enable_agent: bool
    enable_pre_stop: bool
    execution_role_arn: str
    log_configuration: LogConfiguration | Mapping[str, Any]
    nas_config: NASConfig | Mapping[str, Any]
    oss_configuration: Sequence[OssConfiguration | Mapping[str, Any]]
    pre_stop_timeout_in_seconds: int
    scaling_config: ScalingConfig | Mapping[str, Any]
    template_configuration: TemplateConfiguration | Mapping[str, Any]
    workspace_id: str


class CreateAgentRuntimeMore(TypedDict, total=False):
    """The CreateAgentRuntimeInput fields a facade method passes through (it names the others itself)."""

    arms_configuration: ArmsConfiguration | Mapping[str, Any]
    credential_id: str
    disable_ondemand: bool
    disable_session_affinity: bool
    disk_size: int
    edition: str
    enable_session_isolation: bool
    execution_role_arn: str
    external_agent_endpoint_url: str
    header_field_name: str
    health_check_configuration: HealthCheckConfiguration | Mapping[str, Any]
    log_configuration: LogConfiguration | Mapping[str, Any]
    nas_config: NASConfig | Mapping[str, Any]
    oss_mount_config: OSSMountConfig | Mapping[str, Any]
    protocol_configuration: ProtocolConfiguration | Mapping[str, Any]
    resource_group_id: str
    session_affinity_type: SessionAffinityType | str
    session_concurrency_limit_per_instance: int
    session_idle_timeout_seconds: int
    system_tags: Sequence[str]


class UpdateAgentRuntimeMore(TypedDict, total=False):
    """The UpdateAgentRuntimeInput fields a facade method passes through (it names the others itself)."""

    agent_runtime_name: str
    arms_configuration: ArmsConfiguration | Mapping[str, Any]
    disable_ondemand: bool
    disable_session_affinity: bool
    disk_size: int
    edition: str
    enable_session_isolation: bool
    execution_role_arn: str
    external_agent_endpoint_url: str
    force_evict_instances: bool
    header_field_name: str
    health_check_configuration: HealthCheckConfiguration | Mapping[str, Any]
    log_configuration: LogConfiguration | Mapping[str, Any]
    nas_config: NASConfig | Mapping[str, Any]
    oss_mount_config: OSSMountConfig | Mapping[str, Any]
    protocol_configuration: ProtocolConfiguration | Mapping[str, Any]
    session_affinity_type: SessionAffinityType | str
    session_concurrency_limit_per_instance: int
    session_idle_timeout_seconds: int
    system_tags: Sequence[str]
    workspace_id: str


class CreateAgentRuntimeEndpointMore(TypedDict, total=False):
    """The CreateAgentRuntimeEndpointInput fields a facade method passes through (it names the others itself)."""

    disable_public_network_access: bool
    routing_configuration: RoutingConfiguration | Mapping[str, Any]
    scaling_config: ScalingConfig | Mapping[str, Any]


class UpdateAgentRuntimeEndpointMore(TypedDict, total=False):
    """The UpdateAgentRuntimeEndpointInput fields a facade method passes through (it names the others itself)."""

    agent_runtime_endpoint_name: str
    delete_scaling_config: bool
    disable_public_network_access: bool
    routing_configuration: RoutingConfiguration | Mapping[str, Any]
    scaling_config: ScalingConfig | Mapping[str, Any]


class CreateToolMore(TypedDict, total=False):
    """The CreateToolInputV2 fields a facade method passes through (it names the others itself)."""

    artifact_type: ArtifactType | str
    code_configuration: CodeConfiguration | Mapping[str, Any]
    container_configuration: ContainerConfiguration | Mapping[str, Any]
    cpu: float
    environment_variables: EnvironmentVariables | Mapping[str, Any]
    execution_role_arn: str
    log_configuration: LogConfiguration | Mapping[str, Any]
    memory: int
    nas_config: NASConfig | Mapping[str, Any]
    network_configuration: NetworkConfiguration | Mapping[str, Any]
    oss_mount_config: OSSMountConfig | Mapping[str, Any]
    port: int
    timeout: int
    workspace_id: str


class UpdateToolMore(TypedDict, total=False):
    """The UpdateToolInputV2 fields a facade method passes through (it names the others itself)."""

    artifact_type: ArtifactType | str
    code_configuration: CodeConfiguration | Mapping[str, Any]
    container_configuration: ContainerConfiguration | Mapping[str, Any]
    cpu: float
    create_method: ToolCreateMethod | str
    environment_variables: EnvironmentVariables | Mapping[str, Any]
    execution_role_arn: str
    log_configuration: LogConfiguration | Mapping[str, Any]
    memory: int
    nas_config: NASConfig | Mapping[str, Any]
    network_configuration: NetworkConfiguration | Mapping[str, Any]
    oss_mount_config: OSSMountConfig | Mapping[str, Any]
    port: int
    timeout: int
    workspace_id: str
