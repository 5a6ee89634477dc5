"""Secrets scrubbed from a byte stream passed back to a caller (openapi/data.yaml: the caller never sees the bound
credential), when a secret may be split across chunks.

Each chunk is joined to what was held back, every whole secret is replaced by `***`, and only the tail that could
still begin a secret (the longest suffix that is a prefix of one, so at most len(secret) - 1 bytes) is held for the
next chunk; the rest goes out at once, so the end of an SSE event is not delayed unless it may begin a secret.
"""

from __future__ import annotations

MASK = b"***"


class StreamScrubber:
    def __init__(self, secrets: tuple[str, ...]) -> None:
        self._secrets = sorted({s.encode() for s in secrets if s}, key=len, reverse=True)  # longest first
        self._held = b""

    def feed(self, chunk: bytes) -> bytes:
        """What of `chunk` (after what was held) may go out now."""
        if not self._secrets:
            return chunk
        data = self._held + chunk
        for secret in self._secrets:
            data = data.replace(secret, MASK)
        keep = self._partial(data)
        self._held = data[len(data) - keep :] if keep else b""
        return data[: len(data) - keep]

    def flush(self) -> bytes:
        """The bytes held at the end of the stream: no secret can be completed any more."""
        held, self._held = self._held, b""
        return held

    def _partial(self, data: bytes) -> int:
        """Length of the longest suffix of `data` that begins some secret (shorter than it)."""
        best = 0
        for secret in self._secrets:
            for size in range(min(len(secret) - 1, len(data)), best, -1):
                if data.endswith(secret[:size]):
                    best = size
                    break
        return best
