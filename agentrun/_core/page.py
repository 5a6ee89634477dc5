"""One page of a list result, and how the next page is found. Shared by the async and sync pagers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | int | None
    total: int | None = None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def page_number_page(items: list[T], page_number: int, page_size: int, total: int | None) -> Page[T]:
    """Next page exists while the page came back full and the total (when given) is not reached."""
    more = len(items) >= page_size > 0 and (total is None or page_number * page_size < total)
    return Page(items=items, next_cursor=page_number + 1 if more else None, total=total)


def token_page(items: list[T], next_token: str | None) -> Page[T]:
    return Page(items=items, next_cursor=next_token or None)
