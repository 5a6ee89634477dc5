# The two README commands: `make demo` (run the quickstart on AgentRun Local) and `make test` (everything CI runs).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The official clients live in their own virtualenv: agentrun-sdk pins openai 2.x through litellm, which ours need not.
OFFICIAL := .venv-official
OFFICIAL_STAMP := $(OFFICIAL)/.installed
# The framework integrations (agentrun[langchain,...]) and their tested versions, in their own virtualenv: they pin
# openai, pydantic and httpx ranges our dev environment need not follow. Tests run code there (tests/integration).
INTEGRATIONS := .venv-integrations
INTEGRATIONS_STAMP := $(INTEGRATIONS)/.installed
# Frameworks whose pins clash with those (crewai: mcp<2; agentscope: mcp>=2, openai 3; google-adk: its fastapi and
# starlette pins, openai 3) get one virtualenv each, with this repo, that extra and `server` (their AgentRunConverter).
CREWAI_ENV := .venv-integrations-crewai
AGENTSCOPE_ENV := .venv-integrations-agentscope
GOOGLE_ADK_ENV := .venv-integrations-google-adk
FRAMEWORK_STAMPS := $(INTEGRATIONS_STAMP) $(CREWAI_ENV)/.installed $(AGENTSCOPE_ENV)/.installed $(GOOGLE_ADK_ENV)/.installed

.PHONY: demo system-deps install official-sdk integrations environments generate check-generated lint format typecheck pytest test bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,local,server,interpreter,browser]"
	touch $(STAMP)

install: $(STAMP)

# System packages the sandboxes use (Debian names). Installed only where missing; needs root (CI runs as root).
# passt: pasta gives sandboxes with network their own user-mode network namespace; nftables, util-linux: `nft`,
# loaded there by `nsenter`, refuses what they may not reach (metadata, the host, private ranges for PUBLIC).
# e2fsprogs, mount: a sandbox's workspace is an ext4 image of its diskSize, loop-mounted (sandbox/quota.py).
# iproute2: the network escape tests build network namespaces of their own with `ip`.
# nodejs: JavaScript contexts run the machine's Node (any version the distribution ships).
# chromium-headless-shell: the Chromium of Browser and AllInOne sandboxes (headless, driven over CDP).
# chromium xvfb x11vnc: with them, that Chromium runs headful on an X display of the sandbox's own, which the live
# view serves as RFB to noVNC clients (~240 MiB PSS per idle browser instead of ~90, ~0.2% of a core).
# ffmpeg: records browser sessions (?recording=true) to .mkv, inside the sandbox.
SYSTEM_PACKAGES := passt nftables util-linux e2fsprogs mount iproute2 nodejs chromium-headless-shell ffmpeg \
	chromium xvfb x11vnc
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ] && [ "$$(id -u)" != 0 ]; then \
		echo "warning: not root, so not installing: $$missing (sandboxes needing them answer 503 saying so;" \
			"tests needing them skip): sudo apt-get install $$missing"; \
	elif [ -n "$$missing" ]; then \
		echo "installing system packages: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

demo: system-deps $(STAMP)
	$(PY) examples/quickstart.py
	$(PY) examples/browser_demo.py

# server: agentrun-sdk's `server` extra (its AgentRunServer: fastapi, uvicorn, ag-ui-protocol), which
# tests/compat/test_official_server_parity.py runs beside ours.
# playwright: agentrun-sdk's `playwright` extra (BrowserSandbox's Playwright helpers), pinned to the version ours uses;
# it connects over CDP to the sandbox's Chromium, so no browser is downloaded. Rebuilt when this file changes (pins).
# openai: litellm lets in any openai < 4, but the SDK's invoke_openai passes api_key="", which openai >= 2.34 refuses
# ("Missing credentials"); 2.33.0 is the newest that works.
# mcp: agentrun-sdk's `mcp` extra (its Tool and MCPToolSet MCP clients) declares mcp>=1.21.2, which resolves to 2.3.0,
# the version ours uses; only its SSE path works with mcp 2.x (the streamable one imports a name 2.x renamed).
$(OFFICIAL_STAMP): Makefile
	test -x $(OFFICIAL)/bin/python || $(PYTHON) -m venv $(OFFICIAL)
	$(OFFICIAL)/bin/python -m pip install --quiet "agentrun-sdk[playwright,server,mcp]==0.0.54" alibabacloud-agentrun20250910==5.7.5 \
		playwright==1.65.3 openai==2.33.0 mcp==2.3.0
	touch $(OFFICIAL_STAMP)

official-sdk: $(OFFICIAL_STAMP)

