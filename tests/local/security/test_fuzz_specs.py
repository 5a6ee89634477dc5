"""Both specs fuzzed against a real AgentRun Local (a `serve` subprocess over HTTPS, real sandboxes): every request
signed (ACS3 on the control plane, AGENTRUN4 on the data plane, with the SDK's signer), every answer checked. A test
fails on any 5xx, an undocumented status, a content type or body the spec does not describe, a request the spec
calls valid that the server refuses, or one it calls invalid that the server takes.

Bounded for CI (2 cores, a few minutes): a fixed seed, a few examples per operation, path parameters that name
resources made up front, sandbox creates capped and each created sandbox deleted at once. Run alone with
`pytest -m fuzz tests/local/security/test_fuzz_specs.py`; leave out with `-m "not fuzz"`.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import requests
import schemathesis
from contract import bundle
from hypothesis import HealthCheck, Phase, settings
from local_helpers import acs3_headers, agentrun4_headers
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from agentrun._core import signing
from agentrun._core.crc64 import crc64
from agentrun.local.connect import read_record
from agentrun.local.identity import load_identity
from agentrun.local.paths import DataDir
from agentrun.local.schema import strip_nulls

pytestmark = pytest.mark.fuzz

EXAMPLES = 50  # per operation and generation mode; ~95 operations
MAX_SANDBOX_CREATES = 3  # per plane: the fuzz's CreateSandbox calls that really start a sandbox
TEST_MODEL = "agentrun-local-test-model"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# Valid per the spec must mean accepted wherever the spec can say what is valid: the whole control plane and the
# sandbox lifecycle. Elsewhere on the data plane, whether a request can be served depends on the sandbox's state
# (a path that escapes the sandbox or does not exist, a directory that is not one, a chat that is not a chat), which
# a schema cannot state; there a 4xx naming the problem is a correct answer.
ACCEPTS_VALID = ("/2025-09-10/", "/sandboxes", "/sandboxes/{sandboxId}", "/sandboxes/{sandboxId}/stop")


def _code_package() -> dict[str, str]:
    """A real code package (a one-file base64 zip and its CRC-64): Local checks a package's bytes before anything
    else, so the fuzzer's schema-valid strings (or OSS references, which Local cannot read) are not packages."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("main.py", "print('fuzz')\n")
    data = buffer.getvalue()
    return {"zipFile": base64.b64encode(data).decode(), "checksum": str(crc64(data))}


CODE_PACKAGE = _code_package()


def load(name: str) -> Any:
    schema = schemathesis.openapi.from_dict(bundle.bundled(name))  # with the openapi/shared.yaml schemas it uses
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=EXAMPLES,
        deterministic=True,
        with_security_parameters=False,  # every request is signed by `Signed`, never by generated headers
    )
    schema.config.phases.update(phases=["examples", "fuzzing"])  # coverage: ~7000 requests, 10 min
    return schema


CONTROL = load("control")
DATA = load("data")
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=False,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failing example is reported as is
    suppress_health_check=list(HealthCheck),
)


# -- the server ---------------------------------------------------------------------------------------------------


@dataclass
class Server:
    """A `serve` subprocess, and what signing needs of it (the fields local_helpers reads from a LocalServer)."""

    base_url: str
    ca: str
    signer: SimpleNamespace
    http: requests.Session = field(default_factory=requests.Session)

    def control(self, method: str, path: str, body: Any = None) -> requests.Response:
        content = b"" if body is None else json.dumps(body).encode()
        full = "/2025-09-10" + path
        headers = acs3_headers(self.signer, method, full, body=content)
        return self.http.request(method, self.base_url + full, data=content, headers=headers, verify=self.ca)

    def data(self, method: str, path: str, body: Any = None) -> requests.Response:
        full = "/data" + path
        headers = agentrun4_headers(self.signer, method, full)
        content = None if body is None else json.dumps(body).encode()
        if content is not None:
            headers["content-type"] = "application/json"
        return self.http.request(method, self.base_url + full, data=content, headers=headers, verify=self.ca)


