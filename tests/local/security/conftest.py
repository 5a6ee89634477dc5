"""Fixtures for the security tests: escapes tried from inside real sandboxes, bad input, limits. They reuse the
data-plane fixtures (`data`, `control`, `template`, `sandbox`, ...) and helpers of tests/local/data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_DATA_TESTS = Path(__file__).resolve().parent.parent / "data"
sys.path.insert(0, str(_DATA_TESTS))  # data_helpers, files_helpers, sdk_helpers import as in tests/local/data

_spec = importlib.util.spec_from_file_location("_data_plane_fixtures", _DATA_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

isolation_available = _fixtures.isolation_available
data = _fixtures.data
control = _fixtures.control
template = _fixtures.template
sandbox = _fixtures.sandbox
