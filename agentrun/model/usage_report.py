"""Usage reports of the model gateway (an AgentRun Local extension: `GET /models/{name}/usage`, `GET /model-usage`):
requests, failures, cache hits and tokens, in total and by model, proxy, service and credential."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from agentrun.model.completions import wire_int, wire_map, wire_number, wire_object, wire_text


@dataclass(frozen=True, slots=True)
class UsageTally:
    """Counts of model calls. `estimated_tokens` is the part of the tokens the gateway estimated because the
    upstream reported no usage; `cost` is priced by the model services' token prices (0 without them)."""

    requests: int = 0
    failures: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    estimated_tokens: int = 0
    cost: float = 0.0


@dataclass(frozen=True, slots=True)
class Concurrency:
    """A model proxy's concurrency state (when it has a `concurrencyLimit`)."""

    limit: int
    max_queued: int
    in_flight: int
    queued: int


@dataclass(frozen=True, slots=True)
class ModelUsage:
    """Usage of one model proxy, service or built-in model (`name`, `kind`), or of the whole account (both None)."""

    total: UsageTally
    by_model: Mapping[str, UsageTally] = field(default_factory=dict)
    by_proxy: Mapping[str, UsageTally] = field(default_factory=dict)
    by_service: Mapping[str, UsageTally] = field(default_factory=dict)
    by_credential: Mapping[str, UsageTally] = field(default_factory=dict)
    name: str | None = None
    kind: str | None = None
    concurrency: Concurrency | None = None


_TALLY_FIELDS = {
    "requests": "requests",
    "failures": "failures",
    "cacheHits": "cache_hits",
    "promptTokens": "prompt_tokens",
    "completionTokens": "completion_tokens",
    "totalTokens": "total_tokens",
    "estimatedTokens": "estimated_tokens",
}


def _tally(value: object) -> UsageTally:
    tally = wire_object({} if value is None else value, "a usage tally")
    counts = {ours: wire_int(tally.get(wire), f"usage {wire}") for wire, ours in _TALLY_FIELDS.items()}
    return UsageTally(**counts, cost=wire_number(tally.get("cost"), "usage cost"))


def _concurrency(value: Any) -> Concurrency | None:
    if value is None:
        return None
    state = wire_object(value, "a concurrency state")
    return Concurrency(
        wire_int(state.get("limit"), "concurrency limit"),
        wire_int(state.get("maxQueued"), "maxQueued"),
        wire_int(state.get("inFlight"), "inFlight"),
        wire_int(state.get("queued"), "queued"),
    )


def parse_usage_report(value: object) -> ModelUsage:
    report = wire_object(value, "a usage report")
    sums = {"by_model": "byModel", "by_proxy": "byProxy", "by_service": "byService", "by_credential": "byCredential"}
    return ModelUsage(
        total=_tally(report.get("total")),
        name=wire_text(report.get("name"), "a name"),
        kind=wire_text(report.get("kind"), "a kind"),
        concurrency=_concurrency(report.get("concurrency")),
        **{ours: wire_map(report.get(wire), wire, _tally) for ours, wire in sums.items()},
    )
