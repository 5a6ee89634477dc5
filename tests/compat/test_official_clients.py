"""Alibaba's official clients, unchanged, against AgentRun Local: agentrun-sdk 0.0.54 (high-level API, sync and async)
and the generated Tea client alibabacloud-agentrun20250910 5.7.5, run from their own virtualenv (`make official-sdk`;
`make pytest` points AGENTRUN_OFFICIAL_PYTHON at it).

One real server per session (`python -m agentrun.local serve`, HTTPS, fresh data dir, free port) and a second one with
`--http`. The clients are configured only by what `agentrun local env` prints, plus PATH and a fresh HOME: no other
AGENTRUN_* variable, no proxy. Each scenario in official_scenarios/ is a plain script that checks as it goes, exits
non-zero naming the failed check, and prints a JSON summary that the tests below check again, one behaviour each.
The scenarios start when the first test asks for one, `AT_ONCE` at a time (slowest first), so the SDK's fixed sleeps
(see each script's docstring) overlap. Not all at once: the official async client gives a connection 0.6 s (its
`timeout` seconds read as milliseconds) while building two SSL contexts on its event loop, so eleven clients starting
on two cores made the later connections time out in the client, whatever the server.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SCENARIOS = Path(__file__).parent / "official_scenarios"
HTTPS_SCENARIOS = (
    "agent_runtimes",
    "agent_runtime_code",
    "browser",
    "model_services",
    "model_gateway",
    "templates",
    "sandboxes",
    "credentials",
    "tea_client",
    "sandbox_files",
)  # slowest first
HTTP_SCENARIO = "credentials"
PINNED = {
    "agentrun-sdk": "0.0.54",
    "alibabacloud-agentrun20250910": "5.7.5",
    "playwright": "1.65.3",
    "openai": "2.33.0",
    "mcp": "2.3.0",
}  # as make installs
AT_ONCE = 4  # scenario processes running together
START_TIMEOUT = 30.0
SCENARIO_TIMEOUT = 90.0  # the sync list_all and delete() loop for ever on a server that misbehaves
STOP_TIMEOUT = 15.0
EXPORTED = {
    "AGENTRUN_ACCESS_KEY_ID", "AGENTRUN_ACCESS_KEY_SECRET", "AGENTRUN_ACCOUNT_ID", "AGENTRUN_REGION",
    "AGENTRUN_CONTROL_ENDPOINT", "AGENTRUN_DATA_ENDPOINT",
}  # fmt: skip
PROXY_VARIABLES = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}


def official_python() -> str:
    path = os.environ.get("AGENTRUN_OFFICIAL_PYTHON", "")
    if not path or not os.access(path, os.X_OK):
        pytest.skip(
            f"the official clients are not installed (AGENTRUN_OFFICIAL_PYTHON={path!r}): run `make official-sdk`, "
            "or run the tests with `make pytest`, which installs them and sets AGENTRUN_OFFICIAL_PYTHON"
        )
    return path


def agentrun_local() -> list[str]:
    """The `agentrun local` command of this virtualenv (`python -m agentrun.local` is the same command)."""
    entry = shutil.which("agentrun", path=str(Path(sys.executable).parent))
    return [entry, "local"] if entry else [sys.executable, "-m", "agentrun.local"]


def parse_exports(text: str) -> dict[str, str]:
    """The `export NAME=value` lines `agentrun local env` prints, unquoted as a shell would."""
    env: dict[str, str] = {}
    for line in text.splitlines():
        words = shlex.split(line)
        assert len(words) == 2 and words[0] == "export" and "=" in words[1], f"not an export line: {line!r}"
        name, value = words[1].split("=", 1)
        env[name] = value
    return env


def tail(path: Path, chars: int = 6000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


@dataclass
class Server:
    """`python -m agentrun.local serve` in a subprocess, and the environment `agentrun local env` printed for it."""

    process: subprocess.Popen[bytes]
    data_dir: Path
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(cls, root: Path, *, http: bool) -> Server:
        root.mkdir(parents=True)
        data_dir, log = root / "data", root / "server.log"
        command = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", str(data_dir)]
        environment = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARIABLES}
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*command, *(["--http"] if http else [])], stdout=out, stderr=subprocess.STDOUT, env=environment
            )
        server = cls(process, data_dir, log)
        deadline = time.monotonic() + START_TIMEOUT
        while not (data_dir / "server.json").exists():  # written once the server answers on its socket
            if process.poll() is not None or time.monotonic() > deadline:
                server.stop()
                pytest.fail(f"agentrun local serve did not start (exit {process.returncode}):\n{tail(log)}")
            time.sleep(0.05)
        printed = subprocess.run(
            [*agentrun_local(), "env", "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=30
        )
        if printed.returncode != 0:
            server.stop()
            pytest.fail(f"agentrun local env failed (exit {printed.returncode}): {printed.stderr}")
        server.env = parse_exports(printed.stdout)
        return server

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class ScenarioRun:
    """One scenario script running under the official virtualenv; `summary()` waits for it."""

    name: str
    process: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path
    _summary: dict[str, Any] | None = None

    @classmethod
    def launch(cls, python: str, name: str, env: dict[str, str], workdir: Path) -> ScenarioRun:
        stdout, stderr = workdir / f"{name}.out", workdir / f"{name}.err"
        with stdout.open("wb") as out, stderr.open("wb") as err:
            process = subprocess.Popen(
                [python, str(SCENARIOS / f"{name}.py")], stdout=out, stderr=err, env=env, cwd=workdir
            )
        return cls(name, process, stdout, stderr)

    def summary(self) -> dict[str, Any]:
        if self._summary is None:
            try:
                code = self.process.wait(SCENARIO_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.kill()
                pytest.fail(f"scenario {self.name} did not finish in {SCENARIO_TIMEOUT} s:\n{tail(self.stderr)}")
            if code != 0:
                pytest.fail(f"scenario {self.name} failed (exit {code}):\n{tail(self.stderr)}")
            lines = self.stdout.read_text().strip().splitlines()
            assert lines, f"scenario {self.name} printed no summary:\n{tail(self.stderr)}"
            self._summary = json.loads(lines[-1])
        return self._summary

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


@dataclass
class Compat:
    https: Server
    http: Server
    versions: dict[str, str]
    scenario_env: dict[str, str]
    runs: dict[str, ScenarioRun]
    queued: list[tuple[str, Callable[[], ScenarioRun]]]

    def summary(self, name: str) -> dict[str, Any]:
        self._start_more()
        while name not in self.runs:
            running = [run for run in self.runs.values() if run.process.poll() is None]
            try:  # for a slot: the oldest running scenario to end (its own test reports how)
                running[0].process.wait(SCENARIO_TIMEOUT)
            except subprocess.TimeoutExpired:
                running[0].kill()
            self._start_more()
        return self.runs[name].summary()

    def _start_more(self) -> None:
        while self.queued and sum(run.process.poll() is None for run in self.runs.values()) < AT_ONCE:
            name, launch = self.queued.pop(0)
            self.runs[name] = launch()


def scenario_environment(server: Server, home: Path) -> dict[str, str]:
    """Exactly what `agentrun local env` printed, plus PATH and HOME (a fresh one: no ~/.alibabacloud config)."""
    return {**server.env, "PATH": os.environ.get("PATH", os.defpath), "HOME": str(home)}


def installed_versions(python: str) -> dict[str, str]:
    code = f"import importlib.metadata as m, json; print(json.dumps({{n: m.version(n) for n in {sorted(PINNED)!r}}}))"
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"the official virtualenv lacks its packages: {result.stderr}"
    versions: dict[str, str] = json.loads(result.stdout)
    return versions


@pytest.fixture(scope="session")
def compat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Compat]:
    python = official_python()
    root = tmp_path_factory.mktemp("official-clients")
    home = root / "home"
    home.mkdir()
    servers: list[Server] = []
    runs: dict[str, ScenarioRun] = {}
    try:
        https = Server.start(root / "https", http=False)
        servers.append(https)
        http = Server.start(root / "http", http=True)
        servers.append(http)
        env = scenario_environment(https, home)
        queued: list[tuple[str, Callable[[], ScenarioRun]]] = [
            (name, functools.partial(ScenarioRun.launch, python, name, env, root / "https")) for name in HTTPS_SCENARIOS
        ]
        http_env = scenario_environment(http, home)
        queued.append(("http", functools.partial(ScenarioRun.launch, python, HTTP_SCENARIO, http_env, root / "http")))
        yield Compat(https, http, installed_versions(python), env, runs, queued)
    finally:
        for run in runs.values():
            run.kill()
        for server in servers:
            server.stop()


def both(summary: dict[str, Any], key: str) -> list[Any]:
    """`key` as the sync part and the async part of a scenario observed it."""
    return [summary["sync"][key], summary["async"][key]]


def settled_by_the_second_poll(polls: list[str], transitional: str, final: str = "READY") -> bool:
    """What a wait saw at each poll: the transitional status once, if the poll right after the change came within the
    server's 0.2 s (usual), then the final one; just the final one on a machine slow enough to miss that window."""
    return polls in ([final], [transitional, final])


