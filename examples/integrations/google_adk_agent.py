"""A Google ADK agent on AgentRun: an `LlmAgent` whose model is the AgentRun model gateway (through LiteLLM) and
whose tools are a code-interpreter sandbox and an OpenAPI tool, run by an in-memory `Runner` with SSE streaming.

    eval $(agentrun local env)   # or AGENTRUN_* for the cloud
    python examples/integrations/google_adk_agent.py --template my-code-interpreter --tool my-openapi-tool

With AgentRun Local's offline `agentrun-local-test-model`, the question's ```python block and `call` line make it
call run_code and createItem (an operation of the OpenAPI tool); it then quotes what they returned.
"""

import argparse
import asyncio

from google.adk.agents import LlmAgent
from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.runners import InMemoryRunner
from google.genai import types

from agentrun.integration.google_adk import model, sandbox_toolset, toolset

QUESTION = 'Compute this:\n```python\nprint(6 * 7)\n```\ncall createItem {"name": "demo", "count": 2}'


async def main(template: str, tool: str, model_name: str) -> None:
    async with sandbox_toolset(template) as sandbox_tools, toolset(tool) as api_tools:
        agent = LlmAgent(name="assistant", model=model(model_name), tools=[*sandbox_tools, *api_tools])
        runner = InMemoryRunner(agent=agent, app_name="example")
        session = await runner.session_service.create_session(app_name="example", user_id="user")
        question = types.Content(role="user", parts=[types.Part(text=QUESTION)])
        final = ""
        async for event in runner.run_async(
            user_id="user",
            session_id=session.id,
            new_message=question,
            run_config=RunConfig(streaming_mode=StreamingMode.SSE),
        ):
            text = "".join(part.text or "" for part in (event.content.parts if event.content else []))
            if event.partial and text:
                print(f"chunk: {text!r}", flush=True)
            elif event.is_final_response() and text:
                final = text
        await runner.close()
        print(f"sandbox: {sandbox_tools.toolset.sandbox_id}")
    print(f"answer: {final}")  # the sandbox is deleted once the block is left


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="a READY CodeInterpreter template")
    parser.add_argument("--tool", required=True, help="an OpenAPI (FUNCTIONCALL) tool with a createItem operation")
    parser.add_argument("--model", default="agentrun-local-test-model", help="a model proxy or service")
    args = parser.parse_args()
    asyncio.run(main(args.template, args.tool, args.model))
