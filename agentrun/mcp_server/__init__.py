"""MCP servers the SDK serves itself (needs the `mcp` package: `pip install 'agentrun[local]'`): a code-interpreter
sandbox as MCP tools (sandbox.py), over stdio (`agentrun mcp sandbox`) or HTTP (AgentRun Local's
`/sandboxes/{sandboxId}/mcp`)."""
