"""One generic implementation of create / get / update / delete / list, parameterised per resource by a `Spec`.

Each area module (credentials.py, templates.py, ...) declares its Spec(s) — kind, key and name fields, id
generation, input and output models, filters, secret fields, hooks for server-set fields — and adds routes only
for what is specific to it.

Lifecycle, as the SDK's waiting logic expects (openapi/control.yaml): create answers CREATING, update UPDATING,
and both settle to READY after `ServerState.settle_seconds` (or `Spec.settle`); delete answers DELETING and the
resource then disappears, with its children. Resources without a status (credentials) change at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from agentrun.local import schema
from agentrun.local.auth import MAX_CONTROL_BODY
from agentrun.local.control import write_rules
from agentrun.local.requests import parse_bool, positive_int, read_body
from agentrun.local.resources import new_id
from agentrun.local.responses import (
    already_exists,
    bad_request,
    conflict,
    envelope,
    envelope_data,
    envelope_raw,
    not_found,
)
from agentrun.local.schema import WireModel
from agentrun.local.state import ServerState, state_of, timestamp
from agentrun.local.store import Conflict, Transition, Tx

Doc = dict[str, Any]
TRANSITIONAL = ("CREATING", "UPDATING")


@dataclass
class Change:
    """What a create/update hook sees: the document about to be written (change it in place) and its context."""

    state: ServerState
    tx: Tx
    doc: Doc
    parent: Doc | None


class Lifecycle(Protocol):
    """Work a resource does around its writes, beyond the record (agent runtimes build and run their code):
    `prepare` checks and readies a create/update body before it is written (raising a LocalAPIError refuses it),
    `committed`/`abandoned` follow a write that succeeded/failed, `pending` says the document's transitional status
    is settled by that work rather than after the settle time, `deleted` follows a delete."""

    async def prepare(self, state: ServerState, doc: Doc) -> None: ...
    def pending(self, state: ServerState, doc: Doc) -> bool: ...
    def committed(self, state: ServerState, key: str, doc: Doc) -> None: ...
    def abandoned(self, state: ServerState, doc: Doc) -> None: ...
    async def deleted(self, state: ServerState, key: str) -> None: ...


# A list filter: given a query parameter's value (and all query parameters), the predicate documents must meet.
# Values are parsed once, before any document is looked at, so a bad one is a 400 even on an empty list.
Predicate = Callable[[Doc], bool]
Filter = Callable[[str, QueryParams], Predicate]


@dataclass(frozen=True)
class Parent:
    kind: str  # the owning resource's kind, e.g. "agent runtime"
    param: str  # the path parameter that holds its key, e.g. "agentRuntimeId"


@dataclass(frozen=True)
class Keys:
    """The document fields that find and name a resource."""

    key: str  # document key that is also the path parameter, e.g. "agentRuntimeId" or "credentialName"
    name: str  # document key of the unique name (the same as `key` for name-keyed kinds)
    id_field: str | None = None  # server-generated id, unless the create input supplies it
    id_prefix: str = ""


def by_name(noun: str, id_prefix: str) -> Keys:
    """Found by `{noun}Name` in the path, with a server-made `{noun}Id` (credentials, templates, tools...)."""
    return Keys(f"{noun}Name", f"{noun}Name", f"{noun}Id", id_prefix)


def by_id(noun: str, id_prefix: str) -> Keys:
    """Found by its server-made `{noun}Id` in the path, with a unique `{noun}Name` (agent runtimes, endpoints)."""
    return Keys(f"{noun}Id", f"{noun}Name", f"{noun}Id", id_prefix)


@dataclass(frozen=True)
class Spec:
    kind: str  # human name, used as the store kind and in messages: "agent runtime ar-1 does not exist"
    keys: Keys
    output: type[WireModel]  # response model of get/create/update/delete
    create_input: type[WireModel] | None = None
    update_input: type[WireModel] | None = None
    list_item: type[WireModel] | None = None  # projection of list items, when it differs from `output`
    list_key: str = "items"
    parent: Parent | None = None
    children: tuple[str, ...] = ()  # kinds deleted together with this one
    filters: Mapping[str, Filter] = field(default_factory=dict)
    has_status: bool = True
    settle: float | None = None  # seconds until CREATING/UPDATING/DELETING settle; None: the server default
    updated_field: str = "lastUpdatedAt"
    workspace: bool = True  # the document has a workspaceId (the default workspace when none is given)
    secrets: tuple[str, ...] = ()  # paths encrypted at rest, e.g. "providerSettings.apiKey"
    on_create: Callable[[Change], None] | None = None  # fill server-set fields
    on_update: Callable[[Change], None] | None = None
    present: Callable[[Doc], Doc] | None = None  # derive output-only fields just before a document is emitted
    lifecycle: Lifecycle | None = None


# -- filters ------------------------------------------------------------------------------------------------------


def _lookup(doc: Doc, path: str) -> Any:
    value: Any = doc
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def equals(path: str, *, ignore_case: bool = False) -> Filter:
    """The field at `path` equals the value (statuses compare case-insensitively: their casing is unsettled)."""

    def build(value: str, query: QueryParams) -> Predicate:
        def fold(text: str) -> str:
            return text.lower() if ignore_case else text

        wanted = fold(value)
        return lambda doc: _lookup(doc, path) is not None and fold(str(_lookup(doc, path))) == wanted

    return build


def name_like(path: str) -> Filter:
    """Substring match, or equality with `searchMode=exact`."""

    def build(value: str, query: QueryParams) -> Predicate:
        if query.get("searchMode", "").lower() == "exact":
            return lambda doc: str(_lookup(doc, path) or "") == value
        return lambda doc: value in str(_lookup(doc, path) or "")

    return build


def one_of(path: str) -> Filter:
    """The field equals one of a comma-separated list (`workspaceIds`)."""

    def build(value: str, query: QueryParams) -> Predicate:
        wanted = {v.strip() for v in value.split(",") if v.strip()}
        return lambda doc: str(_lookup(doc, path)) in wanted

    return build


def has_all(path: str) -> Filter:
    """The list field contains every tag of a comma-separated list (`systemTags`, exact match per tag)."""

    def build(value: str, query: QueryParams) -> Predicate:
        tags = [tag.strip() for tag in value.split(",") if tag.strip()]
        return lambda doc: all(tag in (_lookup(doc, path) or []) for tag in tags)

    return build


def flag(path: str, *, default: bool) -> Filter:
    """A boolean field; the official client sends `True`/`False`, ours `true`/`false`."""

    def build(value: str, query: QueryParams) -> Predicate:
        wanted = parse_bool(value, path)
        return lambda doc: (default if _lookup(doc, path) is None else bool(_lookup(doc, path))) == wanted

    return build


def workspace_filters() -> dict[str, Filter]:
    return {"workspaceId": equals("workspaceId"), "workspaceIds": one_of("workspaceId")}


def selector(spec: Spec, query: QueryParams) -> Predicate:
    """One predicate for all the spec's filters present in `query`; a bad filter value is a 400 right away."""
    checks = [build(query[name], query) for name, build in spec.filters.items() if query.get(name)]
    return lambda doc: all(check(doc) for check in checks)


