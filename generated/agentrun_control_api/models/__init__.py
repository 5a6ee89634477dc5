"""Contains all the data models used in inputs/outputs"""

from .activate_template_mcp_input import ActivateTemplateMCPInput
from .agent_runtime import AgentRuntime
from .agent_runtime_endpoint import AgentRuntimeEndpoint
from .agent_runtime_endpoint_result import AgentRuntimeEndpointResult
from .agent_runtime_result import AgentRuntimeResult
from .agent_runtime_version import AgentRuntimeVersion
from .agent_runtime_version_result import AgentRuntimeVersionResult
from .ai_guardrail_config import AiGuardrailConfig
from .arms_configuration import ArmsConfiguration
from .artifact_type import ArtifactType
from .bound_configuration import BoundConfiguration
from .bound_tool import BoundTool
from .bound_tool_api import BoundToolApi
from .code_configuration import CodeConfiguration
from .code_language import CodeLanguage
from .container_configuration import ContainerConfiguration
from .create_agent_runtime_endpoint_input import CreateAgentRuntimeEndpointInput
from .create_agent_runtime_input import CreateAgentRuntimeInput
from .create_credential_input import CreateCredentialInput
from .create_model_proxy_input import CreateModelProxyInput
from .create_model_service_input import CreateModelServiceInput
from .create_sandbox_input import CreateSandboxInput
from .create_template_input import CreateTemplateInput
from .create_tool_input_v2 import CreateToolInputV2
from .credential import Credential
from .credential_auth_type import CredentialAuthType
from .credential_configuration import CredentialConfiguration
from .credential_list_item import CredentialListItem
from .credential_public_config import CredentialPublicConfig
from .credential_public_config_auth_config import CredentialPublicConfigAuthConfig
from .credential_remote_config import CredentialRemoteConfig
from .credential_result import CredentialResult
from .credential_source_type import CredentialSourceType
from .credential_user import CredentialUser
from .delete_model_proxy_result import DeleteModelProxyResult
from .delete_model_service_result import DeleteModelServiceResult
from .delete_sandbox_result import DeleteSandboxResult
from .delete_template_result import DeleteTemplateResult
from .environment_variables import EnvironmentVariables
from .error_response import ErrorResponse
from .health_check_configuration import HealthCheckConfiguration
from .hook import Hook
from .hook_headers import HookHeaders
from .image_registry_type import ImageRegistryType
from .list_agent_runtime_endpoints_output import ListAgentRuntimeEndpointsOutput
from .list_agent_runtime_endpoints_result import ListAgentRuntimeEndpointsResult
from .list_agent_runtime_versions_output import ListAgentRuntimeVersionsOutput
from .list_agent_runtime_versions_result import ListAgentRuntimeVersionsResult
from .list_agent_runtimes_output import ListAgentRuntimesOutput
from .list_agent_runtimes_result import ListAgentRuntimesResult
from .list_credentials_output import ListCredentialsOutput
from .list_credentials_result import ListCredentialsResult
from .list_model_proxies_output import ListModelProxiesOutput
from .list_model_proxies_result import ListModelProxiesResult
from .list_model_services_output import ListModelServicesOutput
from .list_model_services_result import ListModelServicesResult
from .list_sandboxes_output import ListSandboxesOutput
from .list_sandboxes_result import ListSandboxesResult
from .list_templates_output import ListTemplatesOutput
from .list_templates_result import ListTemplatesResult
from .list_tools_output_v2 import ListToolsOutputV2
from .list_tools_result import ListToolsResult
from .list_workspaces_output import ListWorkspacesOutput
from .list_workspaces_result import ListWorkspacesResult
from .log_configuration import LogConfiguration
from .mcp_config import McpConfig
from .mcp_proxy_configuration import McpProxyConfiguration
from .mcp_session_affinity import McpSessionAffinity
from .model_features import ModelFeatures
from .model_info_config import ModelInfoConfig
from .model_parameter_rule import ModelParameterRule
from .model_properties import ModelProperties
from .model_proxy import ModelProxy
from .model_proxy_result import ModelProxyResult
from .model_service import ModelService
from .model_service_result import ModelServiceResult
from .nas_config import NASConfig
from .nas_mount_config import NASMountConfig
from .network_configuration import NetworkConfiguration
from .network_mode import NetworkMode
from .oss_configuration import OssConfiguration
from .oss_mount_config import OSSMountConfig
from .oss_mount_point import OSSMountPoint
from .oss_permission import OssPermission
from .polar_fs_config import PolarFsConfig
from .polar_fs_mount_config import PolarFsMountConfig
from .protocol_configuration import ProtocolConfiguration
from .protocol_settings import ProtocolSettings
from .protocol_type import ProtocolType
from .provider_settings import ProviderSettings
from .proxy_config import ProxyConfig
from .proxy_endpoint import ProxyEndpoint
from .proxy_fallback import ProxyFallback
from .proxy_mode import ProxyMode
from .proxy_policies import ProxyPolicies
from .publish_runtime_version_input import PublishRuntimeVersionInput
from .registry_auth_config import RegistryAuthConfig
from .registry_cert_config import RegistryCertConfig
from .registry_config import RegistryConfig
from .registry_network_config import RegistryNetworkConfig
from .related_resource import RelatedResource
from .resource_status import ResourceStatus
from .routing_configuration import RoutingConfiguration
from .sandbox import Sandbox
from .sandbox_metadata import SandboxMetadata
from .sandbox_result import SandboxResult
from .scaling_config import ScalingConfig
from .scaling_status import ScalingStatus
from .scheduled_policy import ScheduledPolicy
from .session_affinity_type import SessionAffinityType
from .stop_sandbox_result import StopSandboxResult
from .template import Template
from .template_configuration import TemplateConfiguration
from .template_mcp_options import TemplateMcpOptions
from .template_mcp_state import TemplateMcpState
from .template_result import TemplateResult
from .template_type import TemplateType
from .token_rate_limiter import TokenRateLimiter
from .tool import Tool
from .tool_create_method import ToolCreateMethod
from .tool_result import ToolResult
from .tool_type import ToolType
from .update_agent_runtime_endpoint_input import UpdateAgentRuntimeEndpointInput
from .update_agent_runtime_input import UpdateAgentRuntimeInput
from .update_credential_input import UpdateCredentialInput
from .update_model_proxy_input import UpdateModelProxyInput
from .update_model_service_input import UpdateModelServiceInput
from .update_template_input import UpdateTemplateInput
from .update_tool_input_v2 import UpdateToolInputV2
from .version_weight import VersionWeight
from .workspace import Workspace
from .workspace_result import WorkspaceResult

