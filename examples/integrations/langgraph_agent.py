"""A LangGraph agent on AgentRun, built as a graph (model node, ToolNode, a loop between them): the model through the
AgentRun model gateway, a code-interpreter sandbox and an OpenAPI tool as its tools, streamed with astream_events.

    eval $(agentrun local env)   # or AGENTRUN_* for the cloud
    python examples/integrations/langgraph_agent.py --template my-code-interpreter --tool my-openapi-tool

With AgentRun Local's offline `agentrun-local-test-model`, the question's ```python block and `call` line make it
call run_code and createItem (an operation of the OpenAPI tool); it then quotes what they returned.
"""

import argparse
import asyncio

from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode, tools_condition

from agentrun.integration.langgraph import model, sandbox_toolset, toolset

QUESTION = 'Compute this:\n```python\nprint(6 * 7)\n```\ncall createItem {"name": "demo", "count": 2}'


async def main(template: str, tool: str, model_name: str) -> None:
    async with sandbox_toolset(template) as sandbox_tools, toolset(tool) as api_tools:
        tools = [*sandbox_tools, *api_tools]
        llm = model(model_name, streaming=True).bind_tools(tools)

        async def agent(state: MessagesState) -> dict:
            return {"messages": [await llm.ainvoke(state["messages"])]}

        graph = StateGraph(MessagesState)
        graph.add_node("agent", agent)
        graph.add_node("tools", ToolNode(tools))
        graph.add_edge(START, "agent")
        graph.add_conditional_edges("agent", tools_condition)
        graph.add_edge("tools", "agent")
        final = None
        async for event in graph.compile().astream_events({"messages": [("user", QUESTION)]}, version="v2"):
            if event["event"] == "on_chat_model_stream" and event["data"]["chunk"].content:
                print(f"chunk: {event['data']['chunk'].content!r}", flush=True)
            elif event["event"] == "on_tool_end":
                print(f"tool {event['name']}: {event['data']['output'].content!r}")
            elif event["event"] == "on_chain_end" and event["name"] == "LangGraph":
                final = event["data"]["output"]["messages"][-1]
        print(f"sandbox: {sandbox_tools.toolset.sandbox_id}")
    print(f"answer: {final.content}")  # the sandbox is deleted once the block is left


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="a READY CodeInterpreter template")
    parser.add_argument("--tool", required=True, help="an OpenAPI (FUNCTIONCALL) tool with a createItem operation")
    parser.add_argument("--model", default="agentrun-local-test-model", help="a model proxy or service")
    args = parser.parse_args()
    asyncio.run(main(args.template, args.tool, args.model))
