"""The resource registry both planes share: the kinds the store keeps (each also the word an error message uses,
"template tpl-1 does not exist"), how new ids look, and what a resource's names and numbers may be.

control/ serves these resources over HTTP, sandbox_manager/ and models/ read and write some of them; all three
import this module rather than each other, so the control plane stays a set of routes over the store.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass

# -- kinds, as the store keys them --------------------------------------------------------------------------------

AGENT_RUNTIME = "agent runtime"
AGENT_RUNTIME_ENDPOINT = "agent runtime endpoint"
AGENT_RUNTIME_VERSION = "agent runtime version"
CREDENTIAL = "credential"
MODEL_PROXY = "model proxy"
MODEL_SERVICE = "model service"
SANDBOX = "sandbox"
TEMPLATE = "template"
TOOL = "tool"
WORKSPACE = "workspace"

# Paths encrypted at rest (state.box) of the kinds read outside control/.
CREDENTIAL_SECRETS = ("credentialSecret", "credentialPublicConfig.users[].password")
MODEL_SERVICE_SECRETS = ("providerSettings.apiKey",)

# -- ids ----------------------------------------------------------------------------------------------------------

SANDBOX_ID_PREFIX = "sbx-"


def new_id(prefix: str) -> str:
    return prefix + secrets.token_hex(10)


# -- names and numbers, as written (control/write_rules.py checks bodies against these) ---------------------------

# The cloud's rule for names that are path keys (templateName, credentialName, ...): they must survive a URL path
# segment unencoded, so no '/', spaces, dots or other characters a path would need to escape.
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,127}")
NAME_RULE = "1 to 128 characters: letters, digits, '_' and '-', starting with a letter or '_'"


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    unit: str = ""

    def holds(self, value: float) -> bool:
        return math.isfinite(value) and self.low <= value <= self.high  # NaN fails every comparison too

    def __str__(self) -> str:
        def show(bound: float) -> str:
            return f"{bound:g}"

        return f"between {show(self.low)} and {show(self.high)}{f' {self.unit}' if self.unit else ''}"


# Numeric fields by their path in an input body ("[]" steps into every item of a list). The same bounds are the
# `minimum`/`maximum` of these fields in openapi/control.yaml.
RANGES: dict[str, Range] = {
    "cpu": Range(0.05, 16, "vCPU"),
    "memory": Range(128, 32768, "MB"),
    "diskSize": Range(1, 10240),
    "port": Range(1, 65535),
    "containerConfiguration.port": Range(1, 65535),
    "sandboxIdleTimeoutInSeconds": Range(1, 21600, "seconds"),
    "sandboxTTLInSeconds": Range(1, 21600, "seconds"),
    "preStopTimeoutInSeconds": Range(1, 3600, "seconds"),
    "sessionIdleTimeoutSeconds": Range(1, 86400, "seconds"),
    "sessionConcurrencyLimitPerInstance": Range(1, 1000),
    "timeout": Range(1, 3600, "seconds"),
    "scalingConfig.minInstances": Range(0, 1000),
    "routingConfiguration.versionWeights[].weight": Range(0, 1),
}
