"""A LangGraph agent served as an AgentRun runtime: `AgentRunServer` answers AgentRun's invocations (OpenAI Chat
Completions and AG-UI) with the graph's `astream_events`, turned into server events by `AgentRunConverter`. Deployed
as it is (this file as main.py; AgentRun sets $PORT), or run here:

    eval $(agentrun local env)   # or AGENTRUN_* for the cloud
    AGENTRUN_EXAMPLE_TOOL=my-openapi-tool python examples/integrations/langgraph_server.py

The graph: a model node on the AgentRun model gateway (AGENTRUN_EXAMPLE_MODEL, default AgentRun Local's offline
`agentrun-local-test-model`), a ToolNode with the operations of the OpenAPI tool AGENTRUN_EXAMPLE_TOOL, and the loop
between them.
"""

import os

from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode, tools_condition

from agentrun.integration.langgraph import AgentRunConverter, model, toolset
from agentrun.server import AgentRequest, AgentRunServer


def build_graph(tool: str, model_name: str):
    tools = toolset(tool)  # closed at process exit
    llm = model(model_name, streaming=True).bind_tools(tools)

    async def agent(state: MessagesState) -> dict:
        return {"messages": [await llm.ainvoke(state["messages"])]}

    graph = StateGraph(MessagesState)
    graph.add_node("agent", agent)
    graph.add_node("tools", ToolNode(tools))
    graph.add_edge(START, "agent")
    graph.add_conditional_edges("agent", tools_condition)
    graph.add_edge("tools", "agent")
    return graph.compile()


def build_server(tool: str, model_name: str = "agentrun-local-test-model") -> AgentRunServer:
    graph = build_graph(tool, model_name)

    async def invoke_agent(request: AgentRequest):
        messages = [(message.role, message.content or "") for message in request.messages]
        converter = AgentRunConverter()  # one per request: it pairs tool calls with their results
        async for event in graph.astream_events({"messages": messages}, version="v2"):
            for item in converter.convert(event):
                yield item

    return AgentRunServer(invoke_agent)


if __name__ == "__main__":
    model_name = os.environ.get("AGENTRUN_EXAMPLE_MODEL", "agentrun-local-test-model")
    build_server(os.environ["AGENTRUN_EXAMPLE_TOOL"], model_name).start(log_level="warning")  # on $PORT
