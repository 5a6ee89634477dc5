"""Instance logs on the data plane (openapi/data.yaml GetAgentRuntimeLogs, an extension): what each instance of a
runtime wrote to stdout and stderr, the running ones and the last few that ended (manager.ENDED_KEPT), each bounded
by size (logs.py).

    GET /agent-runtimes/{name}/logs[?instanceId=...&tailBytes=N]            JSON: {instances: [... output ...]}
    GET /agent-runtimes/{name}/logs?follow=true                              SSE: output / exit events, live

Following replays what is kept (or its last `tailBytes` per instance), then sends output as it is written, from
instances started later too, until the client leaves.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from agentrun.local.asgi import ClientDisconnected, finish, send_start, until_disconnect
from agentrun.local.resources import AGENT_RUNTIME
from agentrun.local.responses import LocalAPIError, bad_request, request_id
from agentrun.local.runtimes.instances import Instance
from agentrun.local.runtimes.manager import RuntimeManager
from agentrun.local.state import state_of
from agentrun.local.store import Tx


def _runtime_id(tx: Tx, name: str) -> str:
    row = next((row for row in tx.list(AGENT_RUNTIME) if row.doc.get("agentRuntimeName") == name), None)
    if row is None or row.doc.get("status") == "DELETING":
        raise LocalAPIError(404, "ERR_NOT_FOUND", f"agent runtime {name} does not exist")
    return row.key


def _query(request: Request) -> tuple[str | None, int | None, bool]:
    tail = request.query_params.get("tailBytes")
    tail_bytes: int | None = None
    if tail is not None:
        if not tail.isdigit():
            raise bad_request(f"tailBytes must be a whole number of bytes, not {tail!r}")
        tail_bytes = int(tail)
    follow = request.query_params.get("follow", "false").lower()
    if follow not in ("true", "false"):
        raise bad_request(f"follow must be true or false, not {follow!r}")
    return request.query_params.get("instanceId") or None, tail_bytes, follow == "true"


def _start_offset(instance: Instance, tail_bytes: int | None) -> int:
    return 0 if tail_bytes is None else max(0, instance.log.end - tail_bytes)


def _chosen(manager: RuntimeManager, runtime_id: str, instance_id: str | None, name: str) -> list[Instance]:
    instances = manager.instances_of(runtime_id)
    if instance_id is None:
        return instances
    chosen = [instance for instance in instances if instance.id == instance_id]
    if not chosen:
        raise LocalAPIError(404, "ERR_NOT_FOUND", f"agent runtime {name} has no instance {instance_id} (or its log "
                            "was dropped: the last few ended instances are kept)")  # fmt: skip
    return chosen


async def get_logs(request: Request) -> Response:
    state = state_of(request)
    name = str(request.path_params["agentRuntimeName"])
    instance_id, tail_bytes, follow = _query(request)
    runtime_id = await state.store.transact(lambda tx: _runtime_id(tx, name))
    chosen = _chosen(state.runtimes, runtime_id, instance_id, name)
    if follow:
        return _Follow(state.runtimes, runtime_id, instance_id, tail_bytes)
    answers = []
    for instance in chosen:
        chunk = await instance.log.read(_start_offset(instance, tail_bytes))
        answers.append({**instance.info(), "output": chunk.data.decode(errors="replace"), "droppedBytes": chunk.offset})
    return JSONResponse({"agentRuntimeName": name, "instances": answers})


class _Follow(Response):
    def __init__(self, manager: RuntimeManager, runtime_id: str, instance_id: str | None, tail: int | None) -> None:
        super().__init__()
        self.manager, self.runtime_id, self.instance_id, self.tail = manager, runtime_id, instance_id, tail

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with contextlib.suppress(ClientDisconnected, OSError):
            await until_disconnect(receive, lambda: self._respond(request_id(scope), send))

    async def _respond(self, rid: str, send: Send) -> None:
        await send_start(send, 200, "text/event-stream; charset=utf-8", rid, event_stream=True)
        offsets: dict[str, int] = {}
        finished: set[str] = set()
        changes = self.manager.changes_of(self.runtime_id)
        while True:
            waiter = changes.waiter()  # before reading: a change made meanwhile wakes the wait below
            for instance in self.manager.instances_of(self.runtime_id):
                if instance.id in finished or (self.instance_id is not None and instance.id != self.instance_id):
                    continue
                first = instance.id not in offsets
                offset = offsets.setdefault(instance.id, _start_offset(instance, self.tail))
                while (chunk := await instance.log.read(offset)).data:
                    offset = chunk.offset + len(chunk.data)
                    text = chunk.data.decode(errors="replace")
                    dropped = chunk.offset if first else chunk.dropped  # all before it, then what was missed
                    first = False
                    await _event(send, {"type": "output", "instanceId": instance.id, "text": text,
                                        "droppedBytes": dropped})  # fmt: skip
                offsets[instance.id] = offset
                if instance.log.closed and offset >= instance.log.end:
                    finished.add(instance.id)
                    await _event(send, {"type": "exit", **instance.info()})
                    if self.instance_id is not None:  # the one instance asked for has ended: so does the stream
                        await finish(send)
                        return
            await waiter.wait()


async def _event(send: Send, event: dict[str, Any]) -> None:
    wire = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
    await send({"type": "http.response.body", "body": f"event: {event['type']}\ndata: {wire}\n\n".encode(),
                "more_body": True})  # fmt: skip


def routes() -> list[BaseRoute]:
    return [Route("/agent-runtimes/{agentRuntimeName}/logs", get_logs, methods=["GET"])]
