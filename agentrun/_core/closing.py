"""`async with` for the SDK's objects that hold something open (a connection pool, a stream, a sandbox): leaving the
block calls the object's `aclose()` on every path, an exception or cancellation included."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closeable:
    """A subclass defines `aclose()`; `async with` then closes it (and gives the object itself)."""

    async def aclose(self) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
