"""Sandboxes and the templates they are created from."""

from agentrun.sandbox.sandbox import Sandbox, Sandboxes
from agentrun.sandbox.template import Template, Templates

__all__ = ["Sandbox", "Sandboxes", "Template", "Templates"]
