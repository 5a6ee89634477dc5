"""Code-interpreter sandboxes through agentrun-sdk's `Sandbox` / `CodeInterpreterSandbox` (sync and async): create,
health, the `with` block, contexts and execution, files as code in the sandbox sees them (sandbox_files.py checks
each file call on its own), processes (cmd, list, get, kill), connect, list, stop, delete, and how errors reach the
caller (openapi/data.yaml).

The SDK does not parse most in-sandbox answers: it hands the caller the JSON. So the checks here are on the shapes
its consumers read (openapi/data.yaml): execute carries `results[]` and top-level `stdout`/`exitCode`; cmd
carries top-level `exitCode`/`stdout`, `result.*` and `status`; contexts carry truthy `id`/`cwd`/`language`.

Where the SDK sleeps: `with sandbox:` polls /health every 1 s until it answers ok, logging an error for each failed
poll. AgentRun Local answers ok on the first poll (the sandbox is READY when create returns), and the logged error
would fail the scenario (see _scenario.py), so the block must open without that sleep. Nothing else sleeps, so the
scenario's wall time is that of its requests.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
import time
from typing import Any

from _scenario import Summary, check, elapsed, equal, raises, raises_async, run, unique

from agentrun.sandbox import ListSandboxesInput, Sandbox, Template, TemplateInput, TemplateType
from agentrun.sandbox.code_interpreter_sandbox import CodeInterpreterSandbox
from agentrun.utils.exception import ClientError, ResourceNotExistError

HOME = "/home/user"
BINARY = bytes(range(256)) * 64 + b"\x00\xff\r\n"  # every byte value, NUL and a CRLF included
REVERSED = bytes(range(256))[::-1] + b"\r\n"
KILL_TIMEOUT = 20.0  # seconds to see the long command running, then to see it end once killed
LONG_COMMAND_SECONDS = 60  # longer than the scenario takes: the command ends early only because it is killed
TEXT = "héllo, sandbox\n"


def template_input(name: str) -> TemplateInput:
    return TemplateInput(template_name=name, template_type=TemplateType.CODE_INTERPRETER, description="compat")


# -- shape checks (shared by both parts) -------------------------------------------------------------------------


def check_created(sandbox: Any, template: str, what: str) -> None:
    check(isinstance(sandbox, CodeInterpreterSandbox), f"{what}: a {type(sandbox).__name__}, not CodeInterpreter")
    check(sandbox.sandbox_id, f"{what}: no sandbox_id")
    equal((sandbox.template_name, sandbox.status), (template, "READY"), f"{what}: template_name, status")
    check(sandbox.created_at and sandbox.template_id, f"{what}: no created_at or template_id")
    equal(sandbox.sandbox_idle_timeout_seconds, 600, f"{what}: sandbox_idle_timeout_seconds (the SDK's default)")


def check_context(described: Any, context_id: str, what: str) -> None:
    check(isinstance(described, dict), f"{what}: not an object: {described!r}")
    equal(
        (described.get("id"), described.get("cwd"), described.get("language")),
        (context_id, HOME, "python"),
        f"{what}: id, cwd, language",
    )


def listed_context(contexts: Any, context_id: str) -> dict[str, Any]:
    """The entry of `context_id` in a ListContexts answer (a JSON list, openapi/data.yaml)."""
    check(isinstance(contexts, list), f"list contexts: not a list: {contexts!r}")
    found = [c for c in contexts if c.get("id") == context_id]
    check(len(found) == 1, f"list contexts: {context_id} listed {len(found)} times: {contexts!r}")
    return dict(found[0])


def outputs(result: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [item for item in result["results"] if item.get("type") == kind]


def check_execution(result: Any, *, stdout: str, value: str | None, context_id: str | None, what: str) -> None:
    """A successful execution, as both consumers read it: results[] (stdout items, the result's repr, then
    endOfExecution ok) and the flattened top-level stdout/stderr/exitCode."""
    check(isinstance(result, dict) and isinstance(result.get("results"), list), f"{what}: no results[]: {result!r}")
    equal((result.get("stdout"), result.get("stderr"), result.get("exitCode")), (stdout, "", 0), f"{what}: top level")
    equal("".join(item.get("text", "") for item in outputs(result, "stdout")), stdout, f"{what}: stdout items")
    equal([item.get("text") for item in outputs(result, "result")], [value] if value else [], f"{what}: result")
    equal(result["results"][-1], {"type": "endOfExecution", "status": "ok"}, f"{what}: last item")
    if context_id is not None:
        equal(result.get("contextId"), context_id, f"{what}: contextId")


def execution_summary(first: dict[str, Any], second: dict[str, Any], failed: dict[str, Any]) -> Summary:
    """What the tests check again: the keys and item types of an execution, the value kept by its context, and how
    a failed one ends."""
    return {
        "execute_keys": sorted(first),
        "execute_result_types": [item["type"] for item in first["results"]],
        "same_context_value": outputs(second, "result")[0]["text"],
        "failed": [
            failed["exitCode"],
            failed["results"][-1],
            outputs(failed, "error")[0]["text"].splitlines()[-1],
        ],
    }


def check_failed_execution(result: Any, what: str) -> None:
    check(isinstance(result, dict) and isinstance(result.get("results"), list), f"{what}: no results[]: {result!r}")
    equal(result.get("exitCode"), 1, f"{what}: exitCode")
    errors = outputs(result, "error")
    check(len(errors) == 1 and "ZeroDivisionError" in errors[0].get("text", ""), f"{what}: error item: {result!r}")
    equal(result["results"][-1], {"type": "endOfExecution", "status": "error"}, f"{what}: last item")


def entries(listing: Any) -> list[dict[str, Any]]:
    """The entries of a ListDirectory answer: `{path, entries}` or a bare list (openapi/data.yaml)."""
    items = listing.get("entries") if isinstance(listing, dict) else listing
    check(isinstance(items, list), f"list directory: no entries: {listing!r}")
    check(all("name" in e and "type" in e and "size" in e for e in items), f"list directory: {items!r}")
    return list(items)


def paths_under(listing: Any, root: str) -> list[str]:
    """The listed paths, relative to `root`, sorted: each entry's `path`, else its `name`."""
    found = []
    for entry in entries(listing):
        path = str(entry.get("path") or f"{root}/{entry['name']}")
        check(path.startswith(root + "/"), f"list directory: {path} is not under {root}")
        found.append(path[len(root) + 1 :])
    return sorted(found)