# -- helpers shared by the handlers and the area modules ------------------------------------------------------------


def settle_after(state: ServerState, spec: Spec) -> float:
    return state.settle_seconds if spec.settle is None else spec.settle


def transition_for(state: ServerState, spec: Spec, tx: Tx, doc: Doc) -> Transition | None:
    """A CREATING/UPDATING document settles to READY; anything else stays as it is."""
    if spec.lifecycle is not None and spec.lifecycle.pending(state, doc):
        return None
    if spec.has_status and doc.get("status") in TRANSITIONAL:
        return Transition(tx.now + settle_after(state, spec), "READY")
    return None


def emit(state: ServerState, spec: Spec, doc: Doc, model: type[WireModel] | None = None) -> Doc:
    """The response form of a stored document: secrets decrypted (only for the full model), output-only fields
    derived, keys limited to what the model declares."""
    model = model or spec.output
    visible = state.box.open(doc, spec.secrets) if model is spec.output else doc
    if spec.present:
        visible = spec.present(visible)
    return schema.project(model, visible)


def parent_key(request: Request, spec: Spec) -> str:
    return str(request.path_params[spec.parent.param]) if spec.parent else ""


def require_parent(tx: Tx, spec: Spec, key: str) -> Doc | None:
    """The owning resource, which must exist and not be on its way out."""
    if spec.parent is None:
        return None
    doc = tx.get(spec.parent.kind, key)
    if doc is None or doc.get("status") == "DELETING":
        raise not_found(spec.parent.kind, key)
    return doc


