"""Request ids: upper-case random (version 4) UUIDs, as the cloud's `requestId`s look (openapi/control.yaml).

Every answer carries one, so they are drawn from a buffer of `os.urandom` bytes refilled 256 ids at a time: one
getrandom() call per id (what `uuid.uuid4()` makes) cost more than the rest of an id. A forked child starts with a
fresh buffer, so no two processes hand out the same ids."""

from __future__ import annotations

import os

_IDS_PER_FILL = 256


class _Pool:
    def __init__(self) -> None:
        self.empty()

    def empty(self) -> None:
        self.buffer = b""
        self.at = 0

    def take(self) -> bytes:
        if self.at >= len(self.buffer):
            self.buffer, self.at = os.urandom(16 * _IDS_PER_FILL), 0
        self.at += 16
        return self.buffer[self.at - 16 : self.at]


_pool = _Pool()
os.register_at_fork(after_in_child=_pool.empty)


def new_request_id() -> str:
    """A fresh id like `3F2504E0-4F89-41D3-9A0C-0305E82C3301` (RFC 9562 version 4, variant 10)."""
    raw = bytearray(_pool.take())
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # variant 10
    text = raw.hex().upper()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
