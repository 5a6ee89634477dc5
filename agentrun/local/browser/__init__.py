"""Browser sandboxes on AgentRun Local: Chromium inside a sandbox (chromium.py, relay.py) and the data-plane CDP
WebSocket that reaches it (automation.py)."""
