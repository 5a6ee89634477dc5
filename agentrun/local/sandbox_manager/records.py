"""The store record of a sandbox, shared by both planes: control-plane ListSandboxes/GetSandbox and the data-plane
lifecycle read and write the same document (kind `sandbox`, keyed by `sandboxId`).

Statuses: CREATING while the engine starts the sandbox, READY while it runs, PAUSED (control-plane PauseSandbox),
then STOPPED (StopSandbox) or TERMINATED (idle timeout, maximum lifetime, a server restart), both with `endedAt`.
Deleting removes the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from agentrun.local.resources import RANGES, SANDBOX_ID_PREFIX, new_id
from agentrun.local.responses import bad_request
from agentrun.local.sandbox import Limits
from agentrun.local.sandbox.network import Egress
from agentrun.local.state import ServerState, timestamp

Doc = dict[str, Any]

DEFAULT_IDLE_TIMEOUT = 600  # seconds, what both SDKs send by default
DEFAULT_LIFETIME = 21600  # seconds (6 h), the template default `sandboxTTLInSeconds` and the cloud's maximum
MAX_IDLE_TIMEOUT = DEFAULT_LIFETIME  # an idle timeout past the longest lifetime means nothing (the specs agree)
LIVE_STATUSES = frozenset({"CREATING", "READY", "RUNNING", "PAUSED"})  # a process may exist
# Template types whose sandboxes the engine can run (code contexts, files, processes; a browser for some).
SERVED_TEMPLATE_TYPES = ("CodeInterpreter", "Browser", "AllInOne")
# Template types whose sandboxes run Chromium (agentrun/local/browser).
BROWSER_TEMPLATE_TYPES = frozenset({"Browser", "AllInOne"})
BROWSER_MAX_PROCESSES = 1024  # pids.max / RLIMIT_NPROC count threads: one Chromium has ~70-120
# Template network modes that give a sandbox network access. PRIVATE means "only the template's VPC" in the
# cloud, and there is no VPC here, so it gets none; a template without a network configuration gets none either.
NETWORKED_MODES = frozenset({"PUBLIC", "PUBLIC_AND_PRIVATE"})


def new_record(state: ServerState, *, sandbox_id: str, template_name: str, idle_timeout: int) -> Doc:
    """The record of a sandbox about to be created (the template fields are added when it is looked up)."""
    now = timestamp()
    return {
        "sandboxId": sandbox_id,
        "templateName": template_name,
        "sandboxIdleTimeoutSeconds": idle_timeout,
        "sandboxArn": state.arn(f"sandboxes/{sandbox_id}"),
        "createdAt": now,
        "lastUpdatedAt": now,
        "status": "CREATING",
    }


def record_from_body(state: ServerState, body: Mapping[str, Any]) -> Doc:
    """The record a CreateSandbox body asks for (either plane): its template, its id (given, or a new `sbx-` id)
    and its idle timeout; 400 for a missing template name."""
    template_name = body.get("templateName")
    if not isinstance(template_name, str) or not template_name:
        raise bad_request("invalid CreateSandboxInput: field templateName must be a non-empty string")
    return new_record(
        state,
        sandbox_id=str(body.get("sandboxId") or new_id(SANDBOX_ID_PREFIX)),
        template_name=template_name,
        idle_timeout=idle_timeout_of(body),
    )


def idle_timeout_of(body: Mapping[str, Any]) -> int:
    """`sandboxIdleTimeoutSeconds` (or its alias `sandboxIdleTimeoutInSeconds`): a positive whole number of
    seconds, 600 when absent."""
    raw = body.get("sandboxIdleTimeoutSeconds", body.get("sandboxIdleTimeoutInSeconds"))
    if raw is None:
        return DEFAULT_IDLE_TIMEOUT
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 1 <= raw <= MAX_IDLE_TIMEOUT or raw % 1:
        raise bad_request(
            f"sandboxIdleTimeoutSeconds must be a whole number of seconds from 1 to {MAX_IDLE_TIMEOUT}, got {raw!r}"
        )
    return int(raw)


def limits_of(template: Mapping[str, Any]) -> Limits:
    """The sandbox limits of a template. A template stored before the control plane checked values on write may
    hold any number: one outside what the control plane accepts today is a 400 saying which field to update."""
    for field in ("cpu", "memory", "diskSize"):
        value = template.get(field)
        if value is None:
            continue
        allowed = RANGES[field]
        if isinstance(value, bool) or not isinstance(value, int | float) or not allowed.holds(value):
            raise bad_request(
                f"template {template.get('templateName')} has {field}={value!r}, which is not {allowed}: update the "
                f"template's {field}"
            )
    limits = Limits.from_template(template)
    if template.get("templateType") in BROWSER_TEMPLATE_TYPES:
        limits = replace(limits, address_space=False, max_processes=BROWSER_MAX_PROCESSES, nested_sandbox=True)
    return limits


def network_of(template: Mapping[str, Any]) -> Egress | None:
    """What the template's sandboxes may reach on the network (network.py), or None: no network."""
    network = template.get("networkConfiguration")
    mode = network.get("networkMode") if isinstance(network, Mapping) else None
    if not isinstance(mode, str) or mode.upper() not in NETWORKED_MODES:
        return None
    return Egress(mode.upper())


def lifetime_seconds(template: Mapping[str, Any]) -> float:
    """The template's maximum lifetime (`sandboxTTLInSeconds`, a string in some responses), else 6 h."""
    try:
        seconds = float(template.get("sandboxTTLInSeconds") or DEFAULT_LIFETIME)
    except (TypeError, ValueError):
        return DEFAULT_LIFETIME
    return seconds if seconds > 0 else DEFAULT_LIFETIME


def ended(doc: Doc, status: str, reason: str | None = None) -> Doc:
    """`doc` settled to a final status, with `endedAt` (kept if it already ended)."""
    now = timestamp()
    settled = {**doc, "status": status, "lastUpdatedAt": now, "endedAt": doc.get("endedAt") or now}
    if reason:
        settled["stateReason"] = reason
    return settled
