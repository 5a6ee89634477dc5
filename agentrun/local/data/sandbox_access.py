"""How data-plane handlers reach a running sandbox. Every in-sandbox route (contexts, execute, files, processes)
goes through one of these two, so that unknown or ended sandboxes get the same 404 and the reaper sees activity:

    handle = await running_sandbox(request)       # SandboxHandle; 404 / 409 as below; restarts the idle timer

    async with busy(request) as handle:           # the same, for calls that last (a stream, a command): the
        async for event in ...:                   # sandbox is not idle, whatever its idle timeout, until the
            ...                                   # block exits; the exit counts as activity too

Both read the sandbox id from `request.path_params["sandboxId"]`. Errors (raised as `LocalAPIError`, which the app
turns into `{code, message, requestId}`):
- 404 `ERR_NOT_FOUND` "sandbox <id> does not exist or is not running; create a new sandbox": no such sandbox, or
  it was stopped, deleted, reaped, or left over from before a restart;
- 409 `ERR_CONFLICT` "sandbox <id> is paused; resume it ...": PauseSandbox froze its processes.
Engine errors (`agentrun.local.sandbox.SandboxError`: ContextNotFound, ContextDied, SandboxFailed, ...) may be left
to propagate: app.py maps them (agentrun/local/sandbox_manager/errors.py). The maximum lifetime ends a sandbox even
while busy; its handle then fails like any ended sandbox.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.requests import Request

from agentrun.local.sandbox import SandboxHandle
from agentrun.local.state import state_of


def sandbox_id_of(request: Request) -> str:
    return str(request.path_params["sandboxId"])


async def running_sandbox(request: Request) -> SandboxHandle:
    """The sandbox the path names, if it runs; records the call as activity."""
    return state_of(request).sandboxes.running(sandbox_id_of(request))


@asynccontextmanager
async def busy(request: Request) -> AsyncIterator[SandboxHandle]:
    """The sandbox the path names, kept from idling out while the block runs."""
    async with state_of(request).sandboxes.busy(sandbox_id_of(request)) as handle:
        yield handle