__all__ = (
    "ActivateTemplateMCPInput",
    "AgentRuntime",
    "AgentRuntimeEndpoint",
    "AgentRuntimeEndpointResult",
    "AgentRuntimeResult",
    "AgentRuntimeVersion",
    "AgentRuntimeVersionResult",
    "AiGuardrailConfig",
    "ArmsConfiguration",
    "ArtifactType",
    "BoundConfiguration",
    "BoundTool",
    "BoundToolApi",
    "CodeConfiguration",
    "CodeLanguage",
    "ContainerConfiguration",
    "CreateAgentRuntimeEndpointInput",
    "CreateAgentRuntimeInput",
    "CreateCredentialInput",
    "CreateModelProxyInput",
    "CreateModelServiceInput",
    "CreateSandboxInput",
    "CreateTemplateInput",
    "CreateToolInputV2",
    "Credential",
    "CredentialAuthType",
    "CredentialConfiguration",
    "CredentialListItem",
    "CredentialPublicConfig",
    "CredentialPublicConfigAuthConfig",
    "CredentialRemoteConfig",
    "CredentialResult",
    "CredentialSourceType",
    "CredentialUser",
    "DeleteModelProxyResult",
    "DeleteModelServiceResult",
    "DeleteSandboxResult",
    "DeleteTemplateResult",
    "EnvironmentVariables",
    "ErrorResponse",
    "HealthCheckConfiguration",
    "Hook",
    "HookHeaders",
    "ImageRegistryType",
    "ListAgentRuntimeEndpointsOutput",
    "ListAgentRuntimeEndpointsResult",
    "ListAgentRuntimesOutput",
    "ListAgentRuntimesResult",
    "ListAgentRuntimeVersionsOutput",
    "ListAgentRuntimeVersionsResult",
    "ListCredentialsOutput",
    "ListCredentialsResult",
    "ListModelProxiesOutput",
    "ListModelProxiesResult",
    "ListModelServicesOutput",
    "ListModelServicesResult",
    "ListSandboxesOutput",
    "ListSandboxesResult",
    "ListTemplatesOutput",
    "ListTemplatesResult",
    "ListToolsOutputV2",
    "ListToolsResult",
    "ListWorkspacesOutput",
    "ListWorkspacesResult",
    "LogConfiguration",
    "McpConfig",
    "McpProxyConfiguration",
    "McpSessionAffinity",
    "ModelFeatures",
    "ModelInfoConfig",
    "ModelParameterRule",
    "ModelProperties",
    "ModelProxy",
    "ModelProxyResult",
    "ModelService",
    "ModelServiceResult",
    "NASConfig",
    "NASMountConfig",
    "NetworkConfiguration",
    "NetworkMode",
    "OssConfiguration",
    "OSSMountConfig",
    "OSSMountPoint",
    "OssPermission",
    "PolarFsConfig",
    "PolarFsMountConfig",
    "ProtocolConfiguration",
    "ProtocolSettings",
    "ProtocolType",
    "ProviderSettings",
    "ProxyConfig",
    "ProxyEndpoint",
    "ProxyFallback",
    "ProxyMode",
    "ProxyPolicies",
    "PublishRuntimeVersionInput",
    "RegistryAuthConfig",
    "RegistryCertConfig",
    "RegistryConfig",
    "RegistryNetworkConfig",
    "RelatedResource",
    "ResourceStatus",
    "RoutingConfiguration",
    "Sandbox",
    "SandboxMetadata",
    "SandboxResult",
    "ScalingConfig",
    "ScalingStatus",
    "ScheduledPolicy",
    "SessionAffinityType",
    "StopSandboxResult",
    "Template",
    "TemplateConfiguration",
    "TemplateMcpOptions",
    "TemplateMcpState",
    "TemplateResult",
    "TemplateType",
    "TokenRateLimiter",
    "Tool",
    "ToolCreateMethod",
    "ToolResult",
    "ToolType",
    "UpdateAgentRuntimeEndpointInput",
    "UpdateAgentRuntimeInput",
    "UpdateCredentialInput",
    "UpdateModelProxyInput",
    "UpdateModelServiceInput",
    "UpdateTemplateInput",
    "UpdateToolInputV2",
    "VersionWeight",
    "Workspace",
    "WorkspaceResult",
)
