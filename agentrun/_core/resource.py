"""What every control-plane resource manager shares: sending a request of a generated operation and unwrapping its
envelope, building input models from keyword arguments, and paging list operations."""

from __future__ import annotations

import dataclasses
import sys
import typing
from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from functools import partial
from types import ModuleType, UnionType
from typing import Any, Protocol, TypedDict, TypeVar

from agentrun_control_api.types import Unset

from agentrun import errors
from agentrun._core.envelope import envelope_data
from agentrun._core.http import HttpCore, OperationRequest
from agentrun._core.models import FromDict, is_wire_model, parse_model
from agentrun._core.page import Page, page_number_page, token_page
from agentrun._core.paging import AsyncPager
from agentrun._core.request_options import CallOptions
from agentrun._core.waiting import wait_for_status

T = TypeVar("T", bound=FromDict)
M = TypeVar("M")

DEFAULT_PAGE_SIZE = 50


class ListOptions(TypedDict, total=False):
    """How every `list(...)` pages: `page_size` items per request (50 by default), at most `limit` items in all
    (no limit by default), and the call options of each page's request."""

    page_size: int
    limit: int | None
    options: CallOptions | None


class WriteOptions(TypedDict, total=False):
    """What every create and update takes besides the resource's fields: the call's `options`, and `extra_body`
    (wire keys, camelCase), merged over the request body, for fields the spec does not know yet."""

    options: CallOptions | None
    extra_body: Mapping[str, Any] | None


WireObject = Mapping[str, Any]
"""A plain dict standing for a generated model, keyed by the wire (camelCase) names: {"networkMode": "PUBLIC"}."""


def build_input(model: Callable[..., M], what: str, /, **fields: Any) -> M:
    """`model(**fields)` without the fields left as None, with a typed error naming the fields the model takes.
    Plain values become the generated types the fields declare (see `coerce_fields`)."""
    values = coerce_fields(model, what, {k: v for k, v in fields.items() if v is not None})
    try:
        return model(**values)
    except TypeError as exc:
        import inspect

        accepted = sorted(p for p in inspect.signature(model).parameters if p != "self")
        raise errors.InvalidArgumentError(f"{what}: {exc}; accepted fields are {', '.join(accepted)}") from None


def wire_body(model: Any, extra_body: Mapping[str, Any] | None) -> Any:
    """The body to send: the input model, or its JSON with `extra_body` (wire keys, camelCase: fields the spec does
    not know yet) merged over it."""
    if extra_body is None:
        return model
    if not isinstance(extra_body, Mapping) or not all(isinstance(key, str) for key in extra_body):
        raise errors.InvalidArgumentError(f"extra_body must map wire field names to values, got {extra_body!r}")
    return {**model.to_dict(), **extra_body}


def coerce_fields(model: Callable[..., Any], what: str, values: dict[str, Any]) -> dict[str, Any]:
    """Turn plain values into the generated types `model`'s fields declare: a dict (wire keys, camelCase) into a
    nested model through its `from_dict`, a list of dicts into a list of models, a string into an (open) enum.
    Values that already have the declared type, and fields whose type is not known, are left alone."""
    if not isinstance(model, type):
        return values
    package = sys.modules[model.__module__.rpartition(".")[0]]
    try:
        hints = typing.get_type_hints(
            model, globalns=vars(sys.modules[model.__module__]), localns=_ModelNamespace(package)
        )
    except (NameError, KeyError, TypeError):
        return values
    coerced = {}
    for name, value in values.items():
        try:
            coerced[name] = _coerce(value, hints[name]) if name in hints else value
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise errors.InvalidArgumentError(f"{what}: {name} does not fit {hints[name]}: {exc!r}") from None
    return coerced


class _ModelNamespace(dict[str, Any]):
    """The names of a generated models package, for resolving annotations; the package loads its models on first
    attribute access, so names are looked up through it rather than read from its `__dict__`."""

    def __init__(self, package: ModuleType) -> None:
        super().__init__()
        self._package = package

    def __missing__(self, name: str) -> Any:
        try:
            return getattr(self._package, name)
        except AttributeError:
            raise KeyError(name) from None


