"""Model services (providers registered with AgentRun), model proxies (gateways in front of them), and calls to the
model gateway (`client.models`: chat completions, streams, embeddings) with their typed answers."""

from agentrun.model.chat_stream import ChatStream
from agentrun.model.chunks import ChatCompletionAccumulator, ChatCompletionChunk, ChunkChoice, Delta, ToolCallDelta
from agentrun.model.completions import AssistantMessage, ChatCompletion, Choice, FunctionCall, ToolCall, Usage
from agentrun.model.embeddings import Embedding, Embeddings, ModelInfo
from agentrun.model.gateway import Models
from agentrun.model.model_proxy import ModelProxies, ModelProxy
from agentrun.model.model_service import ModelService, ModelServices
from agentrun.model.usage_report import Concurrency, ModelUsage, UsageTally

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
