"""Which backends a request tries, in which order, and the model name each is sent.

Load balancing is smooth weighted round robin (nginx's): over every `sum(weights)` consecutive requests each
endpoint comes first exactly `weight` times, interleaved (weights 2:1 give A B A, A B A, ...); equal weights (or
none: weight 1) are plain round robin; weight 0 never comes first but is still tried when the others fail. After the
chosen endpoint come the others in configured order from there, then — `numRetries` passes later — the fallbacks.

A request's `model` selects the endpoints that serve it (an endpoint serves the names in its `modelNames`, else
those of its model service, else any name). Without a `model`, or with the target's own name (the official SDK
sends the proxy name for multi-endpoint proxies), every endpoint is eligible. A model no endpoint serves is a 404.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agentrun.local.models.errors import invalid_request, model_not_found
from agentrun.local.models.targets import Backend, Target


@dataclass(frozen=True)
class Attempt:
    backend: Backend
    model: str | None  # the `model` sent upstream; None: the request's own (a backend that names no model)


class Balancer:
    """Per-target smooth weighted round robin; the state resets when a target's endpoints change."""

    def __init__(self) -> None:
        self._state: dict[str, tuple[tuple[tuple[str, int], ...], list[int]]] = {}

    def order(self, key: str, backends: Sequence[Backend]) -> list[Backend]:
        if len(backends) <= 1:
            return list(backends)
        shape = tuple((b.label, b.weight) for b in backends)
        weights = [b.weight for b in backends] if any(b.weight for b in backends) else [1] * len(backends)
        known = self._state.get(key)
        current = known[1] if known is not None and known[0] == shape else [0] * len(backends)
        for i, weight in enumerate(weights):
            current[i] += weight
        chosen = max(range(len(backends)), key=lambda i: (current[i], -i))
        current[chosen] -= sum(weights)
        self._state[key] = (shape, current)
        return [*backends[chosen:], *backends[:chosen]]


def _serves(backend: Backend, model: str) -> bool:
    return not backend.model_names or model in backend.model_names


def _model_for(backend: Backend, requested: str | None) -> str | None:
    if backend.fixed_model:
        return backend.fixed_model
    if requested and requested in backend.model_names:
        return requested
    if backend.model_names:
        return backend.model_names[0]
    return requested


def served_models(target: Target) -> list[str]:
    names: list[str] = []
    for backend in target.backends:
        offered = backend.model_names or ((backend.fixed_model,) if backend.fixed_model else ())
        names += [name for name in offered if name not in names]
    return names


def plan(target: Target, requested: object, balancer: Balancer) -> list[Attempt]:
    """The attempts for one request, in order."""
    if requested is not None and not isinstance(requested, str):
        raise invalid_request("model must be a string", param="model")
    if not target.backends:
        raise model_not_found(f"{target.kind} {target.name} has no endpoints (proxyConfig.endpoints is empty)")
    selector = requested if requested and requested != target.name else None
    eligible = [b for b in target.backends if selector is None or _serves(b, selector)]
    if not eligible:
        served = ", ".join(served_models(target)) or "none"
        raise model_not_found(f"{target.kind} {target.name} does not serve model {requested!r}; it serves: {served}")
    ordered = balancer.order(f"{target.kind}/{target.name}/{selector or ''}", eligible)
    attempts = [Attempt(b, _model_for(b, selector)) for b in ordered] * (1 + target.policies.num_retries)
    return attempts + [Attempt(b, _model_for(b, selector)) for b in target.fallbacks]
