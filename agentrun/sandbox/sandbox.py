"""Sandboxes: create one from a template, connect to it, work inside it, and delete it.

    async with await client.sandboxes.create("my-template", idle_timeout=600) as sandbox:   # deleted on exit
        execution = await sandbox.run_code("1 + 1")                                          # code.py
        await sandbox.files.write("/home/user/a.txt", "hi")                                  # files.py
        result = await sandbox.commands.run("ls /home/user")                                 # commands.py

Create, get/connect, health, stop and delete go through the data plane, as the official SDK sends them; list,
pause and resume exist only on the control plane.
"""

from __future__ import annotations

import contextlib
from types import TracebackType
from typing import TYPE_CHECKING, Self, Unpack

import agentrun_data_api.models as data_models
from agentrun_control_api.api.sandboxes import list_sandboxes, pause_sandbox, resume_sandbox
from agentrun_control_api.models import Sandbox as SandboxModel
from agentrun_data_api.api.sandboxes import (
    create_sandbox,
    delete_sandbox,
    get_sandbox,
    get_sandbox_health,
    stop_sandbox,
)

from agentrun import errors
from agentrun._core.aio import shielded
from agentrun._core.bound import BoundResource, WireText
from agentrun._core.http import CallOptions, HttpCore, OperationRequest, json_of
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI, ListOptions, WriteOptions, bound, copy_fields, text_of
from agentrun._core.waiting import FAILED_STATUSES, wait_for_status
from agentrun.sandbox._data import SandboxTarget, whole_number
from agentrun.sandbox.code import CodeInterpreter

if TYPE_CHECKING:
    from agentrun_control_api.fields import ListSandboxesFilters
    from agentrun_data_api.fields import CreateSandboxMore

    class SandboxQuery(ListSandboxesFilters, ListOptions):
        """The filters and paging of `sandboxes.list`."""

    class CreateSandboxParams(CreateSandboxMore, WriteOptions):
        """The keyword arguments of `sandboxes.create` besides idle_timeout and ready_timeout."""

    # Imported on first use of the property: a client that only manages sandboxes never needs them.
    from agentrun.sandbox.browser import SandboxBrowser
    from agentrun.sandbox.commands import Commands
    from agentrun.sandbox.files import Files

RUNNING_STATUSES = frozenset({"READY", "RUNNING"})
"""Statuses of a sandbox that can do work. The service's casing varies: compare with `.upper()`."""
ENDED_STATUSES = FAILED_STATUSES | {"STOPPED", "TERMINATED", "DELETING"}
"""Statuses from which a sandbox does not come back to running by itself."""

_UNAVAILABLE = "UNAVAILABLE"
"""What `wait_until_ready` records while the health check answers with a server error (a sandbox still starting)."""


class Sandbox(BoundResource["Sandboxes"], SandboxModel, CodeInterpreter):
    """A sandbox as the service returns it, with methods that act on it and inside it: `run_code`,
    `run_code_stream` and code contexts (code.py), `files` (files.py) and `commands` (commands.py).

    `async with sandbox:` deletes it on the way out, on every path (an exception or cancellation included). Delete,
    not stop: a stopped sandbox is still listed and still counts against quotas, and its state is no use once the
    block is left. Call `stop()` inside the block to keep it instead (then it is left alone).

    `status` is a free string whose casing varies between services (READY, Running, STOPPED, ...); `is_running`
    compares it case-insensitively."""

    _what = "sandbox"

    id = WireText("sandbox_id")

    @property
    def is_running(self) -> bool:
        """Whether the last known status is READY or RUNNING, in any casing."""
        return text_of(self.status).upper() in RUNNING_STATUSES

    @property
    def files(self) -> Files:
        """The sandbox's file system."""
        from agentrun.sandbox.files import Files

        return Files(self._target())

    @property
    def commands(self) -> Commands:
        """Shell commands and processes in the sandbox."""
        from agentrun.sandbox.commands import Commands

        return Commands(self._target())

    @property
    def browser(self) -> SandboxBrowser:
        """The Chromium of a Browser or AllInOne sandbox: its CDP URL, and Playwright connected to it."""
        from agentrun.sandbox.browser import SandboxBrowser

        return SandboxBrowser(self._target())

    def _target(self) -> SandboxTarget:
        return SandboxTarget(bound(self._api, self)._core, self.id)

    async def stop(self, *, options: CallOptions | None = None) -> Sandbox:
        """Stop the sandbox and reload its fields."""
        copy_fields(await bound(self._api, self).stop(self.id, options=options), self)
        return self

    async def pause(self, *, options: CallOptions | None = None) -> Sandbox:
        """Pause the sandbox until `resume` and reload its fields."""
        copy_fields(await bound(self._api, self).pause(self.id, options=options), self)
        return self

    async def resume(self, *, options: CallOptions | None = None) -> Sandbox:
        """Resume a paused sandbox and reload its fields."""
        copy_fields(await bound(self._api, self).resume(self.id, options=options), self)
        return self

    async def kill(self, *, options: CallOptions | None = None) -> None:
        """Delete the sandbox (E2B's name for it)."""
        await self.delete(options=options)

    async def health(self, *, options: CallOptions | None = None) -> bool:
        """Whether the sandbox is ready to run code (its health check answers ok)."""
        return await self._health_status(options) == "OK"

    async def wait_until_ready(
        self, *, timeout: float = 60.0, interval: float = 1.0, options: CallOptions | None = None
    ) -> Self:
        """Poll the health check (every `interval` seconds at most) until the sandbox is ready; WaitTimeoutError
        after `timeout` seconds. A sandbox that is gone raises NotFoundError at once."""
        await wait_for_status(
            lambda: self._health_status(options),
            lambda status: status,
            what=f"sandbox {self.id}",
            ready={"OK"},
            failed=(),
            timeout=timeout,
            max_interval=interval,
        )
        return self

    async def _health_status(self, options: CallOptions | None) -> str:
        api = bound(self._api, self)
        try:
            response = await api._core.call(get_sandbox_health.request(self.id), options=options)
        except errors.APIStatusError as exc:
            if exc.status_code >= 500 or exc.status_code == 409:
                return _UNAVAILABLE
            raise
        body = json_of(response)
        status = body.get("status") if isinstance(body, dict) else None
        return str(status).upper() if status is not None else _UNAVAILABLE

    async def __aenter__(self) -> Sandbox:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await shielded(self._discard)

    async def _discard(self) -> None:
        """Delete the sandbox unless it is already gone (deleted inside the block)."""
        with contextlib.suppress(errors.NotFoundError):
            await self.delete()

    async def wait_until_running(self, *, timeout: float = 60.0, options: CallOptions | None = None) -> Sandbox:
        """Poll until the status is READY or RUNNING; a stopped, terminated or failed sandbox raises
        ResourceFailedError, `timeout` seconds WaitTimeoutError."""
        return await wait_for_status(
            lambda: self.refresh(options=options),
            lambda sandbox: text_of(sandbox.status) or None,
            what=f"sandbox {self.id}",
            ready=RUNNING_STATUSES,
            failed=ENDED_STATUSES,
            timeout=timeout,
        )


