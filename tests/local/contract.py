"""Every answer of AgentRun Local checked against the specs (tests only).

`AnswerContract` is an ASGI middleware: for each response it finds the operation in openapi/control.yaml (served
under `/2025-09-10`, the spec's own paths) or openapi/data.yaml (served under `/data`, sandbox routes also under
`/data/2025-09-10`) by method and path template (each spec with the openapi/shared.yaml schemas it uses copied in,
as the generator reads it: scripts/codegen/bundle.py), then checks that the status is documented, that the content type
is one the spec lists for it, and that a JSON body validates against the response schema (JSON Schema 2020-12,
the OpenAPI 3.1 dialect, `$ref`s resolved in the spec). Streams (SSE, downloads) are checked for content type only.
A success on a path no operation describes is a violation too (an undocumented route); an error there must still
be the plane's documented `ErrorResponse`.

It observes and never changes an answer: violations are collected (`take()`) for the test fixtures to fail on."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from codegen import bundle  # noqa: E402  (scripts/ is not a package)

CONTROL_MOUNT = ""  # control.yaml's paths already start with /2025-09-10
DATA_MOUNTS = ("/data/2025-09-10", "/data")  # longest first: the version prefix is optional on sandbox paths
NOT_AN_API = frozenset({"/health"})  # AgentRun Local's own liveness probe, outside both planes
_MAX_JSON_BODY = 16 * 1024 * 1024  # above it, a JSON body is not held: only its content type is checked
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")

Scope = Mapping[str, Any]


@dataclass(frozen=True)
class Operation:
    spec: Spec
    name: str
    method: str
    template: str
    pattern: re.Pattern[str]
    pointer: str  # JSON pointer of the operation object in its spec


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


class Spec:
    """One OpenAPI document: its operations by path template, and validators for its response schemas."""

    def __init__(self, name: str, document: dict[str, Any]) -> None:
        self.name = name
        self.document = document
        self.uri = f"urn:agentrun-spec:{name}"
        self.registry: Registry[Any] = Registry().with_resource(self.uri, DRAFT202012.create_resource(document))
        self._validators: dict[str, Draft202012Validator] = {}
        self.operations: list[Operation] = []
        for template, item in document["paths"].items():
            # Literal segments win over templated ones (`/contexts/execute` before `/contexts/{contextId}`).
            regex = "^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + "$"
            for method in _METHODS:
                if method in item:
                    pointer = f"/paths/{_escape(template)}/{method}"
                    name_ = item[method].get("operationId", f"{method.upper()} {template}")
                    self.operations.append(Operation(self, name_, method.upper(), template, re.compile(regex), pointer))
        self.operations.sort(key=lambda op: (op.template.count("{"), -len(op.template)))

    @classmethod
    def load(cls, name: str) -> Spec:
        return cls(name, bundle.bundled(name))

    def resolve(self, pointer: str) -> tuple[str, Any]:
        """The object at `pointer`, following a local `$ref` (as response objects may be): (its pointer, it)."""
        node: Any = self.document
        for token in pointer.lstrip("/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        if isinstance(node, dict) and "$ref" in node:
            return self.resolve(node["$ref"].removeprefix("#"))
        return pointer, node

    def validator(self, pointer: str) -> Draft202012Validator:
        if pointer not in self._validators:
            schema = {"$ref": f"{self.uri}#{pointer}"}
            self._validators[pointer] = Draft202012Validator(schema, registry=self.registry)
        return self._validators[pointer]

    error_pointer = "/components/schemas/ErrorResponse"


class Contract:
    """The two specs, and what an answer to `method path` must look like."""

    def __init__(self) -> None:
        self.control = Spec.load("control")
        self.data = Spec.load("data")
        self.violations: list[str] = []
        self.checked = 0  # answers seen: proves the middleware is in place

    def plane(self, path: str) -> tuple[Spec, str] | None:
        """The spec a server path belongs to, and the path as that spec writes it."""
        if path.startswith("/2025-09-10/"):
            return self.control, path[len(CONTROL_MOUNT) :]
        for mount in DATA_MOUNTS:
            if path.startswith(mount + "/"):
                return self.data, path[len(mount) :]
        return None

    def operation(self, method: str, path: str) -> tuple[Spec | None, Operation | None]:
        located = self.plane(path)
        if located is None:
            return None, None
        spec, spec_path = located
        for op in spec.operations:
            if op.method == method and op.pattern.match(spec_path):
                return spec, op
        return spec, None

    def take(self) -> list[str]:
        found, self.violations = self.violations, []
        return found

    def check(self, method: str, path: str, status: int, content_type: str, body: bytes | None) -> None:
        """Record what is wrong with one answer (`body` None: not read, a stream)."""
        self.checked += 1
        if path in NOT_AN_API:
            return
        spec, op = self.operation(method, path)
        where = f"{method} {path} -> {status}"
        if op is None:
            if status < 400 or spec is None:
                self.violations.append(f"{where}: no operation of control.yaml or data.yaml describes this route")
            elif body is not None:
                self._check_json(spec, spec.error_pointer, where + " (no such route)", content_type, body)
            return
        where = f"{op.name} ({op.spec.name}.yaml): {where}"
        responses = op.spec.resolve(op.pointer + "/responses")[1]
        key = next((k for k in (str(status), f"{status // 100}XX", "default") if k in responses), None)
        if key is None:
            self.violations.append(f"{where}: status {status} is not documented (documented: {', '.join(responses)})")
            return
        pointer, response = op.spec.resolve(f"{op.pointer}/responses/{key}")
        content = response.get("content") or {}
        media = _media_type(content_type) if content_type else ""
        if not content:
            if body:
                self.violations.append(f"{where}: the spec documents no body, the answer has {len(body)} bytes")
            return
        declared = next(
            (m for m in content if m == media or (m.endswith("/*") and media.startswith(m[:-1])) or m == "*/*"), None
        )
        if declared is None:
            self.violations.append(f"{where}: content type {content_type!r} is not one of {', '.join(content)}")
            return
        if body is None or "schema" not in content[declared] or not _is_json(media):
            return
        self._check_json(op.spec, f"{pointer}/content/{_escape(declared)}/schema", where, content_type, body)

    def _check_json(self, spec: Spec, pointer: str, where: str, content_type: str, body: bytes) -> None:
        if not _is_json(_media_type(content_type)):
            self.violations.append(f"{where}: content type {content_type!r}, the spec documents JSON")
            return
        try:
            value = json.loads(body)
        except ValueError as exc:
            self.violations.append(f"{where}: the body is not JSON ({exc}): {body[:200]!r}")
            return
        error = next(iter(sorted(spec.validator(pointer).iter_errors(value), key=lambda e: e.path)), None)
        if error is not None:
            at = "/".join(str(p) for p in error.absolute_path) or "(root)"
            rule = "/".join(map(str, error.absolute_schema_path))
            self.violations.append(f"{where}: body at {at}: {error.message} (schema rule {rule})")


def _is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


class AnswerContract:
    """ASGI middleware feeding every HTTP answer to a `Contract`. JSON bodies are copied as they pass (up to
    `_MAX_JSON_BODY`); other bodies are not held, only their content type checked."""

    def __init__(self, app: Any, contract: Contract) -> None:
        self.app = app
        self.contract = contract

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        status = 0
        content_type = ""
        body: bytearray | None = None
        checked = False

        async def observe(message: dict[str, Any]) -> None:
            nonlocal status, content_type, body, checked
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message.get("headers", [])}
                content_type = headers.get("content-type", "")
                body = bytearray() if _is_json(_media_type(content_type)) or not content_type else None
                if body is None:  # a stream may never end (SSE): its content type is all there is to check
                    checked = True
                    self.contract.check(method, path, status, content_type, None)
            elif message["type"] == "http.response.body" and not checked:
                if body is not None:
                    body.extend(message.get("body", b""))
                    if len(body) > _MAX_JSON_BODY:  # too big to hold: its content type is all that is checked
                        checked, body = True, None
                        self.contract.check(method, path, status, content_type, None)
                if not message.get("more_body", False) and not checked:
                    checked = True
                    self.contract.check(method, path, status, content_type, None if body is None else bytes(body))
            await send(message)

        await self.app(scope, receive, observe)
