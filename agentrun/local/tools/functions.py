"""The functions of a FUNCTIONCALL tool: one per operation of its OpenAPI document (`protocolSpec`, a JSON string;
openapi/control.yaml `Tool.protocolSpec`).

A function's input is one JSON-Schema object: each parameter (path, query, header) is a property under its own
name, and the JSON request body's properties sit beside them when they are an object whose names clash with no
parameter; any other body is the property `body`. A header parameter fixed by `const` or a one-value `enum` is
sent as is and not asked for (as agentrun-sdk 0.0.54's OpenAPI client does). Local `$ref`s are resolved; a
cyclic one is left as `{}` (any value).

A function is named by its `operationId`, else `<method>_<path>` with each run of characters outside [A-Za-z0-9_-]
replaced by one `_` (the names OpenAI and Anthropic accept).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

import jsonschema

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_MAX_REF_DEPTH = 32


class SpecError(Exception):
    """The tool's protocolSpec is not an OpenAPI document we can call."""


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # path, query, header


@dataclass(frozen=True)
class Function:
    name: str
    description: str
    method: str  # upper case
    path: str
    input_schema: dict[str, Any]
    params: tuple[Param, ...] = ()
    fixed_headers: tuple[tuple[str, str], ...] = ()
    body: str | None = None  # "flat": the body is the leftover properties; "body": the `body` property; None: none
    body_required: bool = False

    @functools.cached_property
    def validator(self) -> jsonschema.Draft202012Validator:
        """Built once per parsed function (specs are cached by their text): saves its set-up on every call."""
        return jsonschema.Draft202012Validator(self.input_schema)

    def wire(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "inputSchema": self.input_schema,
            "method": self.method,
            "path": self.path,
        }


@dataclass
class Spec:
    functions: dict[str, Function] = field(default_factory=dict)
    server: str | None = None  # servers[0].url with its variables' defaults


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class _Resolver:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc

    def ref(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise SpecError(f"$ref {ref!r} is not local (only #/... references are resolved)")
        node: Any = self.doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise SpecError(f"$ref {ref!r} points at nothing")
            node = node[part]
        return node

    def resolve(self, node: Any, depth: int = 0) -> Any:
        """`node` with every local $ref replaced by what it points at."""
        if depth > _MAX_REF_DEPTH:
            return {}
        if isinstance(node, list):
            return [self.resolve(item, depth) for item in node]
        if not isinstance(node, dict):
            return node
        if isinstance(node.get("$ref"), str):
            return self.resolve(self.ref(node["$ref"]), depth + 1)
        return {key: self.resolve(value, depth) for key, value in node.items()}


def _fixed_value(schema: dict[str, Any]) -> str | None:
    if isinstance(schema.get("const"), str):
        return str(schema["const"])
    enum = schema.get("enum")
    if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str):
        return enum[0]
    return None


def _server(doc: dict[str, Any]) -> str | None:
    servers = doc.get("servers")
    first = _object(servers[0]) if isinstance(servers, list) and servers else {}
    url = first.get("url")
    if not isinstance(url, str) or not url:
        return None
    for name, variable in _object(first.get("variables")).items():
        default = _object(variable).get("default")
        if default is not None:
            url = url.replace("{" + str(name) + "}", str(default))
    return url


def _function(resolver: _Resolver, path: str, method: str, item: dict[str, Any], op: dict[str, Any]) -> Function:
    name = op.get("operationId")
    name = str(name) if isinstance(name, str) and name else f"{method}_" + _UNSAFE.sub("_", path).strip("_")
    description = str(op.get("summary") or op.get("description") or "")
    properties: dict[str, Any] = {}
    required: list[str] = []
    params: list[Param] = []
    fixed: list[tuple[str, str]] = []
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for source in (item.get("parameters"), op.get("parameters")):
        for raw in source if isinstance(source, list) else []:
            param = _object(resolver.resolve(raw))
            if isinstance(param.get("name"), str) and param.get("in") in ("path", "query", "header"):
                merged[param["name"], param["in"]] = param  # the operation's own overrides the path item's
    for (pname, location), param in merged.items():
        param_schema = _object(param.get("schema")) or {"type": "string"}
        if location == "header" and (value := _fixed_value(param_schema)) is not None:
            fixed.append((pname, value))
            continue
        if param.get("description"):
            param_schema = {**param_schema, "description": str(param["description"])}
        properties[pname] = param_schema
        params.append(Param(pname, location))
        if param.get("required") or location == "path":
            required.append(pname)
    body, body_required = None, False
    request_body = _object(resolver.resolve(op.get("requestBody")))
    content = _object(request_body.get("content"))
    json_media = next((v for k, v in content.items() if k.split(";")[0].strip().endswith("json")), None)
    if json_media is not None:
        body_schema = _object(_object(json_media).get("schema"))
        body_required = bool(request_body.get("required"))
        body_props = _object(body_schema.get("properties"))
        if body_schema.get("type", "object") == "object" and body_props and not set(body_props) & set(properties):
            body = "flat"
            properties.update(body_props)
            body_names = body_schema.get("required")
            required += [str(n) for n in body_names if n in body_props] if isinstance(body_names, list) else []
        elif "body" not in properties:
            body = "body"
            properties["body"] = body_schema
            if body_required:
                required.append("body")
        else:
            raise SpecError(f"operation {name}: a parameter named `body` leaves no place for the request body")
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = sorted(set(required), key=required.index)
    return Function(name, description, method.upper(), path, schema, tuple(params), tuple(fixed), body, body_required)


def parse(protocol_spec: Any) -> Spec:
    """The functions of an OpenAPI document given as JSON text (or already parsed)."""
    if isinstance(protocol_spec, str):
        try:
            doc = json.loads(protocol_spec)
        except ValueError as exc:
            raise SpecError(f"protocolSpec is not JSON ({exc})") from None
    else:
        doc = protocol_spec
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
        raise SpecError("protocolSpec must be an OpenAPI document (a JSON object with `paths`)")
    resolver = _Resolver(doc)
    spec = Spec(server=_server(doc))
    for path, raw_item in doc["paths"].items():
        item = _object(resolver.resolve(raw_item))
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                function = _function(resolver, str(path), method, item, op)
                if function.name in spec.functions:
                    raise SpecError(f"two operations are named {function.name} (operationIds must be unique)")
                spec.functions[function.name] = function
    return spec
