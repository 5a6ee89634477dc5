"""Sandbox templates through agentrun-sdk's `Template` (sync and async): create (which polls GetTemplate until
READY), get_by_name, list_templates, update_by_name, delete_by_name (openapi/control.yaml).

Where the SDK sleeps: `Template.create` GETs the template at once and then every 5 s until READY. AgentRun Local
answers READY on the first GET, so create must return without that sleep; the summary records how long it took.
"""

from __future__ import annotations

import asyncio
import time

from _scenario import Summary, check, elapsed, equal, raises, raises_async, run, unique

from agentrun.sandbox import PageableInput, Template, TemplateInput, TemplateType
from agentrun.utils.exception import ClientError, ResourceNotExistError

DELETE_TIMEOUT = 5.0


def create_input(name: str) -> TemplateInput:
    return TemplateInput(template_name=name, template_type=TemplateType.CODE_INTERPRETER, description="compat")


def update_input() -> TemplateInput:
    # The SDK reuses TemplateInput for updates: templateType is required here but dropped from the body.
    return TemplateInput(template_type=TemplateType.CODE_INTERPRETER, memory=8192, description="updated")


def check_created(template: Template, name: str) -> None:
    equal(template.template_name, name, "create: template_name")
    equal(template.status, "READY", "create: status")
    check(template.template_id and template.template_arn, "create: no template_id or template_arn")
    equal(
        (template.cpu, template.memory, template.disk_size, template.sandbox_ttlin_seconds),
        (2.0, 4096, 512, 21600),
        "create: the SDK defaults (cpu, memory, disk_size, sandboxTTLInSeconds)",
    )


def check_updated(template: Template) -> None:
    equal((template.memory, template.description), (8192, "updated"), "update_by_name: memory, description")
    equal((template.disk_size, template.template_type), (512, "CodeInterpreter"), "update_by_name: kept fields")


def sync_part(summary: Summary) -> None:
    name = unique("tpl-sync")
    start = time.monotonic()
    created = Template.create(create_input(name))
    create_seconds = elapsed(start)
    check_created(created, name)
    equal(Template.get_by_name(name).template_id, created.template_id, "get_by_name: template_id")
    listed = [t.template_name for t in Template.list_templates(PageableInput(page_number=1, page_size=100))]
    check(name in listed, f"list_templates lacks {name}: {listed}")
    default_page = Template.list_templates()
    check(all(isinstance(t, Template) for t in default_page), "list_templates(): items are not Templates")
    check_updated(Template.update_by_name(name, update_input()))
    duplicate = raises(ClientError, lambda: Template.create(create_input(name)), "duplicate create")
    check("already exists" in duplicate.message, f"duplicate create: message {duplicate.message!r}")
    deleted = Template.delete_by_name(name)
    equal(deleted.status, "DELETING", "delete_by_name: status")
    statuses: list[str | None] = []
    deadline = time.monotonic() + DELETE_TIMEOUT
    while True:
        try:
            statuses.append(Template.get_by_name(name).status)
        except ResourceNotExistError:
            break
        check(time.monotonic() < deadline, f"template still there {DELETE_TIMEOUT} s after delete: {statuses}")
        time.sleep(0.05)
    check(set(statuses) <= {"DELETING"}, f"get after delete: {statuses}")
    missing = raises(ResourceNotExistError, lambda: Template.delete_by_name(name), "delete of a deleted template")
    summary.update(
        create_seconds=create_seconds,
        listed=name in listed,
        default_page_size=len(default_page),
        duplicate_error=[type(duplicate).__name__, duplicate.status_code],
        statuses_after_delete=sorted(set(statuses)),
        missing_error=type(missing).__name__,
    )


async def async_part(summary: Summary) -> None:
    name = unique("tpl-async")
    start = time.monotonic()
    created = await Template.create_async(create_input(name))
    create_seconds = elapsed(start)
    check_created(created, name)
    listed = [t.template_name for t in await Template.list_templates_async(PageableInput(page_number=1, page_size=100))]
    check(name in listed, f"list_templates_async lacks {name}")
    check_updated(await Template.update_by_name_async(name, update_input()))
    await Template.delete_by_name_async(name)
    deadline = time.monotonic() + DELETE_TIMEOUT
    while True:
        try:
            status = (await Template.get_by_name_async(name)).status
        except ResourceNotExistError:
            break
        equal(status, "DELETING", "get_by_name_async after delete: status")
        check(time.monotonic() < deadline, f"template still there {DELETE_TIMEOUT} s after delete")
        await asyncio.sleep(0.05)
    missing = await raises_async(ResourceNotExistError, lambda: Template.get_by_name_async(name), "get after delete")
    summary.update(create_seconds=create_seconds, listed=name in listed, missing_error=type(missing).__name__)


if __name__ == "__main__":
    run("templates", sync_part, async_part)