def check_stat(stat: Any, size: int, what: str) -> None:
    check(isinstance(stat, dict), f"{what}: not an object: {stat!r}")
    equal((stat.get("size"), stat.get("type")), (size, "file"), f"{what}: size, type")
    check(stat.get("mtime"), f"{what}: no mtime: {stat!r}")


def check_read(read: Any, content: str, what: str) -> None:
    check(isinstance(read, dict), f"{what}: not an object: {read!r}")
    equal(read.get("content"), content, f"{what}: content")


def check_not_text(error: ClientError, what: str) -> None:
    """ReadFile of a binary file: the official SDK cannot ask for base64, so AgentRun Local answers 422 pointing it
    to download (which it has) instead of text that would not round-trip."""
    equal((error.status_code, error.error_code), (422, "ERR_NOT_TEXT"), f"{what}: status_code, error_code")
    check("download" in error.message, f"{what}: the message does not point to download: {error.message!r}")


def check_not_found(error: ClientError, missing: str, what: str) -> None:
    """A 404 that names what is missing (not a 404 for an unknown route), with the request id."""
    equal((error.status_code, error.error_code), (404, "ERR_NOT_FOUND"), f"{what}: status_code, error_code")
    check(missing in error.message and error.request_id, f"{what}: message or request id: {error!r}")


def check_cmd(result: Any, *, stdout: str, stderr: str, exit_code: int, what: str) -> None:
    """Both forms of a command's answer: top-level exitCode/stdout (README) and result.* plus status (tests)."""
    check(isinstance(result, dict), f"{what}: not an object: {result!r}")
    equal(
        (result.get("exitCode"), result.get("stdout"), result.get("stderr")),
        (exit_code, stdout, stderr),
        f"{what}: top-level exitCode, stdout, stderr",
    )
    nested = result.get("result")
    check(isinstance(nested, dict), f"{what}: no result object: {result!r}")
    equal(
        (nested.get("exitCode"), nested.get("stdout"), nested.get("stderr")),
        (exit_code, stdout, stderr),
        f"{what}: result.exitCode, result.stdout, result.stderr",
    )
    check(result.get("status") in ("completed", "success"), f"{what}: status {result.get('status')!r}")


def running_process(processes: Any, marker: str) -> dict[str, Any] | None:
    """The running process whose command line carries `marker`, from a ListProcesses answer (a JSON list whose items
    have `pid` and `name`, openapi/data.yaml)."""
    check(isinstance(processes, list), f"list processes: not a list: {processes!r}")
    check(all("pid" in p and "name" in p for p in processes), f"list processes: pid or name missing: {processes!r}")
    found = [p for p in processes if marker in str(p.get("command", "")) and p.get("status") == "running"]
    return dict(found[0]) if found else None


