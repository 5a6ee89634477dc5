"""Adding streamed chunks up into a completion, and decoding stream events, on the shapes providers really send
(parallel tool calls interleaved, ids and names repeated in every piece, indexes left out, error events)."""

from __future__ import annotations

from typing import Any

import pytest
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun.model import ChatCompletionAccumulator
from agentrun.model.chunks import StreamFailure, chunks_from_completion, decode_event, parse_chunk
from agentrun.model.completions import parse_completion


def chunk(*deltas: dict[str, Any], finish: str | None = None, usage: Any = None, index: int = 0) -> Any:
    choices = [{"index": index, "delta": delta, "finish_reason": finish} for delta in deltas]
    return parse_chunk({"id": "c1", "model": "m", "created": 5, "choices": choices, "usage": usage})


def call(index: int | None, **fields: Any) -> dict[str, Any]:
    function = {k: fields.pop(k) for k in ("name", "arguments") if k in fields}
    piece = {"function": function, **fields}
    if index is not None:
        piece["index"] = index
    return {"tool_calls": [piece]}


def test_interleaved_parallel_tool_calls_merge_by_index() -> None:
    acc = ChatCompletionAccumulator()
    for piece in [
        chunk({"role": "assistant", "content": None}),
        chunk(call(0, id="a", type="function", name="weather", arguments="")),
        chunk(call(1, id="b", type="function", name="weather", arguments='{"city"')),
        chunk(call(0, arguments='{"city": "Paris"}')),
        chunk(call(1, arguments=': "Rome"}')),
        chunk({}, finish="tool_calls"),
        chunk(usage={"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}),
    ]:
        acc.add(piece)
    completion = acc.completion()
    assert [(c.id, c.function.name, c.arguments_json()) for c in completion.tool_calls] == [
        ("a", "weather", {"city": "Paris"}),
        ("b", "weather", {"city": "Rome"}),
    ]
    assert completion.message.content is None and completion.finish_reason == "tool_calls"
    assert completion.usage is not None and completion.usage.total_tokens == 7
    assert (completion.id, completion.model, completion.created, acc.chunks) == ("c1", "m", 5, 7)


def test_ids_and_names_repeated_in_every_piece_are_not_doubled() -> None:
    acc = ChatCompletionAccumulator()
    acc.add(chunk(call(0, id="a", name="run_code", arguments='{"code": ')))
    acc.add(chunk(call(0, id="a", name="run_code", arguments='"1"}')))
    [merged] = acc.completion().tool_calls
    assert (merged.id, merged.function.name, merged.function.arguments) == ("a", "run_code", '{"code": "1"}')


def test_pieces_without_an_index_count_by_position() -> None:
    acc = ChatCompletionAccumulator()
    acc.add(chunk(call(None, id="a", name="f", arguments="{}")))
    assert acc.completion().tool_calls[0].function.name == "f"


def test_text_reasoning_and_choices_are_joined_separately() -> None:
    acc = ChatCompletionAccumulator()
    acc.add(chunk({"reasoning_content": "think "}, index=0))
    acc.add(chunk({"reasoning_content": "more"}, index=0))
    acc.add(chunk({"content": "Hel"}, index=0))
    acc.add(chunk({"content": "B"}, index=1))
    acc.add(chunk({"content": "lo"}, finish="stop", index=0))
    first, second = acc.completion().choices
    assert (first.message.content, first.message.reasoning_content) == ("Hello", "think more")
    assert first.finish_reason == "stop"
    assert (second.index, second.message.content, second.finish_reason) == (1, "B", None)
    assert "reasoning_content" not in first.message.to_dict()  # providers reject it in input messages


def test_a_json_answer_replays_as_chunks_that_add_up_to_it() -> None:
    wire = {
        "id": "x",
        "model": "m",
        "created": 1,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{"id": "t", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
                },
                "finish_reason": "tool_calls",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
    }
    acc = ChatCompletionAccumulator()
    for piece in chunks_from_completion(wire):
        acc.add(piece)
    assert acc.completion() == parse_completion(wire)


def test_error_events_decode_to_failures() -> None:
    failure = decode_event(
        ServerSentEvent(data='{"error": {"message": "boom", "type": "upstream_error", "code": "upstream_timeout"}}')
    )
    assert failure == StreamFailure("boom", "upstream_timeout", "upstream_error")
    assert decode_event(ServerSentEvent(event="error", data='"overloaded"')) == StreamFailure("overloaded")
    assert decode_event(ServerSentEvent(data="not json")).code == "invalid_event"  # type: ignore[union-attr]


def test_a_field_of_the_wrong_kind_is_a_response_error_naming_it() -> None:
    with pytest.raises(errors.APIResponseError, match=r"a delta.s content"):
        parse_chunk({"choices": [{"delta": {"content": 5}}]})
    with pytest.raises(errors.APIResponseError, match="choices"):
        parse_completion({"choices": "nope"})


def test_the_upstreams_fingerprint_and_service_tier_are_read() -> None:
    answer = {"id": "c", "model": "m", "choices": [], "system_fingerprint": "fp_1", "service_tier": "default"}
    completion = parse_completion(answer)
    assert (completion.system_fingerprint, completion.service_tier) == ("fp_1", "default")
    chunk = parse_chunk({"id": "c", "model": "m", "choices": [], "system_fingerprint": "fp_2"})
    assert chunk.system_fingerprint == "fp_2"
    with pytest.raises(errors.APIResponseError, match="system_fingerprint"):
        parse_completion({**answer, "system_fingerprint": 7})
    accumulated = ChatCompletionAccumulator()
    accumulated.add(chunk)
    assert accumulated.completion().system_fingerprint == "fp_2"
