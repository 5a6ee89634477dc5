"""Agent runtimes that run (openapi/control.yaml CreateAgentRuntime, openapi/data.yaml InvokeAgentRuntime*): code
packages checked and unpacked (packages.py), built with their dependencies (builds.py), run as instances started on
demand and stopped when idle (instances.py), and invoked through the data plane (proxy.py). manager.py ties them to
the store."""

from agentrun.local.runtimes.manager import RuntimeManager

__all__ = ["RuntimeManager"]