def _coerce(value: Any, hint: Any) -> Any:
    union = typing.get_origin(hint) in (typing.Union, UnionType)
    for target in typing.get_args(hint) if union else (hint,):
        if target is Unset or target is type(None):
            continue
        if typing.get_origin(target) is list and isinstance(value, list | tuple):
            (item,) = typing.get_args(target) or (Any,)
            return [_coerce(v, item) for v in value]
        if not isinstance(target, type):
            continue
        if isinstance(value, target):
            return value
        if issubclass(target, Enum) and isinstance(value, str):
            return target(value)
        if isinstance(value, Mapping) and hasattr(target, "from_dict"):
            return target.from_dict(dict(value))
    return value


def string_map(model: type[T], values: Mapping[str, str] | None) -> T | None:
    """A generated string-map model (environment variables, headers) from a plain dict."""
    return None if values is None else model.from_dict(dict(values))


class ControlAPI:
    """Base of the control-plane managers (`client.credentials`, `client.templates`, ...)."""

    def __init__(self, core: HttpCore) -> None:
        self._core = core

    def _attach(self, resource: T) -> T:
        """Tie a resource object to this manager: its `refresh`, `update` and `delete` go through it."""
        if is_wire_model(type(resource)) and hasattr(resource, "_api"):
            resource._api = self
        return resource

    async def _load(
        self, prepared: OperationRequest, model: type[T], *, what: str, options: CallOptions | None = None
    ) -> T:
        """`_send`, with the resource object it answers bound to this manager."""
        return self._attach(await self._send(prepared, model, what=what, options=options))

    async def _write(
        self,
        request: Callable[..., OperationRequest],
        model: type[T],
        body_model: Callable[..., Any],
        given: Mapping[str, Any],
        /,
        *,
        bind: Callable[[T], T] | None = None,
        **named: Any,
    ) -> T:
        """A create or an update. Its `body_model` is built from the fields the method names (`named`: renamed,
        converted or defaulted) and those passed through as given (`given`: the spec's other fields, which win over
        a default of the same name, then `options` and `extra_body`); `request(body=...)` sends it, and its answer
        is loaded as `model`, bound to this manager (or by `bind`)."""
        fields = {key: value for key, value in given.items() if value is not None}  # None: as if not given
        options, extra_body = fields.pop("options", None), fields.pop("extra_body", None)
        body = build_input(body_model, getattr(body_model, "__name__", "body"), **{**named, **fields})
        answer = await self._send(request(body=wire_body(body, extra_body)), model, what=_what(model), options=options)
        return (bind or self._attach)(answer)

    async def _send(
        self, prepared: OperationRequest, model: type[T], *, what: str, options: CallOptions | None = None
    ) -> T:
        """Send one request of a generated operation and parse the `data` of its envelope as `model`."""
        response = await self._core.call(prepared, options=options)
        return parse_model(model, envelope_data(response), what=what)

    def _paged(
        self,
        request: Callable[..., OperationRequest],
        model: type[T],
        what: str,
        *,
        bind: Callable[[T], T] | None = None,
        items_key: str = "items",
        by_token: bool = False,
        **query: Any,
    ) -> AsyncPager[T]:
        """A pager over a list operation. `request` is the operation's; `query` holds its filters (keyword arguments
        of `request`) and the `ListOptions`. Each page adds `page_number`/`page_size`, or (`by_token`)
        `max_results`/`next_token`."""
        page_size = query.pop("page_size", DEFAULT_PAGE_SIZE)
        if page_size < 1:
            raise errors.InvalidArgumentError(f"page_size must be at least 1, got {page_size}")
        options, limit = query.pop("options", None), query.pop("limit", None)
        _check_filters(request, what, query)
        page = partial(request, **query)

        async def fetch(cursor: str | int | None) -> Page[T]:
            if by_token:
                request = page(max_results=page_size, next_token=str(cursor) if cursor else None)
            else:
                request = page(page_number=int(cursor or 1), page_size=page_size)
            data = envelope_data(await self._core.call(request, options=options)) or {}
            items = [(bind or self._attach)(parse_model(model, raw, what=what)) for raw in data.get(items_key) or []]
            if by_token:
                return token_page(items, data.get("nextToken"))
            total = data.get("total")
            return page_number_page(items, int(cursor or 1), page_size, int(total) if total is not None else None)

        return AsyncPager(fetch, None if by_token else 1, limit=limit)


