#!/usr/bin/env python3
"""Generate the raw clients in generated/ from the specs in openapi/.

    python scripts/generate.py          # rewrite generated/
    python scripts/generate.py --check  # exit 1 if generated/ differs from what the specs give

The generator (openapi-python-client) and ruff are pinned in pyproject.toml; the ruff post-hooks run with --isolated
so the output does not depend on this repository's ruff settings. Generation goes to a temporary directory first, so a
failed run never leaves generated/ half written.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from codegen import bundle, dataclass_models, fields, operation_groups  # noqa: E402  (scripts/ is not a package)

CODEGEN = ROOT / "scripts" / "codegen"
OUT = ROOT / "generated"
PLANES = ("control", "data")
UNUSED_MODULES = ("client.py", "errors.py")
EXPECTED_VERSIONS = {"openapi-python-client": "0.29.1", "ruff": "0.17.6"}


def _check_versions() -> None:
    from importlib.metadata import version

    for dist, want in EXPECTED_VERSIONS.items():
        have = version(dist)
        if have != want:
            sys.exit(f"{dist} {have} is installed but generation is pinned to {want}: run `make install`.")


def _generate(plane: str, dest: Path) -> None:
    package = f"agentrun_{plane}_api"
    spec = dest / f"{plane}.bundled.yaml"  # openapi/<plane>.yaml with the shared schemas it uses copied in
    spec.write_text(yaml.safe_dump(bundle.bundled(plane), sort_keys=False, allow_unicode=True))
    bin_dir = Path(sys.executable).parent  # the generator's post-hooks call `ruff` from PATH
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    cmd = [
        sys.executable, str(CODEGEN / "run_generator.py"),
        "generate",
        "--path", str(spec),
        "--config", str(CODEGEN / f"{plane}.yaml"),
        "--custom-template-path", str(CODEGEN / "templates"),
        "--meta", "none",
        "--fail-on-warning",
        "--output-path", str(dest / package),
    ]  # fmt: skip
    result = subprocess.run(cmd, cwd=dest, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"generating {package} failed:\n{result.stdout}\n{result.stderr}")
    (dest / package / "py.typed").write_text("")
    for unused in UNUSED_MODULES:  # the generator always writes them; the SDK sends through its own HTTP core
        (dest / package / unused).unlink()
    for cache in (dest / package).rglob("__pycache__"):
        shutil.rmtree(cache)
    spec.unlink()


SHARED_MODULE = '''"""{name}: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from {source}.models.{module} import {name}

__all__ = ["{name}"]
'''
SHARED_TYPES = '''"""Shared types: the control plane's (one `UNSET`, one `Operation` for both planes)."""

from {source}.types import UNSET, File, FileTypes, Operation, OperationRequest, RequestFiles, Unset

__all__ = ["UNSET", "File", "FileTypes", "Operation", "OperationRequest", "RequestFiles", "Unset"]
'''


def _model_modules(package: Path) -> dict[str, str]:
    """Class name -> module name, from the generated models/__init__.py (`from .module import Class`)."""
    text = (package / "models" / "__init__.py").read_text()
    return {m.group(2): m.group(1) for m in re.finditer(r"^\s*from \.(\w+) import (\w+)$", text, re.M)}


def _share(dest: Path) -> None:
    """The data plane's modules for the shared schemas, and its types.py, re-export the control plane's."""
    source, target = "agentrun_control_api", dest / "agentrun_data_api"
    have = _model_modules(dest / source)
    modules = _model_modules(target)
    for name in bundle.shared_names("data"):
        if name not in have:
            sys.exit(f"openapi/shared.yaml: {name} is used by the data plane only; keep it in data.yaml")
        (target / "models" / f"{modules[name]}.py").write_text(
            SHARED_MODULE.format(name=name, source=source, module=have[name])
        )
    (target / "types.py").write_text(SHARED_TYPES.format(source=source))


def _format(root: Path) -> None:
    """ruff format with the settings the generator's post-hooks use (scripts/codegen/*.yaml)."""
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run([str(ruff), "format", ".", "--isolated", "--no-cache", "--quiet", "--line-length", "120"],
                   cwd=root, check=True)  # fmt: skip


def _diff(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on either side counts)."""
    out: list[str] = []
    cmp = filecmp.dircmp(expected, actual, ignore=["__pycache__", ".ruff_cache"])

    def walk(c: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in c.left_only + c.right_only + c.funny_files)
        for name in c.common_files:
            if not filecmp.cmp(Path(c.left) / name, Path(c.right) / name, shallow=False):
                out.append(prefix + name)
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp, "")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale; change nothing")
    args = parser.parse_args()
    _check_versions()
    with tempfile.TemporaryDirectory(prefix="agentrun-gen-") as tmp:
        fresh = Path(tmp)
        for plane in PLANES:
            _generate(plane, fresh)
        _share(fresh)
        dataclass_models.rewrite_all(fresh)
        fields.write_all(fresh)
        operation_groups.write_all(fresh)
        _format(fresh)
        if args.check:
            stale: list[str] = []
            for plane in PLANES:
                package = f"agentrun_{plane}_api"
                if not (OUT / package).is_dir():
                    stale.append(f"{package}/ (missing)")
                    continue
                stale += [f"{package}/{name}" for name in _diff(fresh / package, OUT / package)]
            if stale:
                print("generated/ is stale; run `make generate`:", *stale[:30], sep="\n  ", file=sys.stderr)
                return 1
            print("generated/ is up to date")
            return 0
        for plane in PLANES:
            target = OUT / f"agentrun_{plane}_api"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(fresh / f"agentrun_{plane}_api", target)
    print(f"generated {', '.join(f'agentrun_{p}_api' for p in PLANES)} in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
