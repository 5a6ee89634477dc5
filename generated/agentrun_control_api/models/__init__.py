"""Contains all the data models used in inputs/outputs; each loads on first use"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from .provider_settings_token_prices import ProviderSettingsTokenPrices
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
    from .token_price import TokenPrice
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

_MODULES = {
    "ActivateTemplateMCPInput": ".activate_template_mcp_input",
    "AgentRuntime": ".agent_runtime",
    "AgentRuntimeEndpoint": ".agent_runtime_endpoint",
    "AgentRuntimeEndpointResult": ".agent_runtime_endpoint_result",
    "AgentRuntimeResult": ".agent_runtime_result",
    "AgentRuntimeVersion": ".agent_runtime_version",
    "AgentRuntimeVersionResult": ".agent_runtime_version_result",
    "AiGuardrailConfig": ".ai_guardrail_config",
    "ArmsConfiguration": ".arms_configuration",
    "ArtifactType": ".artifact_type",
    "BoundConfiguration": ".bound_configuration",
    "BoundTool": ".bound_tool",
    "BoundToolApi": ".bound_tool_api",
    "CodeConfiguration": ".code_configuration",
    "CodeLanguage": ".code_language",
    "ContainerConfiguration": ".container_configuration",
    "CreateAgentRuntimeEndpointInput": ".create_agent_runtime_endpoint_input",
    "CreateAgentRuntimeInput": ".create_agent_runtime_input",
    "CreateCredentialInput": ".create_credential_input",
    "CreateModelProxyInput": ".create_model_proxy_input",
    "CreateModelServiceInput": ".create_model_service_input",
    "CreateSandboxInput": ".create_sandbox_input",
    "CreateTemplateInput": ".create_template_input",
    "CreateToolInputV2": ".create_tool_input_v2",
    "Credential": ".credential",
    "CredentialAuthType": ".credential_auth_type",
    "CredentialConfiguration": ".credential_configuration",
    "CredentialListItem": ".credential_list_item",
    "CredentialPublicConfig": ".credential_public_config",
    "CredentialPublicConfigAuthConfig": ".credential_public_config_auth_config",
    "CredentialRemoteConfig": ".credential_remote_config",
    "CredentialResult": ".credential_result",
    "CredentialSourceType": ".credential_source_type",
    "CredentialUser": ".credential_user",
    "DeleteModelProxyResult": ".delete_model_proxy_result",
    "DeleteModelServiceResult": ".delete_model_service_result",
    "DeleteSandboxResult": ".delete_sandbox_result",
    "DeleteTemplateResult": ".delete_template_result",
    "EnvironmentVariables": ".environment_variables",
    "ErrorResponse": ".error_response",
    "HealthCheckConfiguration": ".health_check_configuration",
    "Hook": ".hook",
    "HookHeaders": ".hook_headers",
    "ImageRegistryType": ".image_registry_type",
    "ListAgentRuntimeEndpointsOutput": ".list_agent_runtime_endpoints_output",
    "ListAgentRuntimeEndpointsResult": ".list_agent_runtime_endpoints_result",
    "ListAgentRuntimeVersionsOutput": ".list_agent_runtime_versions_output",
    "ListAgentRuntimeVersionsResult": ".list_agent_runtime_versions_result",
    "ListAgentRuntimesOutput": ".list_agent_runtimes_output",
    "ListAgentRuntimesResult": ".list_agent_runtimes_result",
    "ListCredentialsOutput": ".list_credentials_output",
    "ListCredentialsResult": ".list_credentials_result",
    "ListModelProxiesOutput": ".list_model_proxies_output",
    "ListModelProxiesResult": ".list_model_proxies_result",
    "ListModelServicesOutput": ".list_model_services_output",
    "ListModelServicesResult": ".list_model_services_result",
    "ListSandboxesOutput": ".list_sandboxes_output",
    "ListSandboxesResult": ".list_sandboxes_result",
    "ListTemplatesOutput": ".list_templates_output",
    "ListTemplatesResult": ".list_templates_result",
    "ListToolsOutputV2": ".list_tools_output_v2",
    "ListToolsResult": ".list_tools_result",
    "ListWorkspacesOutput": ".list_workspaces_output",
    "ListWorkspacesResult": ".list_workspaces_result",
    "LogConfiguration": ".log_configuration",
    "McpConfig": ".mcp_config",
    "McpProxyConfiguration": ".mcp_proxy_configuration",
    "McpSessionAffinity": ".mcp_session_affinity",
    "ModelFeatures": ".model_features",
    "ModelInfoConfig": ".model_info_config",
    "ModelParameterRule": ".model_parameter_rule",
    "ModelProperties": ".model_properties",
    "ModelProxy": ".model_proxy",
    "ModelProxyResult": ".model_proxy_result",
    "ModelService": ".model_service",
    "ModelServiceResult": ".model_service_result",
    "NASConfig": ".nas_config",
    "NASMountConfig": ".nas_mount_config",
    "NetworkConfiguration": ".network_configuration",
    "NetworkMode": ".network_mode",
    "OssConfiguration": ".oss_configuration",
    "OSSMountConfig": ".oss_mount_config",
    "OSSMountPoint": ".oss_mount_point",
    "OssPermission": ".oss_permission",
    "PolarFsConfig": ".polar_fs_config",
    "PolarFsMountConfig": ".polar_fs_mount_config",
    "ProtocolConfiguration": ".protocol_configuration",
    "ProtocolSettings": ".protocol_settings",
    "ProtocolType": ".protocol_type",
    "ProviderSettings": ".provider_settings",
    "ProviderSettingsTokenPrices": ".provider_settings_token_prices",
    "ProxyConfig": ".proxy_config",
    "ProxyEndpoint": ".proxy_endpoint",
    "ProxyFallback": ".proxy_fallback",
    "ProxyMode": ".proxy_mode",
    "ProxyPolicies": ".proxy_policies",
    "PublishRuntimeVersionInput": ".publish_runtime_version_input",
    "RegistryAuthConfig": ".registry_auth_config",
    "RegistryCertConfig": ".registry_cert_config",
    "RegistryConfig": ".registry_config",
    "RegistryNetworkConfig": ".registry_network_config",
    "RelatedResource": ".related_resource",
    "ResourceStatus": ".resource_status",
    "RoutingConfiguration": ".routing_configuration",
    "Sandbox": ".sandbox",
    "SandboxMetadata": ".sandbox_metadata",
    "SandboxResult": ".sandbox_result",
    "ScalingConfig": ".scaling_config",
    "ScalingStatus": ".scaling_status",
    "ScheduledPolicy": ".scheduled_policy",
    "SessionAffinityType": ".session_affinity_type",
    "StopSandboxResult": ".stop_sandbox_result",
    "Template": ".template",
    "TemplateConfiguration": ".template_configuration",
    "TemplateMcpOptions": ".template_mcp_options",
    "TemplateMcpState": ".template_mcp_state",
    "TemplateResult": ".template_result",
    "TemplateType": ".template_type",
    "TokenPrice": ".token_price",
    "TokenRateLimiter": ".token_rate_limiter",
    "Tool": ".tool",
    "ToolCreateMethod": ".tool_create_method",
    "ToolResult": ".tool_result",
    "ToolType": ".tool_type",
    "UpdateAgentRuntimeEndpointInput": ".update_agent_runtime_endpoint_input",
    "UpdateAgentRuntimeInput": ".update_agent_runtime_input",
    "UpdateCredentialInput": ".update_credential_input",
    "UpdateModelProxyInput": ".update_model_proxy_input",
    "UpdateModelServiceInput": ".update_model_service_input",
    "UpdateTemplateInput": ".update_template_input",
    "UpdateToolInputV2": ".update_tool_input_v2",
    "VersionWeight": ".version_weight",
    "Workspace": ".workspace",
    "WorkspaceResult": ".workspace_result",
}

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
    "ProviderSettingsTokenPrices",
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
    "TokenPrice",
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


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