def _check_filters(request: Callable[..., OperationRequest], what: str, query: Mapping[str, Any]) -> None:
    """A typed error for a filter the list operation does not have, before anything is sent."""
    import inspect

    known = [name for name in inspect.signature(request).parameters if name not in _PAGING]
    unknown = sorted(set(query) - set(known))
    if unknown:
        raise errors.InvalidArgumentError(
            f"list {what}: no filter {', '.join(unknown)}; the filters are {', '.join(known)} (and page_size, limit, "
            "options)"
        )


_PAGING = ("page_number", "page_size", "max_results", "next_token")


def _what(model: type[Any]) -> str:
    """What a resource class stands for in messages: its `_what` ("model proxy"), else its name."""
    return str(getattr(model, "_what", model.__name__))


R = TypeVar("R")


def bound(api: R | None, resource: object) -> R:
    """The manager a resource object was loaded through; objects built by hand have none."""
    if api is None:
        raise errors.AgentRunError(
            f"this {type(resource).__name__} is not bound to a client; load it through the client (get/create/list)"
        )
    return api


def copy_fields(source: Any, target: Any) -> None:
    """Copy every model field of `source` onto `target` (a refresh in place), leaving the client binding alone."""
    for attribute in dataclasses.fields(source):
        if attribute.name != "_api":
            setattr(target, attribute.name, getattr(source, attribute.name))


def text_of(value: object) -> str:
    """A string field's value, or "" when the service left it out."""
    return value if isinstance(value, str) else ""


_SECRET_MARKERS = ("secret", "apikey", "password", "token", "privatekey")


def _is_secret(name: str) -> bool:
    folded = name.lower().replace("_", "").replace("-", "")
    return any(marker in folded for marker in _SECRET_MARKERS)


def resource_repr(resource: Any) -> str:
    """`Name(field=value, ...)` over the fields the service set, nested models included, with secret values
    (API keys, passwords, tokens, at any depth) masked."""

    def show(name: str, value: Any) -> str:
        if isinstance(value, str) and _is_secret(name):
            return "'***'"
        if is_wire_model(type(value)):
            return model(value)
        if isinstance(value, list):
            return "[" + ", ".join(show(name, item) for item in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k!r}: {show(str(k), v)}" for k, v in value.items()) + "}"
        return repr(value.value if isinstance(value, Enum) else value)

    def model(obj: Any) -> str:
        parts = []
        for attribute in dataclasses.fields(obj):
            value = getattr(obj, attribute.name)
            if attribute.name == "_api" or isinstance(value, Unset) or value is None:
                continue
            if attribute.name != "additional_properties":
                parts.append(f"{attribute.name}={show(attribute.name, value)}")
            elif value:
                parts.append(show(attribute.name, value))
        return f"{type(obj).__name__}({', '.join(parts)})"

    return model(resource)


class Settling(Protocol):
    """A resource with a lifecycle status (CREATING, READY, UPDATE_FAILED, ...) and a reason for it."""

    @property
    def status(self) -> object: ...

    @property
    def status_reason(self) -> object: ...


S = TypeVar("S", bound=Settling)


async def wait_ready(fetch: Callable[[], Awaitable[S]], *, what: str, timeout: float) -> S:
    """Fetch until the status is READY and return the resource; a failed status (CREATE_FAILED, UPDATE_FAILED, ...)
    raises ResourceFailedError carrying the statusReason, and `timeout` seconds without either WaitTimeoutError."""
    return await wait_for_status(
        fetch,
        lambda resource: text_of(resource.status) or None,
        what=what,
        reason_of=lambda resource: text_of(resource.status_reason) or None,
        timeout=timeout,
    )