def require(tx: Tx, spec: Spec, key: str, parent: str) -> tuple[Doc, Doc | None]:
    """The resource and its owner (None for top-level kinds); 404 when either is missing."""
    parent_doc = require_parent(tx, spec, parent)
    doc = tx.get(spec.kind, key, parent=parent)
    if doc is None:
        raise not_found(spec.kind, key)
    return doc, parent_doc


def merge(stored: Doc, patch: Doc) -> Doc:
    """PUT semantics: supplied top-level keys replace stored ones, absent keys keep their values. An empty list
    never wipes a stored list of objects, at any depth: the official client sends `[]` for every list of
    sub-objects the caller did not set (ossConfiguration, modelInfoConfigs, credentialPublicConfig.users)."""

    def keep_object_lists(old: Any, new: Any) -> Any:
        if new == [] and isinstance(old, list) and any(isinstance(item, dict) for item in old):
            return old
        if isinstance(new, dict) and isinstance(old, dict):
            return {k: keep_object_lists(old.get(k), v) for k, v in new.items()}
        return new

    return {**stored, **{k: keep_object_lists(stored.get(k), v) for k, v in patch.items()}}


async def modify(
    request: Request, spec: Spec, change: Callable[[Change], None], *, status: str | None = None
) -> Response:
    """Read-modify-write the resource the path names, in one transaction; `status` (if given) is set first and
    settles to READY when transitional. Answers the new document."""
    state = state_of(request)
    key, parent = str(request.path_params[spec.keys.key]), parent_key(request, spec)

    def write(tx: Tx) -> Doc:
        doc, parent_doc = require(tx, spec, key, parent)
        if doc.get("status") == "DELETING":
            raise conflict(f"{spec.kind} {key} is being deleted")
        doc = {**doc, spec.updated_field: timestamp()}
        if status and spec.has_status:
            doc["status"] = status
        change(Change(state, tx, doc, parent_doc))
        tx.put(spec.kind, key, doc, parent=parent, transition=transition_for(state, spec, tx, doc))
        return doc

    return envelope(request, emit(state, spec, await state.store.transact(write)))


# -- the generic handlers -----------------------------------------------------------------------------------------

Handler = Callable[[Request], Awaitable[Response]]


async def _read_input(request: Request, spec: Spec, model: type[WireModel]) -> Doc:
    """A create or update body: read within the control plane's limit (code packages come in these), checked
    against the write rules (a rename, agentRuntimeName, follows them too) and limited to the model's fields."""
    body = await read_body(request, model, limit=MAX_CONTROL_BODY)
    write_rules.check_body(model, body, names=(spec.keys.name,))
    return schema.project(model, body)


def create_handler(spec: Spec) -> Handler:
    assert spec.create_input is not None
    model = spec.create_input

    async def create(request: Request) -> Response:
        doc = await _read_input(request, spec, model)
        state, parent = state_of(request), parent_key(request, spec)
        if spec.keys.id_field and not doc.get(spec.keys.id_field):
            doc[spec.keys.id_field] = new_id(spec.keys.id_prefix)
        if not isinstance(doc.get(spec.keys.name), str) or not doc[spec.keys.name]:
            raise bad_request(f"invalid {model.__name__}: field {spec.keys.name} is required")
        now = timestamp()
        doc.update({"createdAt": now, spec.updated_field: now})
        if spec.has_status:
            doc["status"] = "CREATING"
        if spec.workspace:
            doc.setdefault("workspaceId", state.default_workspace_id)
        if spec.lifecycle:
            await spec.lifecycle.prepare(state, doc)

        def write(tx: Tx) -> Doc:
            parent_doc = require_parent(tx, spec, parent)
            if spec.on_create:
                spec.on_create(Change(state, tx, doc, parent_doc))
            key, name = str(doc[spec.keys.key]), str(doc[spec.keys.name])
            try:
                tx.insert(
                    spec.kind, key, state.box.seal(doc, spec.secrets), parent=parent,
                    name=name if spec.keys.name != spec.keys.key else None,
                    transition=transition_for(state, spec, tx, doc),
                )  # fmt: skip
            except Conflict:
                raise already_exists(spec.kind, name) from None
            return doc

        try:
            written = await state.store.transact(write)
        except BaseException:
            if spec.lifecycle:
                spec.lifecycle.abandoned(state, doc)
            raise
        if spec.lifecycle:
            spec.lifecycle.committed(state, str(written[spec.keys.key]), written)
        return envelope(request, emit(state, spec, written))

    return create