def ok(response: requests.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    return dict(body.get("data", body))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("fuzz-local")
    env = {**os.environ, "AGENTRUN_LOCAL_WARM_SANDBOXES": "0"}  # sandboxes only where the fuzz asks for them
    command = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", str(data_dir)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    paths = DataDir.resolve(data_dir)
    try:
        deadline = time.monotonic() + 30
        while not paths.server_record.exists():
            assert process.poll() is None, (
                f"the server exited: {process.stderr.read().decode() if process.stderr else ''}"
            )
            assert time.monotonic() < deadline, "the server did not start within 30 s"
            time.sleep(0.05)
        record, identity = read_record(paths), load_identity(paths)
        signer = SimpleNamespace(host=record.host, port=record.port, identity=identity)
        with requests.Session() as http:
            yield Server(f"https://{record.host}:{record.port}", str(paths.ca_cert), signer, http)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# -- signing every fuzzed request ---------------------------------------------------------------------------------


class Signed(requests.auth.AuthBase):
    """Signs a request exactly as it will be sent (method, path, query, body bytes) with the SDK's signer: ACS3 on
    the control plane, AGENTRUN4 on the data plane."""

    def __init__(self, server: Server, action: str | None) -> None:
        self.server, self.action = server, action  # action: the control-plane operation; None for the data plane

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        url = urlsplit(request.url or "")
        method = request.method or "GET"
        signer: Any = self.server.signer
        if self.action is None:
            request.headers.update(agentrun4_headers(signer, method, url.path, raw_query=url.query))
            return request
        body = request.body or b""
        body = body.encode() if isinstance(body, str) else body
        query = dict(signing.parse_query(url.query))
        request.headers.update(acs3_headers(signer, method, url.path, query=query, body=body, action=self.action))
        return request


# -- resources the path parameters name ----------------------------------------------------------------------------

_names = itertools.count()


def fresh(prefix: str) -> str:
    return f"fz-{prefix}-{next(_names)}"


@dataclass
class World:
    """What a plane's path parameters name: one existing resource per parameter, and for operations that end or
    freeze a resource (delete, stop, pause, resume) one of their own, made on first use."""

    server: Server
    makers: dict[str, Callable[[], str]]
    shared: dict[str, str] = field(default_factory=dict)
    own: dict[tuple[str, str], str] = field(default_factory=dict)
    sandbox_template: str = ""
    sandbox_creates: int = 0

    def value(self, operation: str, parameter: str, ends_it: bool) -> str | None:
        if parameter not in self.makers:
            return None
        if ends_it:
            if (operation, parameter) not in self.own:
                self.own[operation, parameter] = self.makers[parameter]()
            return self.own[operation, parameter]
        if parameter not in self.shared:
            self.shared[parameter] = self.makers[parameter]()
        return self.shared[parameter]

    def new_sandbox(self) -> str:
        return ok(self.server.data("POST", "/sandboxes", {"templateName": self.sandbox_template}))["sandboxId"]


def sandbox_template(server: Server) -> str:
    """A template no fuzzed call changes, for the sandboxes the worlds make. Skips where sandboxes cannot be
    isolated (with the server's reason)."""
    name = fresh("sandboxes")
    body = {"templateName": name, "templateType": "CodeInterpreter", "cpu": 1, "memory": 2048,
            "networkConfiguration": {"networkMode": "PRIVATE"}}  # fmt: skip
    ok(server.control("POST", "/templates", body))
    probe = server.data("POST", "/sandboxes", {"templateName": name})
    if probe.status_code != 200 and "isolat" in probe.text:
        pytest.skip(f"sandboxes cannot be isolated here: {probe.json().get('message')}")
    ok(server.data("DELETE", f"/sandboxes/{ok(probe)['sandboxId']}"))
    return name


@pytest.fixture(scope="module")
def control_world(server: Server) -> World:
    def template() -> str:
        body = {"templateName": fresh("tpl"), "templateType": "CodeInterpreter", "cpu": 1, "memory": 1024,
                "networkConfiguration": {"networkMode": "PRIVATE"}}  # fmt: skip
        return str(ok(server.control("POST", "/templates", body))["templateName"])

    def named(collection: str, key: str, body: dict[str, Any]) -> Callable[[], str]:
        return lambda: str(ok(server.control("POST", collection, {key: fresh(key[:4]), **body}))[key])

    def runtime() -> str:
        body = {"agentRuntimeName": fresh("ar"), "artifactType": "Container",
                "containerConfiguration": {"image": "i:1"}, "cpu": 1, "memory": 1024, "port": 9000,
                "networkConfiguration": {"networkMode": "PUBLIC"}}  # fmt: skip
        return str(ok(server.control("POST", "/agents/runtimes", body))["agentRuntimeId"])

    def endpoint() -> str:
        path = f"/agents/runtimes/{world.value('', 'agentRuntimeId', False)}/endpoints"
        return str(
            ok(server.control("POST", path, {"agentRuntimeEndpointName": fresh("ep")}))["agentRuntimeEndpointId"]
        )

    workspace = ok(server.control("GET", "/workspaces"))["workspaces"][0]["workspaceId"]
    world = World(server, {
        "templateName": template,
        "credentialName": named("/agents/credentials", "credentialName",
                                {"credentialAuthType": "api_key", "credentialSourceType": "internal"}),
        "modelServiceName": named("/agents/model-services", "modelServiceName",
                                  {"modelType": "llm", "provider": "openai", "providerSettings": {}}),
        "modelProxyName": named("/agents/model-proxies", "modelProxyName",
                                {"cpu": 1, "memory": 1024, "proxyMode": "single", "proxyConfig": {}}),
        "toolName": named("/agents/tools", "toolName", {"toolType": "MCP", "createMethod": "MCP_REMOTE"}),
        "agentRuntimeId": runtime,
        "agentRuntimeEndpointId": endpoint,
        "sandboxId": lambda: world.new_sandbox(),
        "workspaceId": lambda: str(workspace),
    })  # fmt: skip
    world.sandbox_template = sandbox_template(server)
    return world


@pytest.fixture(scope="module")
def data_world(server: Server) -> World:
    def context() -> str:
        path = f"/sandboxes/{world.value('', 'sandboxId', False)}/contexts"
        return str(ok(server.data("POST", path, {"language": "python"}))["id"])

    def process() -> str:
        path = f"/sandboxes/{world.value('', 'sandboxId', False)}/processes"
        return str(ok(server.data("POST", path, {"command": "echo fuzz"}))["pid"])

    makers = {
        "sandboxId": lambda: world.new_sandbox(),
        "contextId": context,
        "pid": process,
        "name": lambda: TEST_MODEL,
    }
    world = World(server, makers)
    world.sandbox_template = sandbox_template(server)
    return world


# -- the fuzz -------------------------------------------------------------------------------------------------------

ENDING = ("/stop", "/pause", "/resume")


def fuzz(case: Any, world: World, auth: Signed, base_url: str) -> None:
    operation = case.operation
    positive = case.meta is None or case.meta.generation.mode.is_positive
    ends_it = operation.method.upper() == "DELETE" or operation.path.endswith(ENDING)
    creates_sandbox = operation.method.upper() == "POST" and operation.path.endswith("/sandboxes")
    if positive:  # a negative case keeps its (invalid) path parameters: they are what it tests
        parameters = list(case.path_parameters or {})
        for parameter in parameters:
            # Only the resource the operation acts on is its own; its parents are the shared ones.
            value = world.value(
                operation.label, parameter, ends_it and parameter == _last_in(operation.path, parameters)
            )
            if value is not None:
                case.path_parameters[parameter] = value
        if creates_sandbox and isinstance(case.body, dict) and world.sandbox_creates < MAX_SANDBOX_CREATES:
            world.sandbox_creates += 1
            case.body["templateName"] = world.sandbox_template
    if positive and isinstance(case.body, dict) and isinstance(case.body.get("codeConfiguration"), dict):
        case.body = {**case.body, "codeConfiguration": dict(CODE_PACKAGE)}
    if isinstance(case.body, dict | list):
        # The server reads a null as an absent key or item (clients send null for "not set", both specs say so), so
        # a null stands for nothing: sent without them, a body that was invalid only through nulls counts as valid.
        case.body = strip_nulls(case.body)
    checks = CHECKS
    takes_packages = isinstance(case.body, dict) and "codeConfiguration" in case.body
    if (operation.path.startswith(ACCEPTS_VALID[0]) or operation.path in ACCEPTS_VALID[1:]) and not takes_packages:
        # A code package the schema allows but Local cannot use (an OSS reference, bytes that are no zip) is a 400
        # by design (control.yaml CodeConfiguration); a negative case whose negation missed can carry one.
        checks = [*CHECKS, positive_data_acceptance]
    if (case.media_type or "").startswith("multipart/"):
        # A negated multipart body is often valid again once encoded as form parts (schemathesis reports such a
        # case as "positive test case"): the other checks still hold.
        checks = [check for check in checks if check is not negative_data_rejection]
    response = case.call_and_validate(
        base_url=base_url, session=world.server.http, auth=auth, verify=world.server.ca, timeout=60, checks=checks
    )
    if creates_sandbox and response.status_code == 200:
        ok(world.server.data("DELETE", f"/sandboxes/{quote(response.json()['data']['sandboxId'], safe='')}"))


def _last_in(path: str, parameters: list[str]) -> str:
    return max(parameters, key=lambda name: path.find("{" + name + "}"))


@CONTROL.parametrize()
@FUZZ_SETTINGS
def test_control_plane_answers_as_its_spec_says(case: Any, server: Server, control_world: World) -> None:
    auth = Signed(server, case.operation.definition.raw.get("operationId", "Fuzz"))
    fuzz(case, control_world, auth, server.base_url)


@DATA.parametrize()
@FUZZ_SETTINGS
def test_data_plane_answers_as_its_spec_says(case: Any, server: Server, data_world: World) -> None:
    fuzz(case, data_world, Signed(server, None), server.base_url + "/data")