def one_sleep_per_transitional_poll(seconds: float, polls: list[str], interval: float) -> bool:
    sleeps = sum(1 for status in polls if status in ("CREATING", "UPDATING", "DELETING"))
    return interval * sleeps <= seconds < interval * sleeps + 2.0


# -- the setup ----------------------------------------------------------------------------------------------------


def test_the_official_clients_are_the_pinned_versions(compat: Compat) -> None:
    assert compat.versions == PINNED


def test_clients_get_only_what_agentrun_local_env_prints(compat: Compat) -> None:
    env = compat.scenario_env
    assert set(env) == EXPORTED | {"SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "PATH", "HOME"}
    assert env["AGENTRUN_CONTROL_ENDPOINT"].startswith("https://127.0.0.1:")
    assert Path(env["SSL_CERT_FILE"]).is_file()  # certifi's roots plus the local CA


# -- credentials (openapi/control.yaml) -----------------------------------------------------------------------


def test_credential_lifecycle_with_the_outbound_llm_preset(compat: Compat) -> None:
    summary = compat.summary("credentials")
    assert both(summary, "secret_returned") == [True, True]
    assert both(summary, "enabled_after_update") == [False, False]
    assert both(summary, "listed") == [[summary["sync"]["created"]], [summary["async"]["created"]]]


def test_missing_credential_raises_resource_not_exist_error(compat: Compat) -> None:
    summary = compat.summary("credentials")
    assert both(summary, "missing_error") == ["ResourceNotExistError"] * 2
    assert summary["sync"]["missing_message"] == f"Resource Credential({summary['sync']['created']}) does not exist."


def test_duplicate_credential_raises_resource_already_exist_error(compat: Compat) -> None:
    assert both(compat.summary("credentials"), "duplicate_error") == ["ResourceAlreadyExistError"] * 2


# -- model services and proxies -------------------------------------------------------------------


def test_model_waits_return_by_the_second_poll(compat: Compat) -> None:
    """CREATING on the poll right after create, READY one interval later (AgentRun Local settles in 0.2 s)."""
    summary = compat.summary("model_services")
    polls = both(summary, "service_ready_polls") + both(summary, "proxy_ready_polls")
    assert all(settled_by_the_second_poll(seen, "CREATING") for seen in polls), polls


def test_model_service_is_listed_by_model_type(compat: Compat) -> None:
    assert both(compat.summary("model_services"), "listed_llm") == [True, True]


def test_model_proxy_delete_and_wait_ends_on_the_404(compat: Compat) -> None:
    summary = compat.summary("model_services")
    assert all(polls in ([], ["DELETING"]) for polls in both(summary, "proxy_delete_polls"))
    assert both(summary, "missing_error") == ["ResourceNotExistError"] * 2
    seconds, polls = summary["sync"]["proxy_delete_default_interval_seconds"], summary["sync"]["proxy_delete_polls"]
    assert one_sleep_per_transitional_poll(seconds, polls, interval=5.0), (seconds, polls)  # the default interval


def test_model_proxy_endpoint_is_on_the_data_plane(compat: Compat) -> None:
    endpoint = compat.summary("model_services")["sync"]["proxy_endpoint"]
    assert endpoint.startswith(compat.https.env["AGENTRUN_DATA_ENDPOINT"] + "/models/mp-sync-")


def test_duplicate_model_proxy_raises_resource_already_exist_error(compat: Compat) -> None:
    assert compat.summary("model_services")["sync"]["duplicate_proxy_error"] == "ResourceAlreadyExistError"


def test_model_service_delete_and_wait_ends_in_the_sdks_unmapped_404(compat: Compat) -> None:
    """An agentrun-sdk 0.0.54 bug, pinned down: ModelService.get_by_name re-raises the raw ClientError for a 404, so
    delete_and_wait_until_finished fails once the service is gone. The server's answer is the right one."""
    summary = compat.summary("model_services")
    assert all(polls in ([], ["DELETING"]) for polls in both(summary, "service_delete_polls"))
    for part in ("sync", "async"):
        kind, status, message = summary[part]["service_delete_error"]
        assert (kind, status) == ("ClientError", 404) and message.endswith("does not exist")


# -- the model gateway (openapi/data.yaml) ----------------------------------------------------------

TEST_MODEL_ECHO = "[agentrun-local-test-model: a deterministic test model, not a language model] You said: "


def test_official_sdk_completes_through_a_credential_bound_proxy(compat: Compat) -> None:
    summary = compat.summary("model_gateway")
    assert both(summary, "content") == [TEST_MODEL_ECHO + "hello", TEST_MODEL_ECHO + "hi async"]
    assert summary["sync"]["model"] == "agentrun-local-test-model"
    assert summary["sync"]["base_url"].startswith(compat.https.env["AGENTRUN_DATA_ENDPOINT"] + "/models/mp-gw-")


def test_official_sdk_streams_with_usage(compat: Compat) -> None:
    summary = compat.summary("model_gateway")
    assert summary["async"]["streamed_text"] == TEST_MODEL_ECHO + "hello"
    assert summary["sync"]["streamed_chunks"] > 20 and summary["sync"]["streamed_usage"] > 0  # piece by piece


def test_official_sdk_gets_the_test_models_tool_call(compat: Compat) -> None:
    summary = compat.summary("model_gateway")
    expected = {"name": "run_code", "arguments": {"code": "print(6 * 7)\n"}}
    assert both(summary, "tool_call") == [expected, expected]
    assert summary["sync"]["finish_reason"] == "tool_calls"
    # litellm 1.106.2 imports `mcp` as soon as `tools` are given: `make official-sdk` installs agentrun-sdk's mcp extra
    assert summary["sync"]["tool_call_through_litellm"] == expected


def test_official_sdk_embeddings(compat: Compat) -> None:
    assert both(compat.summary("model_gateway"), "embedding_sizes") == [[384, 384], [384]]


def test_proxy_without_credential_fails_in_the_client_but_its_signed_headers_work(compat: Compat) -> None:
    """An agentrun-sdk 0.0.54 bug pinned down: api_key "" never leaves the client. The headers
    model_info() signs for the empty URL pass the gateway's relaxed check."""
    summary = compat.summary("model_gateway")["sync"]
    # openai 2.33 (the official env's pin: invoke_openai needs < 2.34) refuses the empty key before sending
    assert "api_key client option must be set" in summary["no_credential_error"]
    assert summary["adapter_content"] == TEST_MODEL_ECHO + "hello"


# -- sandbox templates -----------------------------------------------------------------------


def test_template_create_returns_without_the_5s_poll(compat: Compat) -> None:
    """Template.create polls GetTemplate every 5 s until READY; AgentRun Local answers READY on the first GET."""
    assert all(seconds < 4.0 for seconds in both(compat.summary("templates"), "create_seconds"))


def test_template_is_listed_updated_and_deleted(compat: Compat) -> None:
    summary = compat.summary("templates")
    assert both(summary, "listed") == [True, True]
    assert set(summary["sync"]["statuses_after_delete"]) <= {"DELETING"}
    assert both(summary, "missing_error") == ["ResourceNotExistError"] * 2


def test_duplicate_template_is_a_409_client_error(compat: Compat) -> None:
    """The SDK maps no error of Template.create; the 409 reaches the caller as ClientError."""
    assert compat.summary("templates")["sync"]["duplicate_error"] == ["ClientError", 409]


# -- agent runtimes -----------------------------------------------------


def test_agent_runtime_wait_returns_by_the_second_poll(compat: Compat) -> None:
    summary = compat.summary("agent_runtimes")
    assert all(settled_by_the_second_poll(polls, "CREATING") for polls in both(summary, "ready_polls"))
    seconds, polls = summary["sync"]["ready_default_interval_seconds"], summary["sync"]["ready_polls"]
    assert one_sleep_per_transitional_poll(seconds, polls, interval=5.0), (seconds, polls)  # the default interval


def test_agent_runtime_endpoints_and_versions_are_listed(compat: Compat) -> None:
    summary = compat.summary("agent_runtimes")
    assert both(summary, "endpoints") == [1, 1]
    assert both(summary, "versions") == [[["1", "v1"]]] * 2


def test_agent_runtime_list_all_pages_past_50(compat: Compat) -> None:
    assert both(compat.summary("agent_runtimes"), "listed") == [3, 51]


def test_agent_runtime_delete_removes_endpoints_and_terminates(compat: Compat) -> None:
    """delete() polls the endpoint list every 1 s until it is empty: usually one poll still lists the deleted endpoint
    (it goes 0.2 s after its DELETE), one 1 s sleep, then the runtime is deleted."""
    summary = compat.summary("agent_runtimes")
    assert all(seconds < 3.0 for seconds in both(summary, "delete_seconds"))
    assert set(summary["sync"]["statuses_after_delete"]) <= {"DELETING"}


def test_duplicate_agent_runtime_raises_resource_already_exist_error(compat: Compat) -> None:
    assert compat.summary("agent_runtimes")["sync"]["duplicate_error"] == "ResourceAlreadyExistError"


def test_missing_agent_runtime_raises_resource_not_exist_error(compat: Compat) -> None:
    assert both(compat.summary("agent_runtimes"), "missing_error") == ["ResourceNotExistError"] * 2


def test_a_code_package_deploys_and_becomes_ready(compat: Compat) -> None:
    """AgentRuntimeCode.from_zip_file (sync) and from_file of a folder (async), AgentRuntime.create: the package is
    checked, unpacked and READY by the SDK's first poll (no requirements to install)."""
    summary = compat.summary("agent_runtime_code")
    assert all(polls[-1] == "READY" and len(polls) <= 2 for polls in both(summary, "polls"))


def test_the_deployed_agent_answers_invoke_openai(compat: Compat) -> None:
    """invoke_openai(stream=False): the SDK's OpenAI client (signed once when built) reaches the instance, started
    on this first request."""
    summary = compat.summary("agent_runtime_code")
    assert both(summary, "text") == ["echo: hello from the official sdk"] * 2
    assert summary["sync"]["cold_seconds"] < 5.0


def test_a_container_artifact_ends_create_failed_with_the_reason(compat: Compat) -> None:
    """AgentRun Local does not run Container artifacts: the SDK's create-then-wait ends at CREATE_FAILED (no 300 s
    wait) with a statusReason saying to deploy a Code package (openapi/control.yaml, CodeConfiguration)."""
    outcome = compat.summary("agent_runtime_code")["sync"]["container"]
    assert outcome["status"] == "CREATE_FAILED" and outcome["seconds"] < 5.0
    assert outcome["reason"].startswith("Container artifacts are not supported by AgentRun Local: deploy a Code")


def test_the_deployed_agent_streams_through_invoke_openai(compat: Compat) -> None:
    summary = compat.summary("agent_runtime_code")
    assert both(summary, "streamed") == ["echo: hello from the official sdk"] * 2
    assert both(summary, "chunks") == [7, 7] and both(summary, "finish") == ["stop", "stop"]


# -- sandbox files (openapi/data.yaml) ------------------------------------------------------------------------------


def test_sandbox_files_round_trip_through_the_official_sdk(compat: Compat) -> None:
    """write/read, mkdir, list (depth 2), stat, upload (path then file) and download (to disk), move, remove."""
    summary = compat.summary("sandbox_files")
    base = "/home/user/official"
    assert summary["sync"]["listed"] == [f"{base}/a.txt", f"{base}/d", f"{base}/d/e"]
    assert summary["sync"]["after"] == [f"{base}/a.txt"]
    assert summary["async"]["listed"] == [f"{base}/b.txt", f"{base}/up.bin"]
    uploaded = {"success": True, "path": f"{base}/up.bin", "size": 256 * 64 + 2}
    assert both(summary, "uploaded") == [uploaded, uploaded]


def test_sandbox_file_errors_reach_the_official_sdk_as_client_errors(compat: Compat) -> None:
    summary = compat.summary("sandbox_files")
    for status, message in both(summary, "outside"):
        assert status == 400 and "/home/user" in message
    assert "/tmp is a private tmpfs" in summary["async"]["outside"][1]
    status, message = summary["sync"]["missing"]
    assert status == 404 and message.endswith("does not exist")


# -- code-interpreter sandboxes (openapi/data.yaml) ---------------------------------------------------------------


def test_sandbox_create_returns_a_ready_code_interpreter_sandbox(compat: Compat) -> None:
    summary = compat.summary("sandboxes")
    assert both(summary, "created") == [["CodeInterpreterSandbox", "READY"]] * 2
    assert both(summary, "health_right_after_create") == [{"status": "ok"}] * 2


def test_sandbox_with_block_opens_on_the_first_health_poll(compat: Compat) -> None:
    """`with sandbox:` polls /health every 1 s (a failed poll would also have failed the scenario: the SDK logs it)."""
    assert all(seconds < 1.0 for seconds in both(compat.summary("sandboxes"), "enter_seconds"))


def test_sandbox_is_found_by_connect_and_by_list(compat: Compat) -> None:
    summary = compat.summary("sandboxes")
    assert both(summary, "connected") == [["CodeInterpreterSandbox", "READY"]] * 2
    assert both(summary, "listed") == [[True], [True]]


def test_stopped_sandbox_stays_as_stopped_and_answers_no_health(compat: Compat) -> None:
    summary = compat.summary("sandboxes")
    assert summary["sync"]["stopped"] == ["STOPPED", True, "STOPPED"] and summary["async"]["stopped"] == ["STOPPED"]
    assert summary["sync"]["stopped_health_error"] == 404


def test_missing_sandbox_raises_resource_not_exist_error(compat: Compat) -> None:
    """connect after the `with` block deleted it; delete again, stop of an unknown id, create from an unknown
    template (GetTemplate): the SDK maps each 404 to ResourceNotExistError."""
    summary = compat.summary("sandboxes")
    assert both(summary, "missing_error") == ["ResourceNotExistError"] * 2
    assert both(summary, "missing_errors") == [["ResourceNotExistError"] * 3, ["ResourceNotExistError"]]
    assert summary["sync"]["missing_message"].startswith("Resource Sandbox(sbx-none-")


def test_in_sandbox_call_on_a_deleted_sandbox_is_a_404_client_error(compat: Compat) -> None:
    """In-sandbox calls raise the SDK's ClientError with the server's status and code (it maps only lifecycle 404s);
    its download, which raises for itself, keeps the status."""
    summary = compat.summary("sandboxes")
    assert both(summary, "health_error") == [["ClientError", 404, "ERR_NOT_FOUND"]] * 2
    assert both(summary, "in_sandbox_error") == [["ClientError", 404, "ERR_NOT_FOUND"]] * 2
    assert summary["sync"]["download_error"] == ["ClientError", 404]


def test_context_create_and_get_answer_id_cwd_and_language(compat: Compat) -> None:
    """The SDK raises ServerError(500) unless all three are truthy; the scenario checked cwd /home/user, python."""
    assert both(compat.summary("sandboxes"), "context") == [["cwd", "id", "language"]] * 2


def test_execute_answers_results_and_top_level_stdout_and_exit_code(compat: Compat) -> None:
    """Both consumers of the unparsed answer (openapi/data.yaml): results[] items and flattened stdout/exitCode."""
    summary = compat.summary("sandboxes")
    assert all(
        {"results", "stdout", "stderr", "exitCode", "contextId"} <= set(keys) for keys in both(summary, "execute_keys")
    )
    assert both(summary, "execute_result_types") == [["stdout", "result", "endOfExecution"]] * 2


def test_execute_in_a_context_keeps_its_state(compat: Compat) -> None:
    assert both(compat.summary("sandboxes"), "same_context_value") == ["41", "41"]


def test_execute_without_a_context_runs_python(compat: Compat) -> None:
    """With no context the SDK sends language python and no contextId."""
    assert both(compat.summary("sandboxes"), "stateless_result") == ["42", "42"]


def test_execute_that_raises_ends_in_error_with_exit_code_1(compat: Compat) -> None:
    failed = [1, {"type": "endOfExecution", "status": "error"}, "ZeroDivisionError: division by zero"]
    assert both(compat.summary("sandboxes"), "failed") == [failed, failed]


def test_deleted_context_is_gone(compat: Compat) -> None:
    """Leaving `with sandbox.context.create()` and context.delete() both delete it: get is a 404, list lacks it."""
    summary = compat.summary("sandboxes")
    assert both(summary, "deleted_context_error") == [404, 404]
    assert summary["sync"]["deleted_context_listed"] is False


def test_list_directory_descends_to_the_depth_asked(compat: Compat) -> None:
    summary = compat.summary("sandboxes")
    assert summary["sync"]["listed_depth_1"] == ["notes", "up"]
    assert summary["sync"]["listed_depth_3"] == [
        "notes", "notes/a.txt", "notes/sub", "notes/sub/deeper", "up", "up/data.bin", "up/made.bin",
    ]  # fmt: skip
    assert summary["async"]["listed_depth_1"] == ["made.bin", "sub"]
    assert summary["async"]["listed_depth_2"] == ["made.bin", "sub", "sub/deeper"]
    assert summary["sync"]["listed_after_remove"] == ["a.txt", "up"]


def test_files_and_code_in_the_sandbox_see_the_same_bytes(compat: Compat) -> None:
    """file.write read by code, a binary file written by code downloaded byte for byte (the scenario also hashed an
    upload in the sandbox and checked stat's size and mtime)."""
    summary = compat.summary("sandboxes")
    assert summary["sync"]["round_trips"] == {"written, read by code": True, "code wrote, downloaded": True}
    assert summary["async"]["round_trips"] == {"code wrote, downloaded": True}


def test_reading_a_binary_file_as_text_is_a_422_that_points_to_download(compat: Compat) -> None:
    """The official SDK's file.read cannot ask for base64; AgentRun Local refuses rather than mangle the bytes."""
    assert compat.summary("sandboxes")["sync"]["binary_read_error"] == [422, "ERR_NOT_TEXT"]


def test_cmd_answers_top_level_and_nested_output_and_status(compat: Compat) -> None:
    """The README reads top-level exitCode/stdout, the SDK's tests result.* and status (openapi/data.yaml); the
    scenario checked both forms' values for `echo out; echo err >&2; exit 3`."""
    for keys in both(compat.summary("sandboxes"), "cmd_keys"):
        assert {"exitCode", "stdout", "stderr", "result", "status"} <= set(keys)


def test_killed_command_ends_early_and_stays_listed_as_killed(compat: Compat) -> None:
    summary = compat.summary("sandboxes")
    assert summary["async"]["process_statuses"] == ["running", "killed"]
    assert summary["async"]["killed_exit_code"] not in (0, None)


def test_finished_commands_are_listed_and_got_as_exited(compat: Compat) -> None:
    assert compat.summary("sandboxes")["sync"]["process_statuses"] == ["exited"]


# -- the generated Tea client --------------------------------------------------------------------------------


def test_tea_client_pages_list_agent_runtimes(compat: Compat) -> None:
    summary = compat.summary("tea_client")
    assert summary["sync"]["pages"] == [2, 1, 0] and summary["async"]["second_page"] == 1


def test_tea_client_maps_a_404_to_client_exception_with_message_and_request_id(compat: Compat) -> None:
    for part in ("sync", "async"):
        error = compat.summary("tea_client")[part]["not_found"]
        name = compat.summary("tea_client")[part]["credential"]
        assert (error["status_code"], error["code"]) == (404, "ERR_NOT_FOUND")
        assert error["message"].startswith(f"code: 404, credential {name} does not exist request id: ")


# -- plain HTTP ---------------------------------------------------------------------------------------------


def test_official_sdk_over_plain_http_with_the_double_scheme_endpoint(compat: Compat) -> None:
    env = compat.http.env
    assert set(env) == EXPORTED and "SSL_CERT_FILE" not in env and "NODE_EXTRA_CA_CERTS" not in env
    assert env["AGENTRUN_CONTROL_ENDPOINT"].startswith("http://http://127.0.0.1:")
    summary = compat.summary("http")
    assert both(summary, "secret_returned") == [True, True]
    assert both(summary, "missing_error") == ["ResourceNotExistError"] * 2


# -- browser sandboxes (openapi/data.yaml BrowserAutomation) ------------------------------------------------------


def test_official_browser_sandbox_is_driven_by_its_playwright_helper(compat: Compat) -> None:
    summary = compat.summary("browser")
    assert both(summary, "helper_title") == ["official sdk"] * 2
    assert both(summary, "helper_screenshot_png") == [True, True]
    assert both(summary, "health") == [{"status": "ok"}] * 2


def test_playwright_connects_through_the_official_cdp_url_and_signed_headers(compat: Compat) -> None:
    assert compat.summary("browser")["sync"]["playwright_text"] == "driven over CDP"


def test_official_sdk_records_lists_downloads_and_deletes_a_session(compat: Compat) -> None:
    summary = compat.summary("browser")["sync"]
    assert summary["recordings_before"] == {"recordings": []}
    assert summary["recording_names"] == [True] and summary["downloaded_ebml"] is True
    assert summary["recordings_after_delete"] == {"recordings": []}
