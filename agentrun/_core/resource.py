"""What every control-plane resource manager shares: sending a generated operation and unwrapping its envelope,
building input models from keyword arguments, and paging list operations."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, TypeVar

from agentrun import errors
from agentrun._core.http import CallOptions, HttpCore, Plane, envelope_data
from agentrun._core.models import FromDict, parse_model
from agentrun._core.page import Page, page_number_page, token_page
from agentrun._core.paging import AsyncPager

T = TypeVar("T", bound=FromDict)
M = TypeVar("M")

DEFAULT_PAGE_SIZE = 50


def build_input(model: Callable[..., M], what: str, /, **fields: Any) -> M:
    """`model(**fields)` without the fields left as None, with a typed error naming the fields the model takes."""
    values = {k: v for k, v in fields.items() if v is not None}
    try:
        return model(**values)
    except TypeError as exc:
        import inspect

        accepted = sorted(p for p in inspect.signature(model).parameters if p != "self")
        raise errors.InvalidArgumentError(f"{what}: {exc}; accepted fields are {', '.join(accepted)}") from None


def string_map(model: type[T], values: Mapping[str, str] | None) -> T | None:
    """A generated string-map model (environment variables, headers) from a plain dict."""
    return None if values is None else model.from_dict(dict(values))


class ControlAPI:
    """Base of the control-plane managers (`client.credentials`, `client.templates`, ...)."""

    def __init__(self, core: HttpCore) -> None:
        self._core = core

    async def _send(
        self,
        operation: ModuleType,
        model: type[T],
        *,
        action: str,
        what: str,
        options: CallOptions | None = None,
        idempotent: bool | None = None,
        **arguments: Any,
    ) -> T:
        response = await self._core.call(
            Plane.CONTROL, operation, action=action, options=options, idempotent=idempotent, **arguments
        )
        return parse_model(model, envelope_data(response), what=what)

    def _paged(
        self,
        operation: ModuleType,
        model: type[T],
        *,
        action: str,
        what: str,
        bind: Callable[[T], T] = lambda item: item,
        items_key: str = "items",
        page_size: int = DEFAULT_PAGE_SIZE,
        limit: int | None = None,
        options: CallOptions | None = None,
        **filters: Any,
    ) -> AsyncPager[T]:
        """A pager over a pageNumber/pageSize list operation."""
        if page_size < 1:
            raise errors.InvalidArgumentError(f"page_size must be at least 1, got {page_size}")
        args = {k: v for k, v in filters.items() if v is not None}

        async def fetch(cursor: str | int | None) -> Page[T]:
            number = int(cursor or 1)
            response = await self._core.call(
                Plane.CONTROL, operation, action=action, options=options, page_number=number, page_size=page_size,
                **args,
            )  # fmt: skip
            data = envelope_data(response) or {}
            items = [bind(parse_model(model, raw, what=what)) for raw in data.get(items_key) or []]
            total = data.get("total")
            return page_number_page(items, number, page_size, int(total) if total is not None else None)

        return AsyncPager(fetch, 1, limit=limit)

    def _token_paged(
        self,
        operation: ModuleType,
        model: type[T],
        *,
        action: str,
        what: str,
        bind: Callable[[T], T] = lambda item: item,
        page_size: int = DEFAULT_PAGE_SIZE,
        limit: int | None = None,
        options: CallOptions | None = None,
        **filters: Any,
    ) -> AsyncPager[T]:
        """A pager over a maxResults/nextToken list operation."""
        args = {k: v for k, v in filters.items() if v is not None}

        async def fetch(cursor: str | int | None) -> Page[T]:
            paging: dict[str, Any] = {"max_results": page_size}
            if cursor:
                paging["next_token"] = str(cursor)
            response = await self._core.call(
                Plane.CONTROL, operation, action=action, options=options, **paging, **args
            )
            data = envelope_data(response) or {}
            items = [bind(parse_model(model, raw, what=what)) for raw in data.get("items") or []]
            return token_page(items, data.get("nextToken"))

        return AsyncPager(fetch, None, limit=limit)


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
    import attrs

    for attribute in attrs.fields(type(source)):
        if attribute.name != "_api":
            setattr(target, attribute.name, getattr(source, attribute.name))


def text_of(value: object) -> str:
    """A string field's value, or "" when the service left it out."""
    return value if isinstance(value, str) else ""


_SECRET_MARKERS = ("secret", "api_key", "password", "token", "private_key")


def resource_repr(resource: Any) -> str:
    """`Name(field=value, ...)` over the fields the service set, with secret values masked."""
    import attrs

    from agentrun_control_api.types import Unset

    parts = []
    for attribute in attrs.fields(type(resource)):
        name = attribute.name
        if name in ("_api", "additional_properties"):
            continue
        value = getattr(resource, name)
        if isinstance(value, Unset) or value is None:
            continue
        if any(marker in name for marker in _SECRET_MARKERS):
            value = "***"
        parts.append(f"{name}={value!r}")
    return f"{type(resource).__name__}({', '.join(parts)})"
