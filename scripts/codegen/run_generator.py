"""openapi-python-client's command line, with one addition the templates need: each parsed endpoint keeps its spec
operationId, its path as the spec writes it, and whether it is safe to send twice.

The generator turns operationIds into snake_case names and drops `x-` extensions, so the operation descriptions
(`OPERATION = Operation(...)` in every generated operation module) could not be written from what it keeps. This
wraps `Endpoint.from_data` of the pinned version (see scripts/generate.py) and adds three attributes."""

from __future__ import annotations

import re
import sys
from typing import Any

from openapi_python_client.cli import app
from openapi_python_client.parser import openapi

IDEMPOTENT_METHODS = frozenset({"get", "head", "options", "put", "delete"})
IDEMPOTENT_EXTENSION = "x-agentrun-idempotent"
"""Marks a POST that is safe to repeat (stop, kill, a chat completion); other methods say it themselves."""

_OPERATION_ID = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_PATH = re.compile(r"/[A-Za-z0-9/{}_.\-]*")

_from_data = openapi.Endpoint.from_data


def _from_data_keeping_spec_names(*, data: Any, path: Any, method: str, **rest: Any) -> Any:
    result = _from_data(data=data, path=path, method=method, **rest)
    endpoint = result[0]
    if isinstance(endpoint, openapi.Endpoint):
        spec_path = path.get_untrusted_value()
        # both are written into Python string literals: accept only the characters they need
        operation_id = data.operationId.get_untrusted_value() if data.operationId else ""
        if not _OPERATION_ID.fullmatch(operation_id):
            raise SystemExit(f"{method.upper()} {spec_path}: operationId {operation_id!r} must be a bare name")
        if not _PATH.fullmatch(spec_path):
            raise SystemExit(f"{method.upper()} {spec_path}: unexpected characters in the path")
        extensions = data.model_extra or {}
        endpoint.operation_id = operation_id  # type: ignore[attr-defined]
        endpoint.path_template = spec_path  # type: ignore[attr-defined]
        endpoint.idempotent = method in IDEMPOTENT_METHODS or bool(  # type: ignore[attr-defined]
            extensions.get(IDEMPOTENT_EXTENSION)
        )
    return result


openapi.Endpoint.from_data = staticmethod(_from_data_keeping_spec_names)  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.argv[0] = "openapi-python-client"
    sys.exit(app())
