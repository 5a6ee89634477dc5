"""Sandboxes on the control plane: create one from a template, look it up, list, stop, pause, resume, delete.

Working inside a sandbox (code, files, processes, browser) goes through the data plane and is added to `Sandbox`
by the data-plane modules.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from agentrun_control_api.api.sandboxes import (
    create_sandbox,
    delete_sandbox,
    get_sandbox,
    list_sandboxes,
    pause_sandbox,
    resume_sandbox,
    stop_sandbox,
)
from agentrun_control_api.models import CreateSandboxInput, TemplateType
from agentrun_control_api.models import Sandbox as SandboxModel
from attrs import define, field

from agentrun._core.http import CallOptions, HttpCore
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI, bound, build_input, copy_fields, resource_repr, text_of
from agentrun._core.waiting import FAILED_STATUSES, wait_for_status

RUNNING_STATUSES = frozenset({"READY", "RUNNING"})
"""Statuses of a sandbox that can do work. The service's casing varies: compare with `.upper()`."""
ENDED_STATUSES = FAILED_STATUSES | {"STOPPED", "TERMINATED", "DELETING"}
"""Statuses from which a sandbox does not come back to running by itself."""


@define(repr=False)
class Sandbox(SandboxModel):
    """A sandbox as the service returns it, with methods that act on it. `status` is a free string whose casing
    varies between services (READY, Running, STOPPED, ...); `is_running` compares it case-insensitively."""

    _api: Sandboxes | None = field(default=None, repr=False, eq=False, alias="_api")
    __repr__ = resource_repr

    @property
    def id(self) -> str:
        return text_of(self.sandbox_id)

    @property
    def is_running(self) -> bool:
        """Whether the last known status is READY or RUNNING, in any casing."""
        return text_of(self.status).upper() in RUNNING_STATUSES

    async def refresh(self, *, options: CallOptions | None = None) -> Sandbox:
        """Reload every field from the service."""
        copy_fields(await bound(self._api, self).get(self.id, options=options), self)
        return self

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

    async def delete(self, *, options: CallOptions | None = None) -> None:
        await bound(self._api, self).delete(self.id, options=options)

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
    """`client.sandboxes`: sandbox lifecycle through the control plane."""

    def __init__(self, core: HttpCore) -> None:
        super().__init__(core)

    def _bind(self, sandbox: Sandbox) -> Sandbox:
        sandbox._api = self
        return sandbox

    async def _act(self, operation: ModuleType, action: str, sandbox_id: str, options: CallOptions | None) -> Sandbox:
        acted = await self._send(
            operation, Sandbox, action=action, what="sandbox", options=options, idempotent=True, sandbox_id=sandbox_id
        )
        return self._bind(acted)

    async def create(
        self,
        template_name: str,
        *,
        sandbox_id: str | None = None,
        idle_timeout_seconds: int | None = None,
        options: CallOptions | None = None,
        **more: Any,
    ) -> Sandbox:
        """Start a sandbox from a READY template; it is stopped after `idle_timeout_seconds` without use (the
        service default when None). Other CreateSandboxInput fields (nas_config, oss_mount_config, polar_fs_config)
        go in `more`."""
        body = build_input(
            CreateSandboxInput,
            "create sandbox",
            template_name=template_name,
            sandbox_id=sandbox_id,
            sandbox_idle_timeout_seconds=idle_timeout_seconds,
            **more,
        )
        created = await self._send(
            create_sandbox, Sandbox, action="CreateSandbox", what="sandbox", options=options, body=body
        )
        return self._bind(created)

    async def get(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        return await self._act(get_sandbox, "GetSandbox", sandbox_id, options)

    async def stop(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        """Stop the sandbox (it may still be listed, as STOPPED or TERMINATED)."""
        return await self._act(stop_sandbox, "StopSandbox", sandbox_id, options)

    async def pause(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        """Pause the sandbox until `resume`."""
        return await self._act(pause_sandbox, "PauseSandbox", sandbox_id, options)

    async def resume(self, sandbox_id: str, *, options: CallOptions | None = None) -> Sandbox:
        return await self._act(resume_sandbox, "ResumeSandbox", sandbox_id, options)

    async def delete(self, sandbox_id: str, *, options: CallOptions | None = None) -> None:
        await self._act(delete_sandbox, "DeleteSandbox", sandbox_id, options)

    def list(
        self,
        *,
        template_name: str | None = None,
        template_type: TemplateType | str | None = None,
        status: str | None = None,
        page_size: int = 50,
        limit: int | None = None,
        options: CallOptions | None = None,
    ) -> AsyncPager[Sandbox]:
        """Every sandbox matching the filters; pages under `async for`. Stopped sandboxes may still be listed."""
        return self._token_paged(
            list_sandboxes, Sandbox, action="ListSandboxes", what="sandbox", bind=self._bind, page_size=page_size,
            limit=limit, options=options, template_name=template_name, template_type=template_type, status=status,
        )  # fmt: skip
