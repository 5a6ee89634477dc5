"""List results that page themselves under `async for`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Generic, TypeVar

from agentrun._core.page import Page

T = TypeVar("T")

FetchPage = Callable[[str | int | None], Awaitable[Page[T]]]


class AsyncPager(Generic[T]):
    """`async for item in pager` walks every page; `async for page in pager.pages()` gives whole pages;
    `await pager.first_page()` one call only. Nothing is sent until one of these is used."""

    def __init__(self, fetch: FetchPage[T], first_cursor: str | int | None = None, *, limit: int | None = None):
        self._fetch = fetch
        self._first = first_cursor
        self._limit = limit

    async def first_page(self) -> Page[T]:
        return await self._fetch(self._first)

    async def pages(self) -> AsyncIterator[Page[T]]:
        cursor: str | int | None = self._first
        seen = {cursor}
        while True:
            page = await self._fetch(cursor)
            yield page
            if not page.has_next or page.next_cursor in seen:  # a cursor seen before would loop forever
                return
            cursor = page.next_cursor
            seen.add(cursor)

    async def __aiter__(self) -> AsyncIterator[T]:
        if self._limit is not None and self._limit <= 0:
            return
        count = 0
        async for page in self.pages():
            for item in page.items:
                yield item
                count += 1
                if self._limit is not None and count >= self._limit:
                    return  # before fetching a page that is not needed

    async def to_list(self) -> list[T]:
        return [item async for item in self]
