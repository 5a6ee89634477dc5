"""What `/models/{name}/...` refers to, read from the store in one transaction.

`{name}` is looked up as a model proxy first (its data-plane endpoint is `/models/{modelProxyName}`), then as a model
service (an AgentRun Local addition: the service's provider, reached through the gateway so the key stays on the
server), then as a built-in: `agentrun-local-test-model` (offline.py) and `default` (the upstream configured by
AGENTRUN_LOCAL_MODEL_BASE_URL / _API_KEY / AGENTRUN_LOCAL_MODEL, else the test model). Built-ins take any `model`
(AGENTRUN_LOCAL_MODEL, when set, replaces it). A resource being deleted is already gone here.

A proxy endpoint names a model service (its base URL and key), a base URL, or both (the endpoint's base URL wins, the
service's key is used). A model service's key is `providerSettings.apiKey`, else the secret of its credential
(`credentialName`): for services the credential is the outbound provider key. For proxies it is inbound: callers
must present its secret (access.py), as agentrun-sdk 0.0.54 does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from agentrun.local.credential_use import read_credential
from agentrun.local.models.errors import model_not_found
from agentrun.local.models.offline import TEST_MODEL
from agentrun.local.models.policies import Policies
from agentrun.local.resources import MODEL_PROXY, MODEL_SERVICE, MODEL_SERVICE_SECRETS
from agentrun.local.secrets import SecretBox
from agentrun.local.store import Tx

if TYPE_CHECKING:
    from agentrun.local.state import ServerState

DEFAULT_MODEL = "default"
BASE_URL_ENV = "AGENTRUN_LOCAL_MODEL_BASE_URL"
API_KEY_ENV = "AGENTRUN_LOCAL_MODEL_API_KEY"
MODEL_ENV = "AGENTRUN_LOCAL_MODEL"

Kind = Literal["model proxy", "model service", "built-in model"]


def safe_url(url: str) -> str:
    """A base URL fit for messages: no user info, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}" if parts.scheme else url.split("?", 1)[0]


@dataclass(frozen=True)
class Backend:
    """One place requests can go: an OpenAI-compatible base URL and its key, or the built-in test model
    (`base_url` None). `problem` says why it cannot be used; trying it then fails at once, and the next is tried."""

    label: str  # names it in messages and in the x-agentrun-upstream header; never holds the key
    base_url: str | None
    api_key: str | None = field(default=None, repr=False)
    model_names: tuple[str, ...] = ()
    service: str | None = None  # the model service it comes from (usage is counted per service)
    credential: str | None = None  # the credential its key comes from (usage is counted per credential)
    weight: int = 1
    fixed_model: str | None = None  # the model a fallback names
    problem: str | None = None
    prices: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # model -> (input, output) per million

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float:
        per_input, per_output = self.prices.get(model, (0.0, 0.0))
        return (prompt_tokens * per_input + completion_tokens * per_output) / 1_000_000

    @property
    def builtin(self) -> bool:
        return self.base_url is None and self.problem is None


@dataclass(frozen=True)
class InboundKey:
    """The credential bound to a model proxy: callers present `prefix + secret` in `header`, or the secret as
    `Authorization: Bearer`. `problem` (missing, disabled, no secret) means no key is accepted."""

    credential: str
    header: str
    prefix: str
    secret: str | None = field(default=None, repr=False)
    problem: str | None = None