class Sandboxes(ControlAPI):
    """`client.sandboxes`: create sandboxes, find them again, and end them."""

    def __init__(self, core: HttpCore) -> None:
        super().__init__(core)

    async def _act(self, prepared: OperationRequest, options: CallOptions | None) -> Sandbox:
        """A lifecycle call; on either plane, the `data` of the answer's envelope is the sandbox."""
        return await self._load(prepared, Sandbox, what="sandbox", options=options)

    async def create(
        self,
        template_name: str,
        *,
        idle_timeout: int | None = None,
        ready_timeout: float | None = 60.0,
        **given: Unpack[CreateSandboxParams],
    ) -> Sandbox:
        """Start a sandbox from a READY template and wait until it is ready to use (up to `ready_timeout`
        seconds; None returns at once). The service ends it after `idle_timeout` seconds without use (its default
        when None; a sandbox lives at most 6 hours). The other CreateSandboxInput fields (sandbox_id, and the mounts
        nas_config, oss_mount_config, polar_fs_config) are keyword arguments too. Use it as
        `async with await client.sandboxes.create(...) as sandbox:` to have it deleted."""
        if idle_timeout is not None:
            whole_number(idle_timeout, "idle_timeout (seconds)")
        options = given.get("options")
        sandbox = await self._write(
            create_sandbox.request, Sandbox, data_models.CreateSandboxInput, given, template_name=template_name,
            sandbox_idle_timeout_seconds=idle_timeout,
        )  # fmt: skip
        if ready_timeout is not None:
            try:
                await sandbox.wait_until_ready(timeout=ready_timeout, options=options)
            except errors.WaitTimeoutError as exc:
                await shielded(sandbox._discard)
                raise errors.WaitTimeoutError(
                    f"sandbox {sandbox.id} was not ready within {ready_timeout:g}s (its health check answered "
                    f"{exc.last_status}) and has been deleted; pass a larger ready_timeout=",
                    last_status=exc.last_status,
                ) from None
            except BaseException:
                await shielded(sandbox._discard)
                raise
        return sandbox

    async def connect(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        """The sandbox `sandbox_id`, to work in it; a paused one is resumed first."""
        sandbox = await self.get(sandbox_id, options=options)
        if text_of(sandbox.status).upper() == "PAUSED":
            await sandbox.resume(options=options)
        return sandbox

    async def get(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        return await self._act(get_sandbox.request(sandbox_id), options)

    async def stop(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        """Stop the sandbox (it may still be listed, as STOPPED or TERMINATED)."""
        return await self._act(stop_sandbox.request(sandbox_id), options)

    async def pause(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        """Pause the sandbox until `resume`."""
        return await self._act(pause_sandbox.request(sandbox_id), options)

    async def resume(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        return await self._act(resume_sandbox.request(sandbox_id), options)

    async def delete(self, sandbox_id: str, *, options: CallOptions | None = None) -> None:
        """Delete the sandbox and everything in it."""
        await self._act(delete_sandbox.request(sandbox_id), options)

    def list(self, **query: Unpack[SandboxQuery]) -> AsyncPager[Sandbox]:
        """Every sandbox matching the filters (template_name, template_type, status, ...); pages under `async for`.
        Stopped sandboxes may still be listed."""
        return self._paged(list_sandboxes.request, Sandbox, "sandbox", by_token=True, **query)