def check_killed(killed: Any, marker: str, what: str) -> None:
    """The answer of a cmd whose process was killed: it ends early, not with exit code 0, without its last echo."""
    check(isinstance(killed, dict), f"{what}: not an object: {killed!r}")
    check(killed.get("exitCode") not in (0, None), f"{what}: exitCode {killed.get('exitCode')!r}")
    check(marker not in str(killed.get("stdout")), f"{what}: the command ran to its end: {killed!r}")


def local_file(directory: str, name: str, data: bytes) -> str:
    path = os.path.join(directory, name)
    with open(path, "wb") as out:
        out.write(data)
    return path


def read_local(path: str) -> bytes:
    with open(path, "rb") as source:
        return source.read()


# -- sync ---------------------------------------------------------------------------------------------------------


def sync_contexts(sandbox: CodeInterpreterSandbox, summary: Summary) -> None:
    # Stateless first: the SDK reuses the last created context id once there is one.
    stateless = sandbox.context.execute("print('no context')\n6 * 7")
    check_execution(stateless, stdout="no context\n", value="42", context_id=None, what="stateless execute")
    with sandbox.context.create() as context:
        context_id = context.context_id
        check(context_id, "context.create: no context id")
        check_context(listed_context(sandbox.context.list(), context_id), context_id, "context.list")
        described = sandbox.data_api.get_context(context_id)
        check_context(described, context_id, "get context")
        equal(sandbox.context.get(context_id).context_id, context_id, "context.get: context_id")
        first = context.execute("x = 41\nprint('set x')\nx + 1")
        check_execution(first, stdout="set x\n", value="42", context_id=context_id, what="execute")
        second = context.execute("x")
        check_execution(second, stdout="", value="41", context_id=context_id, what="execute in the same context")
        failed = context.execute("1 / 0")
        check_failed_execution(failed, "execute that raises")
    summary.update(context=sorted(described), **execution_summary(first, second, failed))
    # leaving the block deleted the context (a failed delete would have logged an error)
    missing = raises(ClientError, lambda: sandbox.data_api.get_context(context_id), "get of a deleted context")
    check_not_found(missing, context_id, "get of a deleted context")
    other = sandbox.context.create()
    other_id = other.context_id
    other.delete()
    check(other.context_id is None, "context.delete: the SDK keeps the deleted id")
    summary.update(stateless_result=outputs(stateless, "result")[0]["text"], deleted_context_error=missing.status_code)
    summary.update(deleted_context_listed=any(c.get("id") == other_id for c in sandbox.context.list()))


def sync_files(sandbox: CodeInterpreterSandbox, local: str, summary: Summary) -> None:
    """The file API and code in the sandbox see the same files (sandbox_files.py checks each call on its own);
    list depths, stat, and the errors."""
    root = f"{HOME}/sync-tree"
    sandbox.file.write(f"{root}/notes/a.txt", TEXT)  # createDir: notes/ does not exist yet
    seen = sandbox.context.execute(f"print(open({root + '/notes/a.txt'!r}, encoding='utf-8').read(), end='')")
    equal(seen.get("stdout"), TEXT, "the written file, read by code in the sandbox")
    sandbox.file_system.upload(local_file(local, "sync.bin", BINARY), f"{root}/up/data.bin")
    digest = f"import hashlib\nhashlib.sha256(open({root + '/up/data.bin'!r}, 'rb').read()).hexdigest()"
    check_execution(
        sandbox.context.execute(digest),
        stdout="",
        value=repr(hashlib.sha256(BINARY).hexdigest()),
        context_id=None,
        what="the uploaded bytes, hashed by code in the sandbox",
    )
    wrote = sandbox.context.execute(f"open({root + '/up/made.bin'!r}, 'wb').write({REVERSED!r})")
    check_execution(wrote, stdout="", value=str(len(REVERSED)), context_id=None, what="code writes a binary file")
    saved = os.path.join(local, "made.bin")
    download = sandbox.file_system.download(f"{root}/up/made.bin", saved)
    equal(download, {"saved_path": saved, "size": len(REVERSED)}, "file_system.download")
    equal(read_local(saved), REVERSED, "the bytes code in the sandbox wrote, downloaded")
    check_stat(sandbox.file_system.stat(f"{root}/notes/a.txt"), len(TEXT.encode()), "file_system.stat")
    sandbox.file_system.mkdir(f"{root}/notes/sub/deeper")
    shallow = paths_under(sandbox.file_system.list(path=root, depth=1), root)
    deep = paths_under(sandbox.file_system.list(path=root, depth=3), root)
    sandbox.file_system.move(f"{root}/notes/a.txt", f"{root}/a.txt")
    moved_away = raises(ClientError, lambda: sandbox.file_system.stat(f"{root}/notes/a.txt"), "stat of a moved file")
    check_not_found(moved_away, "a.txt", "stat of a moved file")
    check_read(sandbox.file.read(f"{root}/a.txt"), TEXT, "file.read after move")
    not_text = raises(ClientError, lambda: sandbox.file.read(f"{root}/up/data.bin"), "file.read of a binary file")
    check_not_text(not_text, "file.read of a binary file")
    sandbox.file_system.remove(f"{root}/notes")
    summary.update(
        listed_depth_1=shallow,
        listed_depth_3=deep,
        listed_after_remove=paths_under(sandbox.file_system.list(path=root), root),
        binary_read_error=[not_text.status_code, not_text.error_code],
        round_trips={
            "written, read by code": seen.get("stdout") == TEXT,
            "code wrote, downloaded": read_local(saved) == REVERSED,
        },
    )


