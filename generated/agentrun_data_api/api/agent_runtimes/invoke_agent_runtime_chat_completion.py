"""InvokeAgentRuntimeChatCompletion: POST /agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations/openai/v1/chat/completions"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.chat_completion import ChatCompletion
from ...models.chat_completion_request import ChatCompletionRequest
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="InvokeAgentRuntimeChatCompletion",
    method="POST",
    path="/agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations/openai/v1/chat/completions",
    plane="data",
    idempotent=False,
    body_model=ChatCompletionRequest,
    response_model=ChatCompletion,
)


def request(
    agent_runtime_name: str,
    endpoint_name: str,
    *,
    body: ChatCompletionRequest | Mapping[str, Any],
) -> OperationRequest:
    """The request of InvokeAgentRuntimeChatCompletion."""
    url = (
        "/agent-runtimes/{agent_runtime_name}/endpoints/{endpoint_name}/invocations/openai/v1/chat/completions".format(
            agent_runtime_name=quote(str(agent_runtime_name), safe=""),
            endpoint_name=quote(str(endpoint_name), safe=""),
        )
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
