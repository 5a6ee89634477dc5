"""A CrewAI crew on AgentRun: one agent whose LLM is the AgentRun model gateway and whose tools are a code-interpreter
sandbox and an OpenAPI tool, the crew's output streamed.

    eval $(agentrun local env)   # or AGENTRUN_* for the cloud
    python examples/integrations/crewai_agent.py --template my-code-interpreter --tool my-openapi-tool

With AgentRun Local's offline `agentrun-local-test-model`, the question's ```python block and `call` line make it
call run_code and createItem (an operation of the OpenAPI tool); it then quotes what they returned. CrewAI gives
tools snake_case names, so the model sees createItem as create_item.
"""

import argparse
import os

os.environ.setdefault("CREWAI_DISABLE_TELEMETRY", "true")  # this crew talks only to AgentRun
os.environ.setdefault("OTEL_SDK_DISABLED", "true")

from crewai import Agent, Crew, Task

from agentrun.integration.crewai import model, sandbox_toolset, toolset

QUESTION = 'Compute this:\n```python\nprint(6 * 7)\n```\ncall create_item {"name": "demo", "count": 2}'


def main(template: str, tool: str, model_name: str) -> None:
    with sandbox_toolset(template) as sandbox_tools, toolset(tool) as api_tools:
        agent = Agent(
            role="assistant",
            goal="Answer with what the tools return",
            backstory="You run code in a sandbox and call APIs.",
            llm=model(model_name, stream=True),
            tools=[*sandbox_tools, *api_tools],
        )
        task = Task(description=QUESTION, expected_output="what the tools returned", agent=agent)
        streaming = Crew(agents=[agent], tasks=[task], stream=True).kickoff()
        for chunk in streaming:
            if chunk.content:
                print(f"chunk: {chunk.content!r}", flush=True)
        print(f"sandbox: {sandbox_tools.toolset.sandbox_id}")
    print(f"answer: {streaming.result.raw}")  # the sandbox is deleted once the block is left


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="a READY CodeInterpreter template")
    parser.add_argument("--tool", required=True, help="an OpenAPI (FUNCTIONCALL) tool with a createItem operation")
    parser.add_argument("--model", default="agentrun-local-test-model", help="a model proxy or service")
    args = parser.parse_args()
    main(args.template, args.tool, args.model)
