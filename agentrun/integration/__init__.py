"""Framework integrations: AgentRun models, tools and sandboxes as the native objects of agent frameworks.

One module per framework (`agentrun.integration.langchain`, `.langgraph`, `.pydantic_ai`, `.openai_agents`,
`.crewai`, `.agentscope`, `.google_adk`), each
with the functions of the official agentrun-sdk's modules (`model`, `toolset`, `tool_resource`,
`sandbox_toolset`), so moving from it is an import change. They all convert from one framework-neutral layer
(`agentrun.integration._common`). Nothing here imports a framework: each module imports its own, and each framework
is an optional extra (`pip install 'agentrun[langchain]'`, ...).
"""
