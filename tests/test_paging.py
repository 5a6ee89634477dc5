"""`AsyncPager` over page-number pages (`page_number_page`) and token pages (`token_page`), against fake list
endpoints that record every page they were asked for. Wire facts: openapi/control.yaml."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agentrun._core.page import Page, page_number_page, token_page
from agentrun._core.paging import AsyncPager


class NumberedList:
    """A fake page-number list endpoint over `items`. `broken=True` makes it ignore pageNumber past the end and keep
    answering full pages (the server the SDK must not loop forever on); `report_total` says whether it sends total."""

    def __init__(self, count: int, page_size: int, *, broken: bool = False, report_total: bool = True) -> None:
        self.items = list(range(count))
        self.page_size = page_size
        self.broken = broken
        self.report_total = report_total
        self.asked: list[int] = []

    async def __call__(self, cursor: str | int | None) -> Page[int]:
        page_number = int(cursor or 1)
        self.asked.append(page_number)
        if self.broken:
            chunk = self.items[: self.page_size]
        else:
            start = (page_number - 1) * self.page_size
            chunk = self.items[start : start + self.page_size]
        total = len(self.items) if self.report_total else None
        return page_number_page(chunk, page_number, self.page_size, total)


class TokenList:
    """A fake token list endpoint: `tokens[i]` is the nextToken answered with page i (None or "" ends the list)."""

    def __init__(self, pages: list[list[str]], tokens: list[str | None]) -> None:
        self.pages = pages
        self.tokens = tokens
        self.asked: list[str | int | None] = []

    async def __call__(self, cursor: str | int | None) -> Page[str]:
        self.asked.append(cursor)
        index = 0 if cursor is None else self.tokens.index(str(cursor)) + 1
        index = min(index, len(self.pages) - 1)
        return token_page(self.pages[index], self.tokens[index])


async def items_of(pager: AsyncPager[int] | AsyncPager[str]) -> list:
    return [item async for item in pager]


# -- page numbers -----------------------------------------------------------------------------------------------------


async def test_page_numbers_walk_every_page() -> None:
    server = NumberedList(25, 10)
    assert await items_of(AsyncPager(server, 1)) == list(range(25))
    assert server.asked == [1, 2, 3]


async def test_page_numbers_stop_on_a_short_page_without_total() -> None:
    server = NumberedList(23, 10, report_total=False)
    assert await items_of(AsyncPager(server, 1)) == list(range(23))
    assert server.asked == [1, 2, 3]


async def test_page_numbers_need_one_empty_page_when_the_last_page_is_full_and_total_is_unknown() -> None:
    server = NumberedList(20, 10, report_total=False)
    assert await items_of(AsyncPager(server, 1)) == list(range(20))
    assert server.asked == [1, 2, 3]


async def test_page_numbers_stop_at_total_when_the_last_page_is_full() -> None:
    server = NumberedList(20, 10)
    assert await items_of(AsyncPager(server, 1)) == list(range(20))
    assert server.asked == [1, 2]


async def test_page_numbers_stop_at_total_even_if_the_server_keeps_answering_full_pages() -> None:
    server = NumberedList(25, 10, broken=True)
    items = await items_of(AsyncPager(server, 1))
    assert server.asked == [1, 2, 3]
    assert len(items) == 30  # what the broken server sent; the point is that paging ended


async def test_empty_list_is_one_call() -> None:
    server = NumberedList(0, 10)
    assert await items_of(AsyncPager(server, 1)) == []
    assert server.asked == [1]


@pytest.mark.parametrize(
    ("items", "page_number", "size", "total", "next_cursor"),
    [
        ([1, 2], 1, 2, None, 2),
        ([1, 2], 1, 2, 2, None),
        ([1, 2], 1, 2, 3, 2),
        ([1], 1, 2, None, None),
        ([], 1, 2, None, None),
        ([1, 2], 1, 0, None, None),
        ([1, 2, 3], 4, 2, 100, 5),
    ],
)
def test_page_number_page_next_cursor(
    items: list[int], page_number: int, size: int, total: int | None, next_cursor: int | None
) -> None:
    page = page_number_page(items, page_number, size, total)
    assert page.next_cursor == next_cursor
    assert page.has_next is (next_cursor is not None)
    assert page.total == total


# -- tokens -----------------------------------------------------------------------------------------------------------


async def test_tokens_walk_every_page() -> None:
    server = TokenList([["a", "b"], ["c", "d"], ["e"]], ["t1", "t2", None])
    assert await items_of(AsyncPager(server)) == ["a", "b", "c", "d", "e"]
    assert server.asked == [None, "t1", "t2"]


async def test_empty_token_ends_the_list() -> None:
    server = TokenList([["a"], ["b"]], ["t1", ""])
    assert await items_of(AsyncPager(server)) == ["a", "b"]
    assert server.asked == [None, "t1"]


async def test_tokens_stop_when_the_server_repeats_the_token() -> None:
    server = TokenList([["a"], ["b"]], ["t1", "t1"])
    assert await items_of(AsyncPager(server)) == ["a", "b"]
    assert server.asked == [None, "t1"]


async def test_tokens_stop_when_an_earlier_token_comes_back() -> None:
    class Cycling:
        def __init__(self) -> None:
            self.asked: list[str | int | None] = []

        async def __call__(self, cursor: str | int | None) -> Page[str]:
            self.asked.append(cursor)
            following = {None: "A", "A": "B", "B": "A"}[cursor]  # a broken server going A -> B -> A -> ...
            return token_page([f"after-{cursor}"], following)

    server = Cycling()
    assert await items_of(AsyncPager(server)) == ["after-None", "after-A", "after-B"]
    assert server.asked == [None, "A", "B"]


def test_token_page_treats_empty_token_as_the_end() -> None:
    assert token_page(["x"], "").has_next is False
    assert token_page(["x"], None).next_cursor is None
    assert token_page(["x"], "n").next_cursor == "n"


# -- limit, first_page, pages, to_list --------------------------------------------------------------------------------


@pytest.mark.parametrize(("limit", "pages_needed"), [(1, 1), (10, 1), (11, 2), (20, 2), (25, 3), (1000, 3)])
async def test_limit_stops_early_without_fetching_more_pages_than_needed(limit: int, pages_needed: int) -> None:
    server = NumberedList(25, 10)
    assert await items_of(AsyncPager(server, 1, limit=limit)) == list(range(min(limit, 25)))
    assert server.asked == list(range(1, pages_needed + 1))


async def test_limit_zero_fetches_nothing() -> None:
    server = NumberedList(25, 10)
    assert await items_of(AsyncPager(server, 1, limit=0)) == []
    assert server.asked == []


async def test_limit_applies_to_token_pages() -> None:
    server = TokenList([["a", "b"], ["c", "d"], ["e"]], ["t1", "t2", None])
    assert await AsyncPager(server, limit=2).to_list() == ["a", "b"]
    assert server.asked == [None]


async def test_first_page_fetches_once() -> None:
    server = NumberedList(25, 10)
    page = await AsyncPager(server, 1).first_page()
    assert page.items == list(range(10))
    assert page.next_cursor == 2
    assert page.total == 25
    assert server.asked == [1]


async def test_nothing_is_fetched_until_used() -> None:
    server = NumberedList(25, 10)
    AsyncPager(server, 1)
    assert server.asked == []


async def test_pages_yields_page_objects() -> None:
    server = NumberedList(25, 10)
    pages = [page async for page in AsyncPager(server, 1).pages()]
    assert all(isinstance(page, Page) for page in pages)
    assert [page.items for page in pages] == [list(range(10)), list(range(10, 20)), list(range(20, 25))]
    assert [page.next_cursor for page in pages] == [2, 3, None]


async def test_to_list_collects_every_item() -> None:
    server = TokenList([["a"], ["b"], ["c"]], ["t1", "t2", None])
    assert await AsyncPager(server).to_list() == ["a", "b", "c"]


async def test_pager_can_be_iterated_again_and_refetches() -> None:
    server = NumberedList(5, 10)
    pager: AsyncPager[int] = AsyncPager(server, 1)
    assert await pager.to_list() == await pager.to_list() == list(range(5))
    assert server.asked == [1, 1]


def test_fetch_signature_is_a_cursor_to_page_coroutine() -> None:
    fetch: Callable[[str | int | None], object] = NumberedList(1, 1)
    assert callable(fetch)
