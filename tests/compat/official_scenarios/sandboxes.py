"""Code-interpreter sandboxes through agentrun-sdk's `Sandbox` / `CodeInterpreterSandbox` (sync and async): create,
health, the `with` block, connect, list, stop, delete, and how errors reach the caller (data-plane.md §5.1, §4).

Where the SDK sleeps: `with sandbox:` polls /health every 1 s until it answers ok, logging an error for each failed
poll. AgentRun Local answers ok on the first poll (the sandbox is READY when create returns), and the logged error
would fail the scenario (see _scenario.py), so the block must open without that sleep. Nothing else sleeps, so the
scenario's wall time is that of its requests.
"""

from __future__ import annotations

import time
from typing import Any

from _scenario import Summary, check, elapsed, equal, raises, raises_async, run, unique

from agentrun.sandbox import ListSandboxesInput, Sandbox, Template, TemplateInput, TemplateType
from agentrun.sandbox.code_interpreter_sandbox import CodeInterpreterSandbox
from agentrun.utils.exception import ClientError, ResourceNotExistError


def template_input(name: str) -> TemplateInput:
    return TemplateInput(template_name=name, template_type=TemplateType.CODE_INTERPRETER, description="compat")


# -- shape checks (shared by both parts) -------------------------------------------------------------------------


def check_created(sandbox: Any, template: str, what: str) -> None:
    check(isinstance(sandbox, CodeInterpreterSandbox), f"{what}: a {type(sandbox).__name__}, not CodeInterpreter")
    check(sandbox.sandbox_id, f"{what}: no sandbox_id")
    equal((sandbox.template_name, sandbox.status), (template, "READY"), f"{what}: template_name, status")
    check(sandbox.created_at and sandbox.template_id, f"{what}: no created_at or template_id")
    equal(sandbox.sandbox_idle_timeout_seconds, 600, f"{what}: sandbox_idle_timeout_seconds (the SDK's default)")


def check_not_found(error: ClientError, missing: str, what: str) -> None:
    """A 404 that names what is missing (not a 404 for an unknown route), with the request id."""
    equal((error.status_code, error.error_code), (404, "ERR_NOT_FOUND"), f"{what}: status_code, error_code")
    check(missing in error.message and error.request_id, f"{what}: message or request id: {error!r}")


# -- sync ---------------------------------------------------------------------------------------------------------


def sync_part(summary: Summary) -> None:
    template = unique("sbx-tpl-sync")
    Template.create(template_input(template))
    start = time.monotonic()
    sandbox = Sandbox.create(TemplateType.CODE_INTERPRETER, template_name=template)
    create_seconds = elapsed(start)
    check_created(sandbox, template, "Sandbox.create")
    health = sandbox.check_health()
    start = time.monotonic()
    with sandbox:
        enter_seconds = elapsed(start)
        sandbox_id = sandbox.sandbox_id
        connected = Sandbox.connect(sandbox_id)  # GetSandbox, then GetTemplate to choose the class
        equal((type(connected), connected.sandbox_id), (CodeInterpreterSandbox, sandbox_id), "Sandbox.connect")
        listed = Sandbox.list(ListSandboxesInput(template_name=template)).sandboxes
    # leaving the block deleted the sandbox
    gone = raises(ResourceNotExistError, lambda: Sandbox.connect(sandbox_id), "connect after the with block")
    health_gone = raises(ClientError, sandbox.check_health, "check_health of a deleted sandbox")
    check_not_found(health_gone, sandbox_id, "check_health of a deleted sandbox")
    summary.update(
        created=[type(sandbox).__name__, sandbox.status],
        health_right_after_create=health,
        create_seconds=create_seconds,
        enter_seconds=enter_seconds,
        connected=[type(connected).__name__, connected.status],
        listed=[s.sandbox_id == sandbox_id for s in listed],
        missing_error=type(gone).__name__,
        health_error=[type(health_gone).__name__, health_gone.status_code, health_gone.error_code],
    )
    sync_stop_and_delete(template, summary)
    Template.delete_by_name(template)


def sync_stop_and_delete(template: str, summary: Summary) -> None:
    chosen_id = unique("sbx-chosen")
    sandbox = Sandbox.create(TemplateType.CODE_INTERPRETER, template_name=template, sandbox_id=chosen_id)
    equal(sandbox.sandbox_id, chosen_id, "Sandbox.create with sandbox_id: sandbox_id")
    stopped = sandbox.stop()
    got = Sandbox.connect(chosen_id)
    health = raises(ClientError, sandbox.check_health, "check_health of a stopped sandbox")
    check_not_found(health, chosen_id, "check_health of a stopped sandbox")
    sandbox.delete()
    deleted_again = raises(ResourceNotExistError, lambda: Sandbox.delete_by_id(chosen_id), "delete again")
    unknown = unique("sbx-none")
    unknown_stop = raises(ResourceNotExistError, lambda: Sandbox.stop_by_id(unknown), "stop of an unknown id")
    unknown_template = raises(
        ResourceNotExistError,
        lambda: Sandbox.create(TemplateType.CODE_INTERPRETER, template_name=unique("tpl-none")),
        "create from an unknown template",
    )
    summary.update(
        stopped=[stopped.status, bool(stopped.ended_at), got.status],
        stopped_health_error=health.status_code,
        missing_errors=[type(e).__name__ for e in (deleted_again, unknown_stop, unknown_template)],
        missing_message=str(unknown_stop),
    )


# -- async --------------------------------------------------------------------------------------------------------


async def async_part(summary: Summary) -> None:
    template = unique("sbx-tpl-async")
    await Template.create_async(template_input(template))
    sandbox = await Sandbox.create_async(TemplateType.CODE_INTERPRETER, template_name=template)
    check_created(sandbox, template, "Sandbox.create_async")
    health = await sandbox.check_health_async()
    start = time.monotonic()
    async with sandbox:
        enter_seconds = elapsed(start)
        sandbox_id = sandbox.sandbox_id
        # with template_type the SDK skips GetTemplate
        connected = await Sandbox.connect_async(sandbox_id, template_type=TemplateType.CODE_INTERPRETER)
        equal((type(connected), connected.sandbox_id), (CodeInterpreterSandbox, sandbox_id), "connect_async")
        listed = (await Sandbox.list_async(ListSandboxesInput(template_name=template))).sandboxes
    gone = await raises_async(ResourceNotExistError, lambda: Sandbox.connect_async(sandbox_id), "connect after")
    health_gone = await raises_async(ClientError, sandbox.check_health_async, "check_health_async after delete")
    check_not_found(health_gone, sandbox_id, "check_health_async of a deleted sandbox")
    stopped = await Sandbox.create_async(TemplateType.CODE_INTERPRETER, template_name=template)
    stop_status = (await stopped.stop_async()).status
    await stopped.delete_async()
    deleted_again = await raises_async(ResourceNotExistError, stopped.delete_async, "delete_async again")
    await Template.delete_by_name_async(template)
    summary.update(
        created=[type(sandbox).__name__, sandbox.status],
        health_right_after_create=health,
        enter_seconds=enter_seconds,
        connected=[type(connected).__name__, connected.status],
        listed=[s.sandbox_id == sandbox_id for s in listed],
        missing_error=type(gone).__name__,
        health_error=[type(health_gone).__name__, health_gone.status_code, health_gone.error_code],
        stopped=[stop_status],
        missing_errors=[type(deleted_again).__name__],
    )


if __name__ == "__main__":
    run("sandboxes", sync_part, async_part)
