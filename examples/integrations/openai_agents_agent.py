"""An OpenAI Agents SDK agent on AgentRun: the model through the AgentRun model gateway (Chat Completions), a
code-interpreter sandbox and an OpenAPI tool as its function tools, the run streamed.

    eval $(agentrun local env)   # or AGENTRUN_* for the cloud
    python examples/integrations/openai_agents_agent.py --template my-code-interpreter --tool my-openapi-tool

With AgentRun Local's offline `agentrun-local-test-model`, the question's ```python block and `call` line make it
call run_code and createItem (an operation of the OpenAPI tool); it then quotes what they returned.
"""

import argparse
import asyncio

from agents import Agent, Runner, set_tracing_disabled
from openai.types.responses import ResponseTextDeltaEvent

from agentrun.integration.openai_agents import model, sandbox_toolset, toolset

QUESTION = 'Compute this:\n```python\nprint(6 * 7)\n```\ncall createItem {"name": "demo", "count": 2}'


async def main(template: str, tool: str, model_name: str) -> None:
    set_tracing_disabled(True)  # traces would go to OpenAI's platform; this agent talks only to AgentRun
    async with sandbox_toolset(template) as sandbox_tools, toolset(tool) as api_tools:
        agent = Agent(name="assistant", model=model(model_name), tools=[*sandbox_tools, *api_tools])
        run = Runner.run_streamed(agent, QUESTION)
        async for event in run.stream_events():
            if event.type == "raw_response_event" and isinstance(event.data, ResponseTextDeltaEvent):
                print(f"chunk: {event.data.delta!r}", flush=True)
        print(f"sandbox: {sandbox_tools.toolset.sandbox_id}")
    print(f"answer: {run.final_output}")  # the sandbox is deleted once the block is left


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="a READY CodeInterpreter template")
    parser.add_argument("--tool", required=True, help="an OpenAPI (FUNCTIONCALL) tool with a createItem operation")
    parser.add_argument("--model", default="agentrun-local-test-model", help="a model proxy or service")
    args = parser.parse_args()
    asyncio.run(main(args.template, args.tool, args.model))
