"""Contains all the data models used in inputs/outputs; each loads on first use"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ag_ui_event import AgUiEvent
    from .ag_ui_run_agent_input import AgUiRunAgentInput
    from .agent_runtime_instance import AgentRuntimeInstance
    from .agent_runtime_instance_log import AgentRuntimeInstanceLog
    from .agent_runtime_instance_status import AgentRuntimeInstanceStatus
    from .agent_runtime_log_event import AgentRuntimeLogEvent
    from .agent_runtime_log_event_status import AgentRuntimeLogEventStatus
    from .agent_runtime_log_event_type import AgentRuntimeLogEventType
    from .agent_runtime_logs import AgentRuntimeLogs
    from .chat_completion import ChatCompletion
    from .chat_completion_choice import ChatCompletionChoice
    from .chat_completion_chunk import ChatCompletionChunk
    from .chat_completion_chunk_choice import ChatCompletionChunkChoice
    from .chat_completion_delta import ChatCompletionDelta
    from .chat_completion_message import ChatCompletionMessage
    from .chat_completion_request import ChatCompletionRequest
    from .chat_content_part import ChatContentPart
    from .chat_finish_reason import ChatFinishReason
    from .chat_function_call import ChatFunctionCall
    from .chat_image_url import ChatImageUrl
    from .chat_message import ChatMessage
    from .chat_named_tool_choice import ChatNamedToolChoice
    from .chat_named_tool_choice_function import ChatNamedToolChoiceFunction
    from .chat_response_format import ChatResponseFormat
    from .chat_role import ChatRole
    from .chat_stream_options import ChatStreamOptions
    from .chat_tool import ChatTool
    from .chat_tool_call import ChatToolCall
    from .chat_tool_call_delta import ChatToolCallDelta
    from .code_context import CodeContext
    from .command_output import CommandOutput
    from .command_result import CommandResult
    from .command_status import CommandStatus
    from .completion_tokens_details import CompletionTokensDetails
    from .completion_usage import CompletionUsage
    from .context_language import ContextLanguage
    from .create_context_input import CreateContextInput
    from .create_sandbox_input import CreateSandboxInput
    from .embedding import Embedding
    from .embedding_encoding_format import EmbeddingEncodingFormat
    from .embedding_request import EmbeddingRequest
    from .embedding_response import EmbeddingResponse
    from .embedding_usage import EmbeddingUsage
    from .env_vars import EnvVars
    from .error_response import ErrorResponse
    from .execute_code_input import ExecuteCodeInput
    from .execution_end_event import ExecutionEndEvent
    from .execution_error import ExecutionError
    from .execution_error_event import ExecutionErrorEvent
    from .execution_output import ExecutionOutput
    from .execution_output_type import ExecutionOutputType
    from .execution_result import ExecutionResult
    from .execution_result_event import ExecutionResultEvent
    from .execution_status import ExecutionStatus
    from .file_content import FileContent
    from .file_entry import FileEntry
    from .file_listing import FileListing
    from .file_operation_result import FileOperationResult
    from .file_type import FileType
    from .function_definition import FunctionDefinition
    from .json_object import JsonObject
    from .json_rpc_error import JsonRpcError
    from .json_rpc_message import JsonRpcMessage
    from .make_directory_input import MakeDirectoryInput
    from .mime_bundle import MimeBundle
    from .model import Model
    from .model_concurrency import ModelConcurrency
    from .model_list import ModelList
    from .model_usage_report import ModelUsageReport
    from .model_usage_report_by_credential import ModelUsageReportByCredential
    from .model_usage_report_by_model import ModelUsageReportByModel
    from .model_usage_report_by_proxy import ModelUsageReportByProxy
    from .model_usage_report_by_service import ModelUsageReportByService
    from .model_usage_tally import ModelUsageTally
    from .move_path_input import MovePathInput
    from .nas_config import NASConfig
    from .nas_mount_config import NASMountConfig
    from .open_ai_error import OpenAIError
    from .open_ai_error_response import OpenAIErrorResponse
    from .operation_result import OperationResult
    from .oss_mount_config import OSSMountConfig
    from .oss_mount_point import OSSMountPoint
    from .polar_fs_config import PolarFsConfig
    from .polar_fs_mount_config import PolarFsMountConfig
    from .process_exit_event import ProcessExitEvent
    from .process_info import ProcessInfo
    from .process_status import ProcessStatus
    from .process_stdin_input import ProcessStdinInput
    from .process_stdin_input_encoding import ProcessStdinInputEncoding
    from .prompt_tokens_details import PromptTokensDetails
    from .read_file_encoding import ReadFileEncoding
    from .recording import Recording
    from .recording_list import RecordingList
    from .remove_path_input import RemovePathInput
    from .run_command_input import RunCommandInput
    from .sandbox import Sandbox
    from .sandbox_health import SandboxHealth
    from .sandbox_metadata import SandboxMetadata
    from .sandbox_result import SandboxResult
    from .start_process_input import StartProcessInput
    from .stderr_event import StderrEvent
    from .stdout_event import StdoutEvent
    from .stream_process_output_response_200 import StreamProcessOutputResponse200
    from .tool_call_result import ToolCallResult
    from .tool_choice_mode import ToolChoiceMode
    from .tool_error_response import ToolErrorResponse
    from .tool_function import ToolFunction
    from .tool_function_input_schema import ToolFunctionInputSchema
    from .tool_function_list import ToolFunctionList
    from .tool_invocation import ToolInvocation
    from .tool_invocation_arguments import ToolInvocationArguments
    from .tool_usage_report import ToolUsageReport
    from .tool_usage_report_by_credential import ToolUsageReportByCredential
    from .tool_usage_report_by_tool import ToolUsageReportByTool
    from .tool_usage_tally import ToolUsageTally
    from .upload_file_input import UploadFileInput
    from .write_file_input import WriteFileInput

_MODULES = {
    "AgUiEvent": ".ag_ui_event",
    "AgUiRunAgentInput": ".ag_ui_run_agent_input",
    "AgentRuntimeInstance": ".agent_runtime_instance",
    "AgentRuntimeInstanceLog": ".agent_runtime_instance_log",
    "AgentRuntimeInstanceStatus": ".agent_runtime_instance_status",
    "AgentRuntimeLogEvent": ".agent_runtime_log_event",
    "AgentRuntimeLogEventStatus": ".agent_runtime_log_event_status",
    "AgentRuntimeLogEventType": ".agent_runtime_log_event_type",
    "AgentRuntimeLogs": ".agent_runtime_logs",
    "ChatCompletion": ".chat_completion",
    "ChatCompletionChoice": ".chat_completion_choice",
    "ChatCompletionChunk": ".chat_completion_chunk",
    "ChatCompletionChunkChoice": ".chat_completion_chunk_choice",
    "ChatCompletionDelta": ".chat_completion_delta",
    "ChatCompletionMessage": ".chat_completion_message",
    "ChatCompletionRequest": ".chat_completion_request",
    "ChatContentPart": ".chat_content_part",
    "ChatFinishReason": ".chat_finish_reason",
    "ChatFunctionCall": ".chat_function_call",
    "ChatImageUrl": ".chat_image_url",
    "ChatMessage": ".chat_message",
    "ChatNamedToolChoice": ".chat_named_tool_choice",
    "ChatNamedToolChoiceFunction": ".chat_named_tool_choice_function",
    "ChatResponseFormat": ".chat_response_format",
    "ChatRole": ".chat_role",
    "ChatStreamOptions": ".chat_stream_options",
    "ChatTool": ".chat_tool",
    "ChatToolCall": ".chat_tool_call",
    "ChatToolCallDelta": ".chat_tool_call_delta",
    "CodeContext": ".code_context",
    "CommandOutput": ".command_output",
    "CommandResult": ".command_result",
    "CommandStatus": ".command_status",
    "CompletionTokensDetails": ".completion_tokens_details",
    "CompletionUsage": ".completion_usage",
    "ContextLanguage": ".context_language",
    "CreateContextInput": ".create_context_input",
    "CreateSandboxInput": ".create_sandbox_input",
    "Embedding": ".embedding",
    "EmbeddingEncodingFormat": ".embedding_encoding_format",
    "EmbeddingRequest": ".embedding_request",
    "EmbeddingResponse": ".embedding_response",
    "EmbeddingUsage": ".embedding_usage",
    "EnvVars": ".env_vars",
    "ErrorResponse": ".error_response",
    "ExecuteCodeInput": ".execute_code_input",
    "ExecutionEndEvent": ".execution_end_event",
    "ExecutionError": ".execution_error",
    "ExecutionErrorEvent": ".execution_error_event",
    "ExecutionOutput": ".execution_output",
    "ExecutionOutputType": ".execution_output_type",
    "ExecutionResult": ".execution_result",
    "ExecutionResultEvent": ".execution_result_event",
    "ExecutionStatus": ".execution_status",
    "FileContent": ".file_content",
    "FileEntry": ".file_entry",
    "FileListing": ".file_listing",
    "FileOperationResult": ".file_operation_result",
    "FileType": ".file_type",
    "FunctionDefinition": ".function_definition",
    "JsonObject": ".json_object",
    "JsonRpcError": ".json_rpc_error",
    "JsonRpcMessage": ".json_rpc_message",
    "MakeDirectoryInput": ".make_directory_input",
    "MimeBundle": ".mime_bundle",
    "Model": ".model",
    "ModelConcurrency": ".model_concurrency",
    "ModelList": ".model_list",
    "ModelUsageReport": ".model_usage_report",
    "ModelUsageReportByCredential": ".model_usage_report_by_credential",
    "ModelUsageReportByModel": ".model_usage_report_by_model",
    "ModelUsageReportByProxy": ".model_usage_report_by_proxy",
    "ModelUsageReportByService": ".model_usage_report_by_service",
    "ModelUsageTally": ".model_usage_tally",
    "MovePathInput": ".move_path_input",
    "NASConfig": ".nas_config",
    "NASMountConfig": ".nas_mount_config",
    "OpenAIError": ".open_ai_error",
    "OpenAIErrorResponse": ".open_ai_error_response",
    "OperationResult": ".operation_result",
    "OSSMountConfig": ".oss_mount_config",
    "OSSMountPoint": ".oss_mount_point",
    "PolarFsConfig": ".polar_fs_config",
    "PolarFsMountConfig": ".polar_fs_mount_config",
    "ProcessExitEvent": ".process_exit_event",
    "ProcessInfo": ".process_info",
    "ProcessStatus": ".process_status",
    "ProcessStdinInput": ".process_stdin_input",
    "ProcessStdinInputEncoding": ".process_stdin_input_encoding",
    "PromptTokensDetails": ".prompt_tokens_details",
    "ReadFileEncoding": ".read_file_encoding",
    "Recording": ".recording",
    "RecordingList": ".recording_list",
    "RemovePathInput": ".remove_path_input",
    "RunCommandInput": ".run_command_input",
    "Sandbox": ".sandbox",
    "SandboxHealth": ".sandbox_health",
    "SandboxMetadata": ".sandbox_metadata",
    "SandboxResult": ".sandbox_result",
    "StartProcessInput": ".start_process_input",
    "StderrEvent": ".stderr_event",
    "StdoutEvent": ".stdout_event",
    "StreamProcessOutputResponse200": ".stream_process_output_response_200",
    "ToolCallResult": ".tool_call_result",
    "ToolChoiceMode": ".tool_choice_mode",
    "ToolErrorResponse": ".tool_error_response",
    "ToolFunction": ".tool_function",
    "ToolFunctionInputSchema": ".tool_function_input_schema",
    "ToolFunctionList": ".tool_function_list",
    "ToolInvocation": ".tool_invocation",
    "ToolInvocationArguments": ".tool_invocation_arguments",
    "ToolUsageReport": ".tool_usage_report",
    "ToolUsageReportByCredential": ".tool_usage_report_by_credential",
    "ToolUsageReportByTool": ".tool_usage_report_by_tool",
    "ToolUsageTally": ".tool_usage_tally",
    "UploadFileInput": ".upload_file_input",
    "WriteFileInput": ".write_file_input",
}

__all__ = (
    "AgentRuntimeInstance",
    "AgentRuntimeInstanceLog",
    "AgentRuntimeInstanceStatus",
    "AgentRuntimeLogEvent",
    "AgentRuntimeLogEventStatus",
    "AgentRuntimeLogEventType",
    "AgentRuntimeLogs",
    "AgUiEvent",
    "AgUiRunAgentInput",
    "ChatCompletion",
    "ChatCompletionChoice",
    "ChatCompletionChunk",
    "ChatCompletionChunkChoice",
    "ChatCompletionDelta",
    "ChatCompletionMessage",
    "ChatCompletionRequest",
    "ChatContentPart",
    "ChatFinishReason",
    "ChatFunctionCall",
    "ChatImageUrl",
    "ChatMessage",
    "ChatNamedToolChoice",
    "ChatNamedToolChoiceFunction",
    "ChatResponseFormat",
    "ChatRole",
    "ChatStreamOptions",
    "ChatTool",
    "ChatToolCall",
    "ChatToolCallDelta",
    "CodeContext",
    "CommandOutput",
    "CommandResult",
    "CommandStatus",
    "CompletionTokensDetails",
    "CompletionUsage",
    "ContextLanguage",
    "CreateContextInput",
    "CreateSandboxInput",
    "Embedding",
    "EmbeddingEncodingFormat",
    "EmbeddingRequest",
    "EmbeddingResponse",
    "EmbeddingUsage",
    "EnvVars",
    "ErrorResponse",
    "ExecuteCodeInput",
    "ExecutionEndEvent",
    "ExecutionError",
    "ExecutionErrorEvent",
    "ExecutionOutput",
    "ExecutionOutputType",
    "ExecutionResult",
    "ExecutionResultEvent",
    "ExecutionStatus",
    "FileContent",
    "FileEntry",
    "FileListing",
    "FileOperationResult",
    "FileType",
    "FunctionDefinition",
    "JsonObject",
    "JsonRpcError",
    "JsonRpcMessage",
    "MakeDirectoryInput",
    "MimeBundle",
    "Model",
    "ModelConcurrency",
    "ModelList",
    "ModelUsageReport",
    "ModelUsageReportByCredential",
    "ModelUsageReportByModel",
    "ModelUsageReportByProxy",
    "ModelUsageReportByService",
    "ModelUsageTally",
    "MovePathInput",
    "NASConfig",
    "NASMountConfig",
    "OpenAIError",
    "OpenAIErrorResponse",
    "OperationResult",
    "OSSMountConfig",
    "OSSMountPoint",
    "PolarFsConfig",
    "PolarFsMountConfig",
    "ProcessExitEvent",
    "ProcessInfo",
    "ProcessStatus",
    "ProcessStdinInput",
    "ProcessStdinInputEncoding",
    "PromptTokensDetails",
    "ReadFileEncoding",
    "Recording",
    "RecordingList",
    "RemovePathInput",
    "RunCommandInput",
    "Sandbox",
    "SandboxHealth",
    "SandboxMetadata",
    "SandboxResult",
    "StartProcessInput",
    "StderrEvent",
    "StdoutEvent",
    "StreamProcessOutputResponse200",
    "ToolCallResult",
    "ToolChoiceMode",
    "ToolErrorResponse",
    "ToolFunction",
    "ToolFunctionInputSchema",
    "ToolFunctionList",
    "ToolInvocation",
    "ToolInvocationArguments",
    "ToolUsageReport",
    "ToolUsageReportByCredential",
    "ToolUsageReportByTool",
    "ToolUsageTally",
    "UploadFileInput",
    "WriteFileInput",
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
