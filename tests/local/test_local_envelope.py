"""The cached read's answer (responses.envelope_raw) sends exactly what Starlette's Response with the same body,
media type and request-id header sends: the same head, in the same order, and the same body."""

from __future__ import annotations

from starlette.responses import Response
from starlette.types import Message

from agentrun.local.responses import REQUEST_ID_HEADER, _RawEnvelope


async def _messages(response: Response) -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await response({"type": "http", "method": "GET"}, receive, send)
    return sent


async def test_the_raw_envelope_is_starlette_s_response_byte_for_byte() -> None:
    body = '{"code":"SUCCESS","requestId":"3F2504E0-4F89-41D3-9A0C-0305E82C3301","data":{"ü":1}}'.encode()
    rid = "3F2504E0-4F89-41D3-9A0C-0305E82C3301"
    expected = Response(body, media_type="application/json", headers={REQUEST_ID_HEADER: rid})
    assert await _messages(_RawEnvelope(body, rid)) == await _messages(expected)
