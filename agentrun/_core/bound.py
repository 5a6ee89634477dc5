"""One base for the resource objects the managers hand back (`Template`, `AgentRuntime`, `Credential`, ...): the
same `refresh`, `update`, `delete` and `wait_until_ready`, each taking `options=`, from a short description each
class gives of itself (its manager, its key, the statuses that mean ready or failed)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Collection
from typing import Any, ClassVar, Concatenate, Generic, ParamSpec, Protocol, Self, TypeVar, overload

from agentrun._core.request_options import CallOptions
from agentrun._core.resource import bound, copy_fields, resource_repr, text_of
from agentrun._core.waiting import FAILED_STATUSES, READY_STATUSES, wait_for_status


class Manager(Protocol):
    """What the base needs of a manager: loading and deleting one resource by its key."""

    async def get(self, key: str, /, *, options: CallOptions | None = None) -> Any: ...

    async def delete(self, key: str, /, *, options: CallOptions | None = None) -> None: ...


A = TypeVar("A", bound=Manager)
P = ParamSpec("P")
R = TypeVar("R", bound="BoundResource[Any]")
T = TypeVar("T")


class WireText:
    """A read-only attribute giving the model's field `field` as text ("" when the service left it out)."""

    def __init__(self, field: str) -> None:
        self._field = field

    @overload
    def __get__(self, instance: None, owner: type) -> Self: ...

    @overload
    def __get__(self, instance: object, owner: type) -> str: ...

    def __get__(self, instance: object, owner: type) -> Self | str:
        return self if instance is None else text_of(getattr(instance, self._field))


class BoundResource(Generic[A]):
    """A resource model bound to the manager `A` it was loaded through; listed before the model among the bases, so
    its `repr` (secrets masked) is the one used. A subclass says what it is (`_what`), names its `id` or `name`
    (`WireText`), and which statuses mean ready or failed; `update` comes from `updater`."""

    _api: A | None = None  # set by the manager that loaded it
    _what: ClassVar[str]
    _ready_statuses: ClassVar[Collection[str]] = READY_STATUSES
    _failed_statuses: ClassVar[Collection[str]] = FAILED_STATUSES

    def __repr__(self) -> str:
        return resource_repr(self)

    def _key(self) -> str:
        """What its manager takes: its id where it has one, else its name."""
        key = getattr(self, "id", None) or getattr(self, "name", None)
        if not isinstance(key, str):
            raise NotImplementedError(f"{type(self).__name__} has neither an id nor a name")
        return key

    def _manager(self) -> A:
        return bound(self._api, self)

    def _status(self) -> str | None:
        return text_of(getattr(self, "status", None)) or None

    async def _fetch(self, options: CallOptions | None) -> Any:
        return await self._manager().get(self._key(), options=options)

    async def refresh(self, *, options: CallOptions | None = None) -> Self:
        """Reload every field from the service."""
        copy_fields(await self._fetch(options), self)
        return self

    async def delete(self, *, options: CallOptions | None = None) -> None:
        """Delete it from the service."""
        await self._manager().delete(self._key(), options=options)

    async def wait_until_ready(
        self, *, timeout: float = 300.0, interval: float = 5.0, options: CallOptions | None = None
    ) -> Self:
        """Reload until the status says ready; a failed status raises ResourceFailedError (with the service's
        reason), `timeout` seconds WaitTimeoutError. Polls quickly at first, then every `interval` seconds."""
        return await wait_for_status(
            lambda: self.refresh(options=options),
            lambda resource: resource._status(),
            what=f"{self._what} {self._key()}",
            ready=self._ready_statuses,
            failed=self._failed_statuses,
            reason_of=lambda resource: text_of(getattr(resource, "status_reason", None)) or None,
            timeout=timeout,
            max_interval=interval,
        )


def updater(method: Callable[Concatenate[A, str, P], Awaitable[R]]) -> Callable[Concatenate[R, P], Awaitable[R]]:
    """A resource's `update` from its manager's: the same keyword parameters, sent for this resource's key, and the
    answer copied onto this object (which is returned)."""

    async def update(self: R, /, *args: P.args, **kwargs: P.kwargs) -> R:
        copy_fields(await method(self._manager(), self._key(), *args, **kwargs), self)
        return self

    _present(update, method, f"{method.__doc__ or ''}\n\nThis object is updated in place and returned.".lstrip())
    return update


def forwarder(
    method: Callable[Concatenate[A, str, P], T], *, key: str = "id"
) -> Callable[Concatenate[BoundResource[A], P], T]:
    """A resource's method from its manager's: the same parameters after the first, which is this resource's `key`
    attribute (its `id`, or its `name` where the manager's method takes a name)."""

    def forward(self: BoundResource[A], /, *args: P.args, **kwargs: P.kwargs) -> T:
        return method(self._manager(), getattr(self, key), *args, **kwargs)

    _present(forward, method, method.__doc__)
    return forward


def _present(wrapper: Callable[..., Any], method: Callable[..., Any], doc: str | None) -> None:
    """Show `wrapper` as `method` without its key parameter: name, signature and `doc`."""
    functools.update_wrapper(wrapper, method)
    del wrapper.__wrapped__  # type: ignore[attr-defined]  # the signature below is the one to show, not the manager's
    params = list(inspect.signature(method).parameters.values())
    wrapper.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [params[0], *params[2:]], return_annotation=inspect.signature(method).return_annotation
    )
    wrapper.__doc__ = doc
