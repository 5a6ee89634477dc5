"""A LangChain agent on AgentRun: the model through the AgentRun model gateway, a code-interpreter sandbox and an
OpenAPI tool as LangChain tools, the answer streamed token by token.

    eval $(agentrun local env)   # or AGENTRUN_* for the cloud
    python examples/integrations/langchain_agent.py --template my-code-interpreter --tool my-openapi-tool

With AgentRun Local's offline `agentrun-local-test-model`, the question's ```python block and `call` line make it
call run_code and createItem (an operation of the OpenAPI tool); it then quotes what they returned.
"""

import argparse
import asyncio

from langchain.agents import create_agent

from agentrun.integration.langchain import model, sandbox_toolset, toolset

QUESTION = 'Compute this:\n```python\nprint(6 * 7)\n```\ncall createItem {"name": "demo", "count": 2}'


async def main(template: str, tool: str, model_name: str) -> None:
    llm = model(model_name, streaming=True)
    async with sandbox_toolset(template) as sandbox_tools, toolset(tool) as api_tools:
        agent = create_agent(llm, [*sandbox_tools, *api_tools])
        final = None
        async for mode, data in agent.astream({"messages": [("user", QUESTION)]}, stream_mode=["messages", "values"]):
            if mode == "messages" and data[0].type == "AIMessageChunk" and data[0].content:
                print(f"chunk: {data[0].content!r}", flush=True)  # the answer as the model streams it
            elif mode == "values":
                final = data["messages"][-1]
        print(f"sandbox: {sandbox_tools.toolset.sandbox_id}")
    print(f"answer: {final.content}")  # the sandbox is deleted once the block is left


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="a READY CodeInterpreter template")
    parser.add_argument("--tool", required=True, help="an OpenAPI (FUNCTIONCALL) tool with a createItem operation")
    parser.add_argument("--model", default="agentrun-local-test-model", help="a model proxy or service")
    args = parser.parse_args()
    asyncio.run(main(args.template, args.tool, args.model))
