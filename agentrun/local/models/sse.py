"""Server-sent events as the gateway relays them: a byte stream cut into whole events, each forwarded as soon as its
blank line arrives (never the whole stream at once), with the key the gateway sent upstream scrubbed out."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any

DONE = "[DONE]"
DONE_EVENT = b"data: [DONE]\n\n"


@dataclass(frozen=True)
class Event:
    raw: bytes  # the event as received (line ends normalised to \n), blank line included
    data: str  # its `data:` lines joined with \n; "" for comments and keep-alives

    def json(self) -> Any:
        """The parsed data, or None when it is not JSON."""
        try:
            return json.loads(self.data)
        except ValueError:
            return None


def encode(payload: Any) -> bytes:
    return b"data: " + json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode() + b"\n\n"


def _parse(raw: bytes) -> Event:
    lines = [line[5:].removeprefix(b" ") for line in raw.split(b"\n") if line.startswith(b"data:")]
    return Event(raw, b"\n".join(lines).decode("utf-8", "replace"))


def scrub(data: bytes, secrets: Iterable[str]) -> bytes:
    """`data` with every occurrence of each secret replaced by `***`."""
    for secret in secrets:
        if secret:
            data = data.replace(secret.encode(), b"***")
    return data


def scrub_text(text: str, secrets: Iterable[str]) -> str:
    """`text` with every occurrence of each secret replaced by `***`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


async def events(chunks: AsyncIterator[bytes], secrets: tuple[str, ...] = ()) -> AsyncGenerator[Event]:
    """The events of a byte stream, each as soon as it is complete. Bytes after the last blank line (a stream cut
    short) are dropped: the caller notices the missing end."""
    buffer = b""
    try:
        async for chunk in chunks:
            buffer = (buffer + chunk).replace(b"\r\n", b"\n")
            while (end := buffer.find(b"\n\n")) >= 0:
                raw, buffer = buffer[: end + 2], buffer[end + 2 :]
                yield _parse(scrub(raw, secrets))
    finally:
        close = getattr(chunks, "aclose", None)
        if close is not None:
            await close()