@dataclass(frozen=True)
class Target:
    kind: Kind
    name: str
    backends: tuple[Backend, ...]
    fallbacks: tuple[Backend, ...] = ()
    policies: Policies = field(default_factory=Policies)
    inbound: InboundKey | None = None
    created: int = 0

    @property
    def proxy(self) -> str | None:
        return self.name if self.kind == "model proxy" else None

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every key this target may send upstream, to be scrubbed from what goes back to the caller."""
        return tuple({b.api_key for b in (*self.backends, *self.fallbacks) if b.api_key})


@dataclass(frozen=True)
class DefaultModel:
    """The upstream behind the built-in `default` name, from the environment."""

    base_url: str
    api_key: str | None = field(default=None, repr=False)
    model: str | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> DefaultModel | None:
        base_url = environ.get(BASE_URL_ENV, "").strip()
        if not base_url:
            return None
        return cls(base_url, environ.get(API_KEY_ENV) or None, environ.get(MODEL_ENV) or None)

    def backend(self) -> Backend:
        return Backend(
            label=f"{BASE_URL_ENV} ({safe_url(self.base_url)})",
            base_url=self.base_url,
            api_key=self.api_key,
            service=DEFAULT_MODEL,
            fixed_model=self.model,  # any requested model goes to this one (or passes through when none is set)
        )


TEST_BACKEND = Backend(label=f"built-in {TEST_MODEL}", base_url=None, model_names=(TEST_MODEL,), service=TEST_MODEL)
# The built-in targets take any `model` (clients insist on sending one); the answer's `model` says who answered.
ANY_MODEL_TEST_BACKEND = replace(TEST_BACKEND, model_names=(), fixed_model=TEST_MODEL)


def _live(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if doc is None or doc.get("status") == "DELETING" else doc


def _epoch(stamp: Any) -> int:
    try:
        return int(datetime.fromisoformat(str(stamp)).timestamp())
    except ValueError:
        return 0


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _prices(value: Any) -> dict[str, tuple[float, float]]:
    """`providerSettings.tokenPrices` (an extension): model -> (input, output) price per million tokens."""

    def number(v: Any) -> float:
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0.0

    return {
        str(model): (number(price.get("inputPerMillion")), number(price.get("outputPerMillion")))
        for model, price in _object(value).items()
        if isinstance(price, dict)
    }


def _names(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value if isinstance(v, str) and v) if isinstance(value, list) else ()


class _Reader:
    """Builds targets inside one store transaction (a worker thread), decrypting keys as it goes."""

    def __init__(self, tx: Tx, box: SecretBox) -> None:
        self.tx = tx
        self.box = box

    def secret(self, credential_name: str) -> tuple[str | None, str | None, dict[str, Any]]:
        """(secret, problem, public config) of a credential."""
        use = read_credential(self.tx, self.box, credential_name)
        if use.problem:
            return None, use.problem, use.public
        if not use.secret:
            return None, f"credential {credential_name} has no secret", use.public
        return use.secret, None, use.public

    def service(self, name: str, *, label: str, base_url: str | None = None, weight: int = 1) -> Backend:
        doc = _live(self.tx.get(MODEL_SERVICE, name))
        if doc is None:
            if name == TEST_MODEL:
                return replace(TEST_BACKEND, label=label, weight=weight)
            return Backend(label, None, service=name, weight=weight, problem=f"model service {name} does not exist")
        doc = self.box.open(doc, MODEL_SERVICE_SECRETS)
        settings = _object(doc.get("providerSettings"))
        key, credential = settings.get("apiKey") or None, None
        if not key and doc.get("credentialName"):
            credential = str(doc["credentialName"])
            key, problem, _ = self.secret(credential)
            if problem:
                return Backend(label, None, service=name, weight=weight, problem=f"model service {name}: {problem}")
        url = base_url or settings.get("baseUrl")
        if not url:
            return Backend(
                label,
                None,
                service=name,
                weight=weight,
                problem=f"model service {name} has no providerSettings.baseUrl",
            )
        return Backend(
            label=f"{label} ({safe_url(str(url))})",
            base_url=str(url),
            api_key=str(key) if key else None,
            model_names=_names(settings.get("modelNames")),
            service=name,
            credential=credential,
            weight=weight,
            prices=_prices(settings.get("tokenPrices")),
        )

    def endpoint(self, index: int, endpoint: Any) -> Backend:
        label = f"endpoint {index + 1}"
        if not isinstance(endpoint, dict):
            return Backend(label, None, problem=f"{label} is not an object")
        weight = endpoint.get("weight")
        weight = weight if isinstance(weight, int) and not isinstance(weight, bool) and weight >= 0 else 1
        names = _names(endpoint.get("modelNames"))
        service, base_url = endpoint.get("modelServiceName"), endpoint.get("baseUrl")
        if service:
            backend = self.service(
                str(service), label=f"{label} (model service {service})", base_url=base_url, weight=weight
            )
            return replace(backend, model_names=names or backend.model_names)
        if base_url:
            return Backend(f"{label} ({safe_url(str(base_url))})", str(base_url), model_names=names, weight=weight)
        return Backend(label, None, weight=weight, problem=f"{label} has neither modelServiceName nor baseUrl")

    def fallback(self, index: int, fallback: Any) -> Backend:
        label = f"fallback {index + 1}"
        if not isinstance(fallback, dict) or not fallback.get("modelServiceName"):
            return Backend(label, None, problem=f"{label} names no modelServiceName")
        service = str(fallback["modelServiceName"])
        backend = self.service(service, label=f"{label} (model service {service})")
        model = fallback.get("modelName")
        return replace(backend, fixed_model=str(model) if model else None)

    def proxy(self, doc: dict[str, Any]) -> Target:
        config = _object(doc.get("proxyConfig"))
        policies = _object(config.get("policies"))
        endpoints, fallbacks = _list(config.get("endpoints")), _list(policies.get("fallbacks"))
        inbound = None
        if doc.get("credentialName"):
            credential = str(doc["credentialName"])
            secret, problem, public = self.secret(credential)
            inbound = InboundKey(
                credential=credential,
                header=str(public.get("headerKey") or "X-API-Key"),
                prefix=str(public.get("prefix") or ""),
                secret=secret,
                problem=problem,
            )
        return Target(
            kind="model proxy",
            name=str(doc["modelProxyName"]),
            backends=tuple(self.endpoint(i, e) for i, e in enumerate(endpoints)),
            fallbacks=tuple(self.fallback(i, f) for i, f in enumerate(fallbacks)),
            policies=Policies.of(policies),
            inbound=inbound,
            created=_epoch(doc.get("createdAt")),
        )

    def target(self, name: str, default: DefaultModel | None) -> Target | None:
        proxy = _live(self.tx.get(MODEL_PROXY, name))
        if proxy is not None:
            return self.proxy(proxy)
        service = _live(self.tx.get(MODEL_SERVICE, name))
        if service is not None:
            backend = self.service(name, label=f"model service {name}")
            return Target("model service", name, (backend,), created=_epoch(service.get("createdAt")))
        if name == TEST_MODEL:
            return Target("built-in model", name, (ANY_MODEL_TEST_BACKEND,))
        if name == DEFAULT_MODEL:
            return Target("built-in model", name, (default.backend() if default else ANY_MODEL_TEST_BACKEND,))
        return None


class TargetCache:
    """Targets already read, each tagged with the store generation it was read at (`Store.generation`); any write
    to the store (a proxy, service or credential changed, or anything else) makes them all stale. Names that resolve
    to nothing are not kept, and the cache is emptied past MAX names, so made-up names cannot grow it."""

    MAX = 1024

    def __init__(self) -> None:
        self._entries: dict[str, tuple[int, Target]] = {}

    def get(self, name: str, generation: int) -> Target | None:
        entry = self._entries.get(name)
        return entry[1] if entry is not None and entry[0] == generation else None

    def put(self, name: str, generation: int, target: Target) -> None:
        if len(self._entries) >= self.MAX:
            self._entries.clear()
        self._entries[name] = (generation, target)


async def resolve(state: ServerState, name: str, default: DefaultModel | None) -> Target:
    """The target `name` refers to; 404 (model_not_found) when nothing has that name. Read from the store once per
    store generation: a call to an unchanged proxy skips the worker-thread hop and the SQLite transaction."""
    generation = state.store.generation
    target = state.models.targets.get(name, generation)
    if target is None:
        target = await state.store.transact(lambda tx: _Reader(tx, state.box).target(name, default))
        if target is not None:
            state.models.targets.put(name, generation, target)
    if target is None:
        raise model_not_found(
            f"no model proxy or model service is named {name!r} (create one on the control plane), and it is not "
            f"a built-in model ({DEFAULT_MODEL!r}, {TEST_MODEL!r})"
        )
    return target
