"""The `__init__.py` of each generated operation group (`<package>/api/<tag>/`): it names the group's operation
modules, each imported when first used (agentrun._core.lazy), so the SDK's resource modules import the operations
they call with a plain `from <package>.api.<tag> import <operation>, ...` and `import agentrun` loads none of them.
Type checkers see the real modules (the TYPE_CHECKING branch)."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = '''"""Operations of the {tag} group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import {imports}
else:
    from agentrun._core.lazy import lazy_modules

    {names}, = lazy_modules(__name__, {quoted})
'''


def write_all(root: Path) -> None:
    """Rewrite the group `__init__.py` of every package generated under `root` (ruff formats it afterwards)."""
    for group in sorted(root.glob("agentrun_*_api/api/*/")):
        operations = sorted(path.stem for path in group.glob("*.py") if path.name != "__init__.py")
        if not operations:
            continue
        text = TEMPLATE.format(
            tag=group.name,
            imports=", ".join(operations),
            names=", ".join(operations),
            quoted=", ".join(f'"{name}"' for name in operations),
        )
        (group / "__init__.py").write_text(text)
