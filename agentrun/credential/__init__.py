"""Credentials: secrets AgentRun stores and injects."""

from agentrun.credential.credential import Credential, Credentials

__all__ = ["Credential", "Credentials"]
