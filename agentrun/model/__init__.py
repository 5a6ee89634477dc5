"""Model services (providers registered with AgentRun) and model proxies (gateways in front of them)."""

from agentrun.model.model_proxy import ModelProxies, ModelProxy
from agentrun.model.model_service import ModelService, ModelServices

__all__ = ["ModelProxies", "ModelProxy", "ModelService", "ModelServices"]
