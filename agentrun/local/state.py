"""What request handlers share: the store, the secret box, the local identity, the server's own endpoints, its
running sandboxes and the model gateway."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from starlette.requests import Request

from agentrun.local.identity import Identity
from agentrun.local.paths import DataDir
from agentrun.local.secrets import SecretBox
from agentrun.local.store import Store

if TYPE_CHECKING:
    from agentrun.local.models import ModelGateway
    from agentrun.local.runtimes import RuntimeManager
    from agentrun.local.sandbox_manager import SandboxManager


def _model_gateway() -> ModelGateway:
    from agentrun.local.models import ModelGateway

    return ModelGateway()


def _runtime_manager() -> RuntimeManager:
    from agentrun.local.runtimes import RuntimeManager

    return RuntimeManager()


@dataclass(frozen=True)
class ServerState:
    paths: DataDir
    identity: Identity
    box: SecretBox
    store: Store
    control_endpoint: str
    data_endpoint: str
    sandboxes: SandboxManager  # the running sandboxes (engine + records), shared by both planes
    # Seconds a transitional status (CREATING, UPDATING, DELETING) lasts before it settles.
    settle_seconds: float = 0.2
    models: ModelGateway = field(default_factory=_model_gateway)  # upstream client, governance, usage
    runtimes: RuntimeManager = field(default_factory=_runtime_manager)  # agent runtime builds and instances

    @property
    def default_workspace_id(self) -> str:
        return f"ws-{self.identity.account_id}-default"

    def arn(self, resource: str) -> str:
        return f"acs:agentrun:{self.identity.region}:{self.identity.account_id}:{resource}"


def state_of(request: Request) -> ServerState:
    state = request.app.state.local
    assert isinstance(state, ServerState)
    return state


def timestamp() -> str:
    """ISO-8601 with microseconds and a UTC offset, the form the SDK's end-to-end tests parse."""
    return datetime.now(UTC).isoformat(timespec="microseconds")
