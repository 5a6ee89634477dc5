"""Item 2 of "One wire model from spec to user": the SDK's answer types for the data plane (ChatCompletion,
Execution, ...) are views on the spec's schemas, not a second model. Every property of the schema a type reads is
one of its fields (snake_case, or renamed as listed here); every property it does not read, and every field the
schema does not have, is listed with the reason. So a property added to openapi/data.yaml fails here until the
view reads it or says why not.

Why views rather than the generated attrs models: the views are frozen, use tuples and None (the generated models:
lists and UNSET), carry the helpers (`text`, `png`, `tool_calls`), and check each field's JSON type, naming the
field that does not fit (the generated `from_dict` casts without checking)."""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from agentrun.model.chunks import ChatCompletionChunk, ChunkChoice, Delta, ToolCallDelta
from agentrun.model.completions import AssistantMessage, ChatCompletion, Choice, FunctionCall, ToolCall, Usage
from agentrun.model.embeddings import Embedding, Embeddings, ModelInfo
from agentrun.model.usage_report import Concurrency, ModelUsage, UsageTally
from agentrun.sandbox.browser import Recording
from agentrun.sandbox.code import CodeContext
from agentrun.sandbox.commands import CommandResult, Exit, ProcessInfo
from agentrun.sandbox.execution import End, Execution, ExecutionError, Result, Stderr, Stdout
from agentrun.sandbox.files import EntryInfo
from agentrun.tool.functions import ToolFunction, ToolResult
from agentrun.tool.usage import ToolCallTally, ToolUsage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from codegen import bundle  # scripts/ is not a package

OBJECT = "a constant naming the kind of object (OpenAI's `object`), which the type already says"
TYPE = "the event's discriminator, which the type already says"
LOGPROBS = "log probabilities are not requested by the SDK's parameters (extra_body can; with_raw_response reads them)"
OUTPUT_STREAM = "run() and wait() add the output stream up (Stdout/Stderr events carry exact bytes and drops)"


@dataclass(frozen=True)
class View:
    cls: type
    schema: str
    renamed: dict[str, str] = field(default_factory=dict)  # wire property -> the field that holds it
    not_read: dict[str, str] = field(default_factory=dict)  # wire property -> why the view leaves it out
    derived: dict[str, str] = field(default_factory=dict)  # field the schema lacks -> where it comes from


VIEWS = [
    View(ChatCompletion, "ChatCompletion", not_read={"object": OBJECT}),
    View(Choice, "ChatCompletionChoice", not_read={"logprobs": LOGPROBS}),
    View(AssistantMessage, "ChatCompletionMessage"),
    View(ToolCall, "ChatToolCall"),
    View(FunctionCall, "ChatFunctionCall"),
    View(
        Usage, "CompletionUsage", renamed={"prompt_tokens_details": "details", "completion_tokens_details": "details"}
    ),
    View(ChatCompletionChunk, "ChatCompletionChunk", not_read={"object": OBJECT}),
    View(ChunkChoice, "ChatCompletionChunkChoice", not_read={"logprobs": LOGPROBS}),
    View(Delta, "ChatCompletionDelta"),
    View(
        ToolCallDelta,
        "ChatToolCallDelta",
        not_read={"function": "flattened into `name` and `arguments`"},
        derived={"name": "function.name", "arguments": "function.arguments"},
    ),
    View(Embedding, "Embedding", not_read={"object": OBJECT}),
    View(Embeddings, "EmbeddingResponse", not_read={"object": OBJECT}),
    View(ModelInfo, "Model", not_read={"object": OBJECT}),
    View(UsageTally, "ModelUsageTally"),
    View(Concurrency, "ModelConcurrency"),
    View(ModelUsage, "ModelUsageReport"),
    View(ToolCallTally, "ToolUsageTally"),
    View(ToolUsage, "ToolUsageReport"),
    View(CodeContext, "CodeContext"),
    View(
        Execution,
        "ExecutionResult",
        renamed={"stdout": "logs", "stderr": "logs"},
        not_read={
            "contextId": "the context is the one the call named (or a fresh one)",
            "exitCode": "code has no exit code: an exception is `error`, a timeout `status`",
        },
        derived={"status": "the end event (ExecutionEndEvent)", "duration_ms": "the end event (ExecutionEndEvent)"},
    ),
    View(ExecutionError, "ExecutionError"),
    View(Result, "ExecutionResultEvent", not_read={"type": TYPE}),
    View(End, "ExecutionEndEvent", not_read={"type": TYPE}),
    View(Stdout, "StdoutEvent", renamed={"base64": "data"}, not_read={"type": TYPE}),
    View(Stderr, "StderrEvent", renamed={"base64": "data"}, not_read={"type": TYPE}),
    View(Exit, "ProcessExitEvent", not_read={"type": TYPE}),
    View(ProcessInfo, "ProcessInfo"),
    View(
        CommandResult,
        "CommandResult",
        not_read={
            "result": "a server that nests the output there is read as stdout/stderr",
            "status": "exit_code says how it ended (None: stopped by its timeout, which run() raises)",
            "pid": "the command has ended; commands.start() gives a running process's pid",
            "durationMs": OUTPUT_STREAM,
            "stdoutBase64": OUTPUT_STREAM,
            "stderrBase64": OUTPUT_STREAM,
            "stdoutDropped": OUTPUT_STREAM,
            "stderrDropped": OUTPUT_STREAM,
        },
    ),
    View(EntryInfo, "FileEntry", renamed={"mtime": "modified_time"}),
    View(Recording, "Recording"),
    View(ToolFunction, "ToolFunction", derived={"tool": "the list's toolName (ToolFunctionList)"}),
    View(ToolResult, "ToolCallResult", derived={"is_error": "status: 4xx and 5xx answers of the tool's upstream"}),
]


SCHEMAS = bundle.bundled("data")["components"]["schemas"]


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: f"{view.cls.__name__}~{view.schema}")
def test_the_answer_type_reads_every_property_of_its_schema(view: View) -> None:
    properties = SCHEMAS[view.schema].get("properties") or {}
    stale = (set(view.renamed) | set(view.not_read)) - set(properties)
    assert not stale, f"{view.schema} has no property {sorted(stale)}: update the table"
    read = {view.renamed.get(name) or snake(name) for name in properties if name not in view.not_read}
    fields = {f.name for f in dataclasses.fields(view.cls)}
    assert fields - set(view.derived) == read, (
        f"{view.cls.__name__} and {view.schema} differ: the schema's {sorted(read - fields)} are not read, the "
        f"type's {sorted(fields - read - set(view.derived))} are not in the schema"
    )
    assert set(view.derived) <= fields


def test_every_answer_type_of_the_data_plane_is_listed() -> None:
    """A new frozen answer dataclass in these modules needs its row above."""
    import agentrun.model.chunks as chunks
    import agentrun.model.completions as completions
    import agentrun.model.embeddings as embeddings
    import agentrun.sandbox.commands as commands
    import agentrun.sandbox.execution as execution

    internal = {"Answer", "Output", "Logs", "StreamFailure", "_CallParts", "_ChoiceParts"}
    found = {
        name
        for module in (chunks, completions, embeddings, commands, execution)
        for name, value in vars(module).items()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == module.__name__
        and name not in internal
    }
    assert found - {view.cls.__name__ for view in VIEWS} == set()
