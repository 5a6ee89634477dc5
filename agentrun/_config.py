"""Client configuration: explicit arguments first, then the environment variables the official SDK reads."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from .errors import ConfigError

if TYPE_CHECKING:
    import ssl

DEFAULT_REGION = "cn-hangzhou"


@dataclass(frozen=True)
class Timeouts:
    """Seconds. `connect`, `read`, `write` and `pool` apply to each HTTP attempt; `total` bounds a whole call,
    retries and backoff included (streams are bounded by `read` between chunks instead)."""

    connect: float = 5.0
    read: float = 60.0
    write: float = 60.0
    pool: float = 10.0
    total: float | None = 180.0

    def for_call(self, timeout: float | Timeouts | None) -> Timeouts:
        """These limits with a caller's `timeout=` applied: a `Timeouts` as given, seconds as the bound of the whole
        call (and of each read and write within it), connect and pool never raised above these."""
        if timeout is None:
            return self
        if isinstance(timeout, Timeouts):
            return timeout
        t = float(timeout)
        return Timeouts(connect=min(self.connect, t), read=t, write=t, pool=min(self.pool, t), total=t)


def _env(*names: str) -> str | None:
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    return None


def _normalise_endpoint(value: str) -> str:
    """Add https:// when no scheme is given, accept the official SDK's `http://http://host` plain-HTTP spelling,
    and drop trailing slashes."""
    value = value.strip().rstrip("/")
    for scheme in ("http://", "https://"):
        rest = value[len(scheme) :]
        if value.startswith(scheme) and rest.startswith(("http://", "https://")):
            value = rest  # double scheme: the inner one is meant
            break
    if not value.startswith(("http://", "https://")):
        value = "https://" + value
    return value


@dataclass(frozen=True)
class Config:
    """Everything a client needs to reach AgentRun. Build it with `Config.from_env(...)` to fill gaps from the
    environment; a plain `Config(...)` uses only what it is given."""

    access_key_id: str | None = None
    access_key_secret: str | None = field(default=None, repr=False)
    security_token: str | None = field(default=None, repr=False)
    account_id: str | None = None
    region: str = DEFAULT_REGION
    control_endpoint: str | None = None
    data_endpoint: str | None = None
    timeout: Timeouts = field(default_factory=Timeouts)
    max_retries: int = 2
    headers: Mapping[str, str] = field(default_factory=dict)
    verify: bool | str | ssl.SSLContext = True
    user_agent_suffix: str | None = None
    unix_socket: str | None = None
    """Connect through this unix socket instead of the endpoints' hosts (the URLs, TLS included, stay as they are):
    how an agent deployed to AgentRun Local reaches its API from inside its sandbox (AGENTRUN_UNIX_SOCKET)."""

    @classmethod
    def from_env(cls, **overrides: Unpack[ConfigOptions]) -> Config:
        """Explicit keyword arguments win; unset ones come from AGENTRUN_* (or ALIBABA_CLOUD_* / FC_*) variables."""
        _check_fields(overrides)
        values: dict[str, Any] = {
            "access_key_id": _env("AGENTRUN_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID"),
            "access_key_secret": _env("AGENTRUN_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            "security_token": _env("AGENTRUN_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"),
            "account_id": _env("AGENTRUN_ACCOUNT_ID", "FC_ACCOUNT_ID"),
            "region": _env("AGENTRUN_REGION", "FC_REGION") or DEFAULT_REGION,
            "control_endpoint": _env("AGENTRUN_CONTROL_ENDPOINT"),
            "data_endpoint": _env("AGENTRUN_DATA_ENDPOINT"),
            "unix_socket": _env("AGENTRUN_UNIX_SOCKET"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_options(self, **changes: Unpack[ConfigOptions]) -> Config:
        return replace(self, **changes)

    def derived(
        self,
        *,
        timeout: float | Timeouts | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        set_default_headers: Mapping[str, str] | None = None,
        **changes: Unpack[ConfigFields],
    ) -> Config:
        """This configuration with a client's `with_options(...)` applied: `timeout` as in a call's `timeout=`,
        `default_headers` merged over the current headers, `set_default_headers` replacing them, and any other
        `Config` field set as given (None leaves a field alone)."""
        _check_fields(changes)
        if default_headers is not None and set_default_headers is not None:
            raise ConfigError("pass default_headers (merged) or set_default_headers (replacing), not both")
        values: dict[str, Any] = {k: v for k, v in changes.items() if v is not None}
        if timeout is not None:
            values["timeout"] = self.timeout.for_call(timeout)
        if max_retries is not None:
            values["max_retries"] = max_retries
        if set_default_headers is not None:
            values["headers"] = dict(set_default_headers)
        elif default_headers is not None:
            values["headers"] = {**self.headers, **default_headers}
        return replace(self, **values)

    @property
    def has_credentials(self) -> bool:
        return bool(self.access_key_id and self.access_key_secret)

    def control_base_url(self) -> str:
        if self.control_endpoint:
            return _normalise_endpoint(self.control_endpoint)
        return f"https://agentrun.{self.region}.aliyuncs.com"

    def data_base_url(self) -> str:
        """The data-plane base URL. The default host gets the `-ram` suffix when requests are signed, as the
        service expects; an explicit endpoint is used as given."""
        if self.data_endpoint:
            return _normalise_endpoint(self.data_endpoint)
        if not self.account_id:
            raise ConfigError(
                "data-plane calls need an account id: pass Config(account_id=...) or set AGENTRUN_ACCOUNT_ID, "
                "or set AGENTRUN_DATA_ENDPOINT to the data-plane URL"
            )
        label = f"{self.account_id}-ram" if self.has_credentials else self.account_id
        return f"https://{label}.agentrun-data.{self.region}.aliyuncs.com"

    def require_credentials(self) -> tuple[str, str]:
        if not (self.access_key_id and self.access_key_secret):
            raise ConfigError(
                "control-plane calls need an access key: set AGENTRUN_ACCESS_KEY_ID and AGENTRUN_ACCESS_KEY_SECRET "
                "(or pass Config(access_key_id=..., access_key_secret=...)); for AgentRun Local run "
                "`eval $(agentrun local env)`"
            )
        return self.access_key_id, self.access_key_secret


class ConfigFields(TypedDict, total=False):
    """`Config` fields a client's `with_options(...)` takes as they are (it names timeouts, retries and headers)."""

    access_key_id: str | None
    access_key_secret: str | None
    security_token: str | None
    account_id: str | None
    region: str
    control_endpoint: str | None
    data_endpoint: str | None
    verify: bool | str | ssl.SSLContext
    user_agent_suffix: str | None
    unix_socket: str | None


class ConfigOptions(ConfigFields, total=False):
    """Every `Config` field, as keyword arguments of `AsyncAgentRun(...)`, `Config.from_env(...)`, ..."""

    timeout: Timeouts
    max_retries: int
    headers: Mapping[str, str]


def _check_fields(options: Mapping[str, Any]) -> None:
    unknown = set(options) - set(Config.__dataclass_fields__)
    if unknown:
        raise ConfigError(f"unknown Config option(s) {sorted(unknown)}; valid: {sorted(Config.__dataclass_fields__)}")
