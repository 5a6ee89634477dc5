"""A `multipart/form-data` request body as a stream of events, parsed as it arrives.

python-multipart's push parser is fed each chunk of `request.stream()`; its callbacks collect the events of that
chunk, which `read_parts` then yields. Nothing is buffered beyond the chunk in hand, so a file part of any size
passes through in constant memory and the consumer decides where each piece goes.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from typing import TYPE_CHECKING

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from agentrun.local.responses import bad_request

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks


@dataclass(frozen=True, slots=True)
class PartStart:
    """A part begins: its form field name, and the file name when it is a file part."""

    name: str
    filename: str | None


@dataclass(frozen=True, slots=True)
class PartData:
    data: bytes  # the next bytes of the current part, as they arrive


@dataclass(frozen=True, slots=True)
class PartEnd:
    pass


Event = PartStart | PartData | PartEnd


class MultipartStream:
    """The push side: `feed` a chunk, get the events it completed."""

    def __init__(self, content_type: str | None) -> None:
        kind, options = parse_options_header(content_type)
        if kind != b"multipart/form-data":
            raise bad_request(f"the body must be multipart/form-data (a field path, then a field file), not {kind!r}")
        boundary = options.get(b"boundary")
        if not boundary:
            raise bad_request("the multipart/form-data Content-Type has no boundary parameter")
        self.ended = False
        self._events: list[Event] = []
        self._field = bytearray()
        self._value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        callbacks: MultipartCallbacks = {
            "on_part_begin": self._headers.clear,
            "on_header_field": lambda data, start, end: self._field.extend(data[start:end]),
            "on_header_value": lambda data, start, end: self._value.extend(data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": lambda data, start, end: self._events.append(PartData(data[start:end])),
            "on_part_end": lambda: self._events.append(PartEnd()),
            "on_end": self._end,
        }
        self._parser = MultipartParser(boundary, callbacks)

    def feed(self, chunk: bytes) -> list[Event]:
        try:
            self._parser.write(chunk)
        except MultipartParseError as exc:
            raise bad_request(f"the multipart body is malformed: {exc}") from None
        events, self._events = self._events, []
        return events

    def _header_end(self) -> None:
        self._headers[bytes(self._field).lower()] = bytes(self._value)
        self._field.clear()
        self._value.clear()

    def _headers_finished(self) -> None:
        disposition, options = parse_options_header(self._headers.get(b"content-disposition"))
        name = options.get(b"name")
        if disposition != b"form-data" or name is None:
            raise bad_request("a multipart part has no Content-Disposition: form-data; name=...")
        filename = options.get(b"filename")
        try:
            self._events.append(PartStart(name.decode(), None if filename is None else filename.decode()))
        except UnicodeDecodeError:
            raise bad_request("a multipart part's name or filename is not UTF-8") from None

    def _end(self) -> None:
        self.ended = True


async def read_parts(request: Request) -> AsyncGenerator[Event, None]:
    """The events of the request's multipart body, as its bytes arrive. A body cut short raises ClientDisconnect
    (the client went away) or a 400 (it ended before the closing boundary)."""
    parser = MultipartStream(request.headers.get("content-type"))
    async with aclosing(request.stream()) as body:
        async for chunk in body:
            for event in parser.feed(chunk):
                yield event
    if not parser.ended:
        raise bad_request("the multipart body ended before its closing boundary")
