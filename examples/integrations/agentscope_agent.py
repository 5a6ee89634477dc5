"""An AgentScope agent on AgentRun: the model through the AgentRun model gateway, a code-interpreter sandbox and an
OpenAPI tool in its toolkit, the reply streamed event by event.

    eval $(agentrun local env)   # or AGENTRUN_* for the cloud
    python examples/integrations/agentscope_agent.py --template my-code-interpreter --tool my-openapi-tool

With AgentRun Local's offline `agentrun-local-test-model`, the question's ```python block and `call` line make it
call run_code and createItem (an operation of the OpenAPI tool); it then quotes what they returned. AgentScope's
runtime-state reminder is turned off, as it would follow the question (a language model does not need that).
"""

import argparse
import asyncio

from agentscope.agent import Agent, InjectionConfig
from agentscope.event import TextBlockDeltaEvent, ToolResultTextDeltaEvent
from agentscope.message import Msg, TextBlock
from agentscope.permission import PermissionContext, PermissionMode
from agentscope.state import AgentState
from agentscope.tool import Toolkit

from agentrun.integration.agentscope import model, sandbox_toolset, toolset

QUESTION = 'Compute this:\n```python\nprint(6 * 7)\n```\ncall createItem {"name": "demo", "count": 2}'


async def main(template: str, tool: str, model_name: str) -> None:
    async with sandbox_toolset(template) as sandbox_tools, toolset(tool) as api_tools:
        agent = Agent(
            name="assistant",
            system_prompt="You run code in a sandbox and call APIs.",
            model=model(model_name),
            toolkit=Toolkit(tools=[*sandbox_tools, *api_tools]),
            # no runtime-state reminder after the question: the offline test model reads the last user message
            injection_config=InjectionConfig(inject_runtime_state=False),
            # unattended: AgentScope would otherwise wait for a user to permit each call (the code runs in a sandbox)
            state=AgentState(permission_context=PermissionContext(mode=PermissionMode.BYPASS)),
        )
        final = None
        async for event in agent.reply_stream(
            Msg(name="user", role="user", content=[TextBlock(text=QUESTION)]), yield_final_msg=True
        ):
            if isinstance(event, TextBlockDeltaEvent):
                print(f"chunk: {event.delta!r}", flush=True)
            elif isinstance(event, ToolResultTextDeltaEvent):
                print(f"tool output: {event.delta!r}")
            elif isinstance(event, Msg):
                final = event
        print(f"sandbox: {sandbox_tools.toolset.sandbox_id}")
    print(f"answer: {final.get_text_content()}")  # the sandbox is deleted once the block is left


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="a READY CodeInterpreter template")
    parser.add_argument("--tool", required=True, help="an OpenAPI (FUNCTIONCALL) tool with a createItem operation")
    parser.add_argument("--model", default="agentrun-local-test-model", help="a model proxy or service")
    args = parser.parse_args()
    asyncio.run(main(args.template, args.tool, args.model))
