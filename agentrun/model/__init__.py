"""Model services (providers registered with AgentRun), model proxies (gateways in front of them), and calls to the
model gateway (`client.models`: chat completions, streams, embeddings) with their typed answers."""

from typing import TYPE_CHECKING

from agentrun._core.lazy import lazy_exports

if TYPE_CHECKING:
    from agentrun.model.chat_stream import ChatStream
    from agentrun.model.chunks import ChatCompletionAccumulator, ChatCompletionChunk, ChunkChoice, Delta, ToolCallDelta
    from agentrun.model.completions import AssistantMessage, ChatCompletion, Choice, FunctionCall, ToolCall, Usage
    from agentrun.model.embeddings import Embedding, Embeddings, ModelInfo
    from agentrun.model.gateway import Models
    from agentrun.model.model_proxy import ModelProxies, ModelProxy
    from agentrun.model.model_service import ModelService, ModelServices
    from agentrun.model.usage_report import Concurrency, ModelUsage, UsageTally

# Names are imported on first use: the managers (model_service, model_proxy) do not need the gateway's modules.
_EXPORTS = {
    "ChatStream": "chat_stream",
    "ChatCompletionAccumulator": "chunks",
    "ChatCompletionChunk": "chunks",
    "ChunkChoice": "chunks",
    "Delta": "chunks",
    "ToolCallDelta": "chunks",
    "AssistantMessage": "completions",
    "ChatCompletion": "completions",
    "Choice": "completions",
    "FunctionCall": "completions",
    "ToolCall": "completions",
    "Usage": "completions",
    "Embedding": "embeddings",
    "Embeddings": "embeddings",
    "ModelInfo": "embeddings",
    "Models": "gateway",
    "ModelProxies": "model_proxy",
    "ModelProxy": "model_proxy",
    "ModelService": "model_service",
    "ModelServices": "model_service",
    "Concurrency": "usage_report",
    "ModelUsage": "usage_report",
    "UsageTally": "usage_report",
}

__all__ = [
    "AssistantMessage",
    "ChatCompletion",
    "ChatCompletionAccumulator",
    "ChatCompletionChunk",
    "ChatStream",
    "Choice",
    "ChunkChoice",
    "Concurrency",
    "Delta",
    "Embedding",
    "Embeddings",
    "FunctionCall",
    "ModelInfo",
    "ModelProxies",
    "ModelProxy",
    "ModelService",
    "ModelServices",
    "ModelUsage",
    "Models",
    "ToolCall",
    "ToolCallDelta",
    "Usage",
    "UsageTally",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