def get_handler(spec: Spec) -> Handler:
    async def get(request: Request) -> Response:
        state = state_of(request)
        key, parent = str(request.path_params[spec.keys.key]), parent_key(request, spec)
        # Cached per store generation: an unchanged resource is answered without the store, decryption or models.
        data = await state.store.read(
            ("get", spec.kind, parent, key),
            lambda tx: require(tx, spec, key, parent)[0],
            lambda doc: envelope_data(emit(state, spec, doc)),
        )
        return envelope_raw(request, data)

    return get


def update_handler(spec: Spec) -> Handler:
    assert spec.update_input is not None
    model = spec.update_input

    async def update(request: Request) -> Response:
        state = state_of(request)
        patch = state.box.seal(await _read_input(request, spec, model), spec.secrets)
        if spec.lifecycle:
            await spec.lifecycle.prepare(state, patch)
        written: list[Doc] = []

        def change(c: Change) -> None:
            c.doc.update(merge(c.doc, patch))  # a merge only adds and replaces keys
            if spec.on_update:
                spec.on_update(c)
            written[:] = [c.doc]

        try:
            response = await modify(request, spec, change, status="UPDATING")
        except BaseException:
            if spec.lifecycle:
                spec.lifecycle.abandoned(state, patch)
            raise
        if spec.lifecycle and written:
            spec.lifecycle.committed(state, str(request.path_params[spec.keys.key]), written[0])
        return response

    return update


def delete_handler(spec: Spec) -> Handler:
    async def delete(request: Request) -> Response:
        state = state_of(request)
        key, parent = str(request.path_params[spec.keys.key]), parent_key(request, spec)

        def write(tx: Tx) -> Doc:
            doc, _ = require(tx, spec, key, parent)
            if not spec.has_status:
                tx.delete(spec.kind, key, parent=parent)
                for child in spec.children:
                    for row in tx.list(child, parent=key):
                        tx.delete(child, row.key, parent=key)
                return doc
            if doc.get("status") == "DELETING":
                return doc  # already on its way out: deleting again is not an error
            gone = Transition(tx.now + settle_after(state, spec), None)
            doc = {**doc, "status": "DELETING"}
            tx.put(spec.kind, key, doc, parent=parent, transition=gone)
            for child in spec.children:
                for row in tx.list(child, parent=key):
                    tx.put(child, row.key, {**row.doc, "status": "DELETING"}, parent=key, transition=gone)
            return doc

        response = envelope(request, emit(state, spec, await state.store.transact(write)))
        if spec.lifecycle:
            await spec.lifecycle.deleted(state, key)
        return response

    return delete


def list_handler(spec: Spec) -> Handler:
    """pageNumber/pageSize paging over the documents that match the spec's filters, in creation order. The SDK
    walks pages until a short one, so `pageNumber` must be honoured exactly."""

    async def list_(request: Request) -> Response:
        state = state_of(request)
        query = request.query_params
        number, size = positive_int(query, "pageNumber", 1), positive_int(query, "pageSize", 20)
        parent = parent_key(request, spec)

        def read(tx: Tx) -> list[Doc]:
            require_parent(tx, spec, parent)
            return [row.doc for row in tx.list(spec.kind, parent=parent)]

        wanted = selector(spec, query)
        docs = [doc for doc in await state.store.transact(read) if wanted(doc)]
        page = docs[(number - 1) * size : number * size]
        items = [emit(state, spec, doc, spec.list_item) for doc in page]
        return envelope(request, {spec.list_key: items, "pageNumber": number, "pageSize": size, "total": len(docs)})

    return list_


def crud_routes(spec: Spec, collection: str, item: str, *, get: Handler | None = None) -> list[BaseRoute]:
    """The routes of a resource: list and create on `collection`, get, update and delete on `item` (create and
    update only when the spec has input models). `get` replaces the generic get handler."""
    routes: list[BaseRoute] = [Route(collection, list_handler(spec), methods=["GET"])]
    if spec.create_input:
        routes.append(Route(collection, create_handler(spec), methods=["POST"]))
    routes.append(Route(item, get or get_handler(spec), methods=["GET"]))
    if spec.update_input:
        routes.append(Route(item, update_handler(spec), methods=["PUT"]))
    routes.append(Route(item, delete_handler(spec), methods=["DELETE"]))
    return routes