def sync_processes(sandbox: CodeInterpreterSandbox, summary: Summary) -> None:
    ran = sandbox.process.cmd("echo out; echo err >&2; exit 3", cwd=HOME)
    check_cmd(ran, stdout="out\n", stderr="err\n", exit_code=3, what="process.cmd")
    check_cmd(sandbox.process.cmd("pwd", cwd="/tmp"), stdout="/tmp\n", stderr="", exit_code=0, what="cmd in /tmp")
    # The kill of a running cmd is checked by the async part only: agentrun-sdk 0.0.54's sync data client keeps
    # mutable per-call state, so a cmd waited for in another thread while this thread
    # lists can be sent to the wrong sandbox (seen here with the async part running beside it).
    listed = sandbox.process.list()
    check(all("pid" in p and "name" in p for p in listed), f"process.list: pid or name missing: {listed!r}")
    pid = str(listed[0]["pid"])
    got = sandbox.process.get(pid)
    equal(got.get("status"), "exited", "process.get of a finished cmd: status")
    summary.update(cmd_keys=sorted(ran), process_statuses=[got.get("status")])


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
        sync_contexts(connected, summary)
        with tempfile.TemporaryDirectory() as local:
            sync_files(sandbox, local, summary)
        sync_processes(sandbox, summary)
    # leaving the block deleted the sandbox
    gone = raises(ResourceNotExistError, lambda: Sandbox.connect(sandbox_id), "connect after the with block")
    in_gone = raises(ClientError, lambda: sandbox.file.read(f"{HOME}/x"), "file.read in a deleted sandbox")
    check_not_found(in_gone, sandbox_id, "file.read in a deleted sandbox")
    health_gone = raises(ClientError, sandbox.check_health, "check_health of a deleted sandbox")
    check_not_found(health_gone, sandbox_id, "check_health of a deleted sandbox")
    with tempfile.TemporaryDirectory() as local:
        download_gone = raises(
            ClientError,
            lambda: sandbox.file_system.download(f"{HOME}/x", os.path.join(local, "x")),
            "download from a deleted sandbox",
        )
    summary.update(
        created=[type(sandbox).__name__, sandbox.status],
        health_right_after_create=health,
        create_seconds=create_seconds,
        enter_seconds=enter_seconds,
        connected=[type(connected).__name__, connected.status],
        listed=[s.sandbox_id == sandbox_id for s in listed],
        missing_error=type(gone).__name__,
        in_sandbox_error=[type(in_gone).__name__, in_gone.status_code, in_gone.error_code],
        health_error=[type(health_gone).__name__, health_gone.status_code, health_gone.error_code],
        download_error=[type(download_gone).__name__, download_gone.status_code],
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


async def async_contexts(sandbox: CodeInterpreterSandbox, summary: Summary) -> None:
    stateless = await sandbox.context.execute_async("print('no context')\n6 * 7")
    check_execution(stateless, stdout="no context\n", value="42", context_id=None, what="stateless execute_async")
    async with await sandbox.context.create_async() as context:
        context_id = context.context_id
        check(context_id, "context.create_async: no context id")
        check_context(listed_context(await sandbox.context.list_async(), context_id), context_id, "list_async")
        described = await sandbox.data_api.get_context_async(context_id)
        check_context(described, context_id, "get_context_async")
        first = await context.execute_async("x = 41\nprint('set x')\nx + 1")
        check_execution(first, stdout="set x\n", value="42", context_id=context_id, what="execute_async")
        second = await context.execute_async("x")
        check_execution(second, stdout="", value="41", context_id=context_id, what="execute_async, same context")
        failed = await context.execute_async("1 / 0")
        check_failed_execution(failed, "execute_async that raises")
    missing = await raises_async(
        ClientError, lambda: sandbox.data_api.get_context_async(context_id), "get of a deleted context"
    )
    check_not_found(missing, context_id, "get_context_async of a deleted context")
    summary.update(context=sorted(described), deleted_context_error=missing.status_code)
    summary.update(stateless_result=outputs(stateless, "result")[0]["text"], **execution_summary(first, second, failed))


async def async_files(sandbox: CodeInterpreterSandbox, local: str, summary: Summary) -> None:
    root = f"{HOME}/async-tree"
    code = f"import os\nos.makedirs({root!r})\nopen({root + '/made.bin'!r}, 'wb').write({REVERSED!r})"
    wrote = await sandbox.context.execute_async(code)
    check_execution(wrote, stdout="", value=str(len(REVERSED)), context_id=None, what="code writes a binary file")
    saved = os.path.join(local, "made.bin")
    await sandbox.file_system.download_async(f"{root}/made.bin", saved)
    equal(read_local(saved), REVERSED, "the bytes code in the sandbox wrote, downloaded (async)")
    check_stat(await sandbox.file_system.stat_async(f"{root}/made.bin"), len(REVERSED), "stat_async")
    await sandbox.file_system.mkdir_async(f"{root}/sub/deeper")
    shallow = paths_under(await sandbox.file_system.list_async(path=root, depth=1), root)
    deep = paths_under(await sandbox.file_system.list_async(path=root, depth=2), root)
    summary.update(
        listed_depth_1=shallow,
        listed_depth_2=deep,
        round_trips={"code wrote, downloaded": read_local(saved) == REVERSED},
    )


async def async_processes(sandbox: CodeInterpreterSandbox, summary: Summary) -> None:
    ran = await sandbox.process.cmd_async("echo out; echo err >&2; exit 3", cwd=HOME)
    check_cmd(ran, stdout="out\n", stderr="err\n", exit_code=3, what="process.cmd_async")
    marker = unique("kill-me")
    long_command = asyncio.ensure_future(
        sandbox.process.cmd_async(f"sleep {LONG_COMMAND_SECONDS}; echo {marker}", HOME, 120)
    )
    try:
        deadline = time.monotonic() + KILL_TIMEOUT
        while (process := running_process(await sandbox.process.list_async(), marker)) is None:
            check(not long_command.done(), f"the long command ended before it was killed: {long_command}")
            check(time.monotonic() < deadline, f"process.list_async never showed the command {marker} running")
            await asyncio.sleep(0.05)
        pid = str(process["pid"])
        running = await sandbox.process.get_async(pid)
        await sandbox.process.kill_async(pid)
        killed = await asyncio.wait_for(long_command, KILL_TIMEOUT)
    finally:
        long_command.cancel()
    check_killed(killed, marker, "the killed cmd_async")
    summary.update(
        cmd_keys=sorted(ran),
        process_statuses=[running.get("status"), (await sandbox.process.get_async(pid)).get("status")],
        killed_exit_code=killed.get("exitCode"),
    )


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
        await async_contexts(sandbox, summary)
        with tempfile.TemporaryDirectory() as local:
            await async_files(connected, local, summary)
        await async_processes(sandbox, summary)
    gone = await raises_async(ResourceNotExistError, lambda: Sandbox.connect_async(sandbox_id), "connect after")
    in_gone = await raises_async(
        ClientError, lambda: sandbox.file.read_async(f"{HOME}/x"), "file.read_async in a deleted sandbox"
    )
    check_not_found(in_gone, sandbox_id, "file.read_async in a deleted sandbox")
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
        in_sandbox_error=[type(in_gone).__name__, in_gone.status_code, in_gone.error_code],
        health_error=[type(health_gone).__name__, health_gone.status_code, health_gone.error_code],
        stopped=[stop_status],
        missing_errors=[type(deleted_again).__name__],
    )


if __name__ == "__main__":
    run("sandboxes", sync_part, async_part)
