"""Large JSON answers (agentrun/local/data/json_answers.py): a small answer goes out whole, a large one piece by piece
in chunks; both are the same bytes, the compact UTF-8 JSON of the answer. `send` is a stand-in for the ASGI
server's: it keeps what it is given."""

from __future__ import annotations

import json
from typing import Any

from agentrun.local.data import json_answers


class _Sent:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def __call__(self, message: dict[str, Any]) -> None:
        self.messages.append(message)

    @property
    def body(self) -> bytes:
        return b"".join(message["body"] for message in self.messages)


def _answer(text: str) -> dict[str, Any]:
    return {
        "results": [{"type": "result", "text": text, "isMainResult": True}, {"type": "endOfExecution"}],
        "stdout": "héllo\n",
        "exitCode": 0,
        "error": None,
    }


def _compact(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


async def test_a_small_answer_is_sent_whole_in_one_message() -> None:
    send = _Sent()
    await json_answers.send_json(send, _answer("2"), split="results")
    assert len(send.messages) == 1 and send.messages[0]["more_body"] is False
    assert send.body == _compact(_answer("2"))


async def test_a_large_answer_is_sent_in_chunks_as_the_same_bytes() -> None:
    answer = _answer("x" * (3 * json_answers.BODY_CHUNK))
    send = _Sent()
    await json_answers.send_json(send, answer, split="results")
    assert len(send.messages) > 3 and send.messages[-1]["more_body"] is False
    assert all(len(message["body"]) <= json_answers.BODY_CHUNK for message in send.messages)
    assert send.body == _compact(answer)
