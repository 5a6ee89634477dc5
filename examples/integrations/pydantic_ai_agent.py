"""A PydanticAI agent on AgentRun: the model through the AgentRun model gateway, a code-interpreter sandbox and an
OpenAPI tool as its tools, the answer streamed as it is written.

    eval $(agentrun local env)   # or AGENTRUN_* for the cloud
    python examples/integrations/pydantic_ai_agent.py --template my-code-interpreter --tool my-openapi-tool

With AgentRun Local's offline `agentrun-local-test-model`, the question's ```python block and `call` line make it
call run_code and createItem (an operation of the OpenAPI tool); it then quotes what they returned.
"""

import argparse
import asyncio

from pydantic_ai import Agent

from agentrun.integration.pydantic_ai import model, sandbox_toolset, toolset

QUESTION = 'Compute this:\n```python\nprint(6 * 7)\n```\ncall createItem {"name": "demo", "count": 2}'


async def main(template: str, tool: str, model_name: str) -> None:
    async with sandbox_toolset(template) as sandbox_tools, toolset(tool) as api_tools:
        agent = Agent(model(model_name), tools=[*sandbox_tools, *api_tools])
        async with agent.run_stream(QUESTION) as run:
            async for delta in run.stream_text(delta=True, debounce_by=None):
                print(f"chunk: {delta!r}", flush=True)
            answer = await run.get_output()
        print(f"sandbox: {sandbox_tools.toolset.sandbox_id}")
    print(f"answer: {answer}")  # the sandbox is deleted once the block is left


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="a READY CodeInterpreter template")
    parser.add_argument("--tool", required=True, help="an OpenAPI (FUNCTIONCALL) tool with a createItem operation")
    parser.add_argument("--model", default="agentrun-local-test-model", help="a model proxy or service")
    args = parser.parse_args()
    asyncio.run(main(args.template, args.tool, args.model))
