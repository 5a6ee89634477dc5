"""The model gateway of AgentRun Local: OpenAI-compatible model traffic to model proxies, model services and the
built-in offline test model, with load balancing, fallback, concurrency limits, timeouts, caching, token rate limits
and usage accounting. Routes: routes.py; who may call: access.py; what a name refers to: targets.py."""

from __future__ import annotations

from agentrun.local.models.gateway import ModelGateway
from agentrun.local.models.routes import routes

__all__ = ["ModelGateway", "routes"]
