"""What one call sends, decided once: `RequestOptions`, a frozen record of the method, URL, body, headers and the
limits that apply, copied (never rebuilt) for each retry."""

from __future__ import annotations

from collections.abc import AsyncIterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, TypedDict

from agentrun._config import Config, Timeouts
from agentrun._core import retries

Body = bytes | AsyncIterable[bytes]
"""A request body: bytes, or chunks produced while sending (an upload that is never held in memory whole)."""


class Plane(StrEnum):
    CONTROL = "control"
    DATA = "data"


@dataclass(frozen=True, slots=True)
class CallOptions:
    """Per-call overrides. `timeout` is seconds for the whole call (or a full `Timeouts`)."""

    timeout: float | Timeouts | None = None
    max_retries: int | None = None
    headers: Mapping[str, str] | None = None


class RequestFields(TypedDict, total=False):
    """The keyword arguments `HttpCore.request` / `stream` / `build_request` take after plane, method and path."""

    params: Mapping[str, Any] | None
    json_body: Any
    content: Body | None
    files: Any
    data: Mapping[str, Any] | None
    headers: Mapping[str, str] | None
    action: str | None
    idempotent: bool | None
    options: CallOptions | None


def resolve_timeouts(config: Config, options: CallOptions | None) -> Timeouts:
    return config.timeout.for_call(None if options is None else options.timeout)


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """Everything one call sends and the limits it runs under; `next_attempt()` is the copy a retry sends."""

    plane: Plane
    method: str
    path: str
    timeouts: Timeouts
    max_retries: int
    idempotent: bool
    params: Mapping[str, Any] | None = None
    json_body: Any = None
    content: Body | None = None
    files: Any = None
    data: Mapping[str, Any] | None = None
    headers: Mapping[str, str] | None = None
    action: str | None = None
    retries_taken: int = 0

    @classmethod
    def build(
        cls,
        config: Config,
        plane: Plane,
        method: str,
        path: str,
        *,
        options: CallOptions | None = None,
        idempotent: bool | None = None,
        headers: Mapping[str, str] | None = None,
        content: Body | None = None,
        files: Any = None,
        **fields: Any,
    ) -> RequestOptions:
        """Resolve a call's overrides against the client's configuration."""
        max_retries = config.max_retries if options is None or options.max_retries is None else options.max_retries
        if files is not None or not (content is None or isinstance(content, bytes)):
            max_retries = 0  # a multipart or streamed body may be a one-shot stream: never replay it
        if options is not None and options.headers:
            headers = {**(headers or {}), **options.headers}
        return cls(
            plane=plane,
            method=method,
            path=path,
            timeouts=resolve_timeouts(config, options),
            max_retries=max_retries,
            idempotent=retries.is_idempotent(method) if idempotent is None else idempotent,
            headers=headers,
            content=content,
            files=files,
            **fields,
        )

    @property
    def may_retry(self) -> bool:
        return self.retries_taken < self.max_retries

    def next_attempt(self) -> RequestOptions:
        return replace(self, retries_taken=self.retries_taken + 1)