# This repo, editable, with the integration extras and the framework versions the README table names (pins here,
# ranges in pyproject.toml). Rebuilt when either file changes. server and local: agents served by agentrun.server, and
# an AgentRun Local run on this interpreter, whose runtime instances then import the frameworks (deploy tests); browser:
# sandbox_toolset(template_type="Browser") drives the sandbox's Chromium with Playwright (no browser downloaded).
$(INTEGRATIONS_STAMP): Makefile pyproject.toml
	test -x $(INTEGRATIONS)/bin/python || $(PYTHON) -m venv $(INTEGRATIONS)
	$(INTEGRATIONS)/bin/python -m pip install --quiet \
		-e ".[langchain,langgraph,pydantic-ai,openai-agents,server,local,browser]" \
		langchain==1.5.2 langchain-core==1.8.3 langchain-openai==1.8.1 langgraph==1.2.24 \
		pydantic-ai-slim==2.78.0 openai-agents==0.24.0 playwright==1.65.3
	touch $(INTEGRATIONS_STAMP)

# Cold pip cache, here: crewai ~56 s (chromadb and lancedb are its dependencies, not extras), agentscope ~41 s,
# google-adk ~54 s.
$(CREWAI_ENV)/.installed: Makefile pyproject.toml
	test -x $(CREWAI_ENV)/bin/python || $(PYTHON) -m venv $(CREWAI_ENV)
	$(CREWAI_ENV)/bin/python -m pip install --quiet -e ".[crewai,server]" crewai==1.15.30
	touch $@

$(AGENTSCOPE_ENV)/.installed: Makefile pyproject.toml
	test -x $(AGENTSCOPE_ENV)/bin/python || $(PYTHON) -m venv $(AGENTSCOPE_ENV)
	$(AGENTSCOPE_ENV)/bin/python -m pip install --quiet -e ".[agentscope,server]" agentscope==2.0.11
	touch $@

$(GOOGLE_ADK_ENV)/.installed: Makefile pyproject.toml
	test -x $(GOOGLE_ADK_ENV)/bin/python || $(PYTHON) -m venv $(GOOGLE_ADK_ENV)
	$(GOOGLE_ADK_ENV)/bin/python -m pip install --quiet -e ".[google-adk,server]" google-adk==2.13.0 litellm==1.110.2
	touch $@

integrations: $(FRAMEWORK_STAMPS)

# Every virtual environment the tests use; independent of each other, so `make -j4 environments` builds them at once
# (CI does: most of a cold build is download and unpack, which overlaps well).
environments: $(STAMP) $(OFFICIAL_STAMP) $(FRAMEWORK_STAMPS)

generate: $(STAMP)
	$(PY) scripts/generate.py
	$(PY) scripts/gen_sync.py

check-generated: $(STAMP)
	$(PY) scripts/generate.py --check
	$(PY) scripts/gen_sync.py --check

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP) $(OFFICIAL_STAMP) $(FRAMEWORK_STAMPS)
	AGENTRUN_OFFICIAL_PYTHON=$(CURDIR)/$(OFFICIAL)/bin/python \
		AGENTRUN_INTEGRATIONS_PYTHON=$(CURDIR)/$(INTEGRATIONS)/bin/python \
		AGENTRUN_INTEGRATIONS_CREWAI_PYTHON=$(CURDIR)/$(CREWAI_ENV)/bin/python \
		AGENTRUN_INTEGRATIONS_AGENTSCOPE_PYTHON=$(CURDIR)/$(AGENTSCOPE_ENV)/bin/python \
		AGENTRUN_INTEGRATIONS_GOOGLE_ADK_PYTHON=$(CURDIR)/$(GOOGLE_ADK_ENV)/bin/python $(PY) -m pytest $(PYTEST_ARGS)

test: lint typecheck check-generated pytest

# Each bench records its headline figures (bench/_summary.py); the last step prints them as one met/missed table.
bench: export AGENTRUN_BENCH_RESULTS = $(CURDIR)/.bench-results.jsonl
bench: $(STAMP) $(OFFICIAL_STAMP)
	rm -f $(CURDIR)/.bench-results.jsonl
	$(PY) bench/import_time.py
	$(PY) bench/local_roundtrip.py
	$(PY) bench/control_plane.py
	$(PY) bench/sandbox.py
	$(PY) bench/models.py
	$(PY) bench/tools.py
	$(PY) bench/runtimes.py
	$(PY) bench/browser.py
	$(PY) bench/summary.py $(CURDIR)/.bench-results.jsonl

clean:
	rm -rf $(VENV) $(OFFICIAL) $(INTEGRATIONS) $(CREWAI_ENV) $(AGENTSCOPE_ENV) $(GOOGLE_ADK_ENV) .mypy_cache .pytest_cache .ruff_cache
