"""The official `openai` client pointed at the model gateway (`client.models.openai(name)`): its base URL is the
gateway for one model, and each request it sends is signed with the SDK client's access key (AGENTRUN4, a fresh
date every time, so a long-lived client never goes stale), or carries the API key of the credential bound to a model
proxy. `openai` is an optional dependency (the `openai` extra), imported only when such a client is asked for.

Not twinned by scripts/gen_sync.py: both faces live here (`async_openai_client` returns `openai.AsyncOpenAI`,
`sync_openai_client` returns `openai.OpenAI`), and the generated blocking API calls the second.
"""

from __future__ import annotations

from collections.abc import Generator
from types import ModuleType
from typing import TYPE_CHECKING, Any

import httpx

from agentrun import errors
from agentrun._config import Config, Timeouts
from agentrun._core.request_signing import sign_data_request

if TYPE_CHECKING:
    from openai import AsyncOpenAI, OpenAI

_SIGNED = "agentrun-signed-request"
"""The api_key the OpenAI client insists on when requests are signed instead; it is never sent."""


class DataPlaneSignature(httpx.Auth):
    """Signs every request it sees for the data plane. The OpenAI client adds `Authorization: Bearer <api_key>` to
    each request; a signed request carries no key, so that header (holding the placeholder) is dropped first."""

    def __init__(self, config: Config) -> None:
        config.require_credentials()
        self._config = config

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.pop("authorization", None)
        sign_data_request(self._config, request)
        yield request


def _openai() -> ModuleType:
    try:
        import openai
    except ImportError as exc:
        raise errors.MissingDependencyError(
            "client.models.openai() needs the openai package, which is optional: pip install 'agentrun[openai]' "
            "(or pip install openai)"
        ) from exc
    return openai


def _credentials(config: Config, api_key: str | None) -> tuple[str, httpx.Auth | None]:
    """The api_key to hand the OpenAI client and the auth of its HTTP client."""
    if api_key is not None:
        if not isinstance(api_key, str) or not api_key:
            raise errors.InvalidArgumentError("api_key must be the credential's secret (a non-empty string)")
        return api_key, None
    if not config.has_credentials:
        raise errors.ConfigError(
            "the OpenAI client needs a way to authenticate: configure an access key (AGENTRUN_ACCESS_KEY_ID and "
            "AGENTRUN_ACCESS_KEY_SECRET) so its requests are signed, or pass api_key= (the secret of the credential "
            "bound to the model proxy)"
        )
    return _SIGNED, DataPlaneSignature(config)


def _timeout(t: Timeouts) -> httpx.Timeout:
    return httpx.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool)


def _arguments(
    config: Config,
    base_url: str,
    timeouts: Timeouts,
    api_key: str | None,
    options: dict[str, Any],
    http_client_class: type[httpx.AsyncClient] | type[httpx.Client],
) -> dict[str, Any]:
    """The keyword arguments of the OpenAI client. An `http_client` in `options` is used (and given the signing
    auth); otherwise one is made with the SDK client's TLS settings and timeouts."""
    key, auth = _credentials(config, api_key)
    settings: dict[str, Any] = {"verify": config.verify, "timeout": _timeout(timeouts), "follow_redirects": False}
    if config.unix_socket:  # as HttpCore connects (Config.unix_socket)
        transport_class = httpx.AsyncHTTPTransport if http_client_class is httpx.AsyncClient else httpx.HTTPTransport
        settings["transport"] = transport_class(uds=config.unix_socket, verify=config.verify)
    http_client = options.pop("http_client", None) or http_client_class(**settings)
    if auth is not None:
        http_client.auth = auth
    arguments = {"max_retries": config.max_retries, **options}
    arguments.update(base_url=base_url, api_key=key, http_client=http_client)
    return arguments


def async_openai_client(
    config: Config, base_url: str, *, timeouts: Timeouts, api_key: str | None, **options: Any
) -> AsyncOpenAI:
    """`openai.AsyncOpenAI` for the gateway at `base_url`."""
    client: AsyncOpenAI = _openai().AsyncOpenAI(
        **_arguments(config, base_url, timeouts, api_key, options, httpx.AsyncClient)
    )
    return client


def sync_openai_client(
    config: Config, base_url: str, *, timeouts: Timeouts, api_key: str | None, **options: Any
) -> OpenAI:
    """The blocking twin of `async_openai_client`: `openai.OpenAI` over an `httpx.Client`."""
    client: OpenAI = _openai().OpenAI(**_arguments(config, base_url, timeouts, api_key, options, httpx.Client))
    return client
