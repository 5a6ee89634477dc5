"""Operations of the agent_runtimes group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        create_agent_runtime,
        create_agent_runtime_endpoint,
        delete_agent_runtime,
        delete_agent_runtime_endpoint,
        get_agent_runtime,
        get_agent_runtime_endpoint,
        list_agent_runtime_endpoints,
        list_agent_runtime_versions,
        list_agent_runtimes,
        publish_runtime_version,
        update_agent_runtime,
        update_agent_runtime_endpoint,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        create_agent_runtime,
        create_agent_runtime_endpoint,
        delete_agent_runtime,
        delete_agent_runtime_endpoint,
        get_agent_runtime,
        get_agent_runtime_endpoint,
        list_agent_runtime_endpoints,
        list_agent_runtime_versions,
        list_agent_runtimes,
        publish_runtime_version,
        update_agent_runtime,
        update_agent_runtime_endpoint,
    ) = lazy_modules(
        __name__,
        "create_agent_runtime",
        "create_agent_runtime_endpoint",
        "delete_agent_runtime",
        "delete_agent_runtime_endpoint",
        "get_agent_runtime",
        "get_agent_runtime_endpoint",
        "list_agent_runtime_endpoints",
        "list_agent_runtime_versions",
        "list_agent_runtimes",
        "publish_runtime_version",
        "update_agent_runtime",
        "update_agent_runtime_endpoint",
    )
