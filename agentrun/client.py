"""The root client: one shared connection pool and one configuration for every resource."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Self, Unpack

import httpx

from agentrun import errors
from agentrun._config import Config, ConfigFields, ConfigOptions, Timeouts
from agentrun._core.closing import Closeable
from agentrun._core.http import HttpCore

if TYPE_CHECKING:
    from agentrun.agent_runtime.agent_runtime import AgentRuntimes
    from agentrun.credential.credential import Credentials
    from agentrun.model.gateway import Models
    from agentrun.model.model_proxy import ModelProxies
    from agentrun.model.model_service import ModelServices
    from agentrun.sandbox.sandbox import Sandboxes
    from agentrun.sandbox.template import Templates
    from agentrun.tool.tool import Tools
    from agentrun.workspace.workspace import Workspaces


class AsyncAgentRun(Closeable):
    """Entry point of the SDK.

        async with AsyncAgentRun() as client:          # configuration from AGENTRUN_* variables
            template = await client.templates.get("my-template")

    Resource managers (`client.credentials`, `client.templates`, ...) are created on first use and share this
    client's connection pool. Close the client with `async with` or `await client.aclose()`.

    `client.with_options(timeout=5, max_retries=0)` is a client with other settings on the same pool.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        **options: Unpack[ConfigOptions],
    ) -> None:
        """`config` is used as given; without it, `options` (any `Config` field) override the environment."""
        self.config = config.with_options(**options) if config is not None else Config.from_env(**options)
        self._core = HttpCore(self.config, http_client=http_client, transport=transport)

    @classmethod
    def local(cls, data_dir: str | os.PathLike[str] | None = None, **options: Unpack[ConfigOptions]) -> Self:
        """A client for the AgentRun Local server running on `data_dir` (default `$AGENTRUN_LOCAL_DIR` or
        ~/.agentrun/local): its access key, endpoints and CA, read from the data dir. Raises ConfigError when no
        server is running there. `options` override `Config` fields (timeouts, retries, ...)."""
        try:
            from agentrun.local.connect import local_config
        except ImportError as exc:  # the server's own dependencies (cryptography, ...) come with the local extra
            raise errors.MissingDependencyError(
                f"connecting to AgentRun Local needs the `local` extra ({exc.name or exc} is missing): "
                "pip install 'agentrun[local]'"
            ) from exc

        return cls(local_config(data_dir).with_options(**options))

    def with_options(
        self,
        *,
        timeout: float | Timeouts | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        set_default_headers: Mapping[str, str] | None = None,
        **config_changes: Unpack[ConfigFields],
    ) -> Self:
        """A client with some settings changed, sending through this client's connection pool; this client is left
        as it was. `timeout` is seconds for each whole call (or a full `Timeouts`), `default_headers` are added to
        every request (`set_default_headers` replaces the headers instead), and any other `Config` field (region,
        endpoints, credentials, ...) may be given. The pool stays this client's: closing the derived client does not
        close it, and closing this one ends the derived client's use of it too."""
        config = self.config.derived(
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            set_default_headers=set_default_headers,
            **config_changes,
        )
        derived = object.__new__(type(self))  # not __init__: it would make a pool of its own
        derived.config = config
        derived._core = self._core.derive(config)
        return derived

    @cached_property
    def agent_runtimes(self) -> AgentRuntimes:
        from agentrun.agent_runtime.agent_runtime import AgentRuntimes

        return AgentRuntimes(self._core)

    @cached_property
    def templates(self) -> Templates:
        from agentrun.sandbox.template import Templates

        return Templates(self._core)

    @cached_property
    def sandboxes(self) -> Sandboxes:
        from agentrun.sandbox.sandbox import Sandboxes

        return Sandboxes(self._core)

    @cached_property
    def model_services(self) -> ModelServices:
        from agentrun.model.model_service import ModelServices

        return ModelServices(self._core)

    @cached_property
    def model_proxies(self) -> ModelProxies:
        from agentrun.model.model_proxy import ModelProxies

        return ModelProxies(self._core)

    @cached_property
    def models(self) -> Models:
        """The model gateway: `chat`, `stream`, `embed`, `list`, `usage` and `openai(name)`."""
        from agentrun.model.gateway import Models

        return Models(self._core)

    @cached_property
    def tools(self) -> Tools:
        from agentrun.tool.tool import Tools

        return Tools(self._core)

    @cached_property
    def credentials(self) -> Credentials:
        from agentrun.credential.credential import Credentials

        return Credentials(self._core)

    @cached_property
    def workspaces(self) -> Workspaces:
        from agentrun.workspace.workspace import Workspaces

        return Workspaces(self._core)

    async def aclose(self) -> None:
        """Close the connection pool (only if this client created it: not a `with_options` client, nor one given
        `http_client=`)."""
        await self._core.aclose()
