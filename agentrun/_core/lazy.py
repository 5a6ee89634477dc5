"""Modules imported on first use.

The generated operation modules (one per API operation, each importing its body and response models) make up much
of what a manager would import up front. Each generated operation group's `__init__.py` binds its modules through
`lazy_modules` (scripts/codegen/operation_groups.py), so resource modules import operations with a plain
`from agentrun_control_api.api.<group> import <operation>` and touching `client.credentials` loads none until a call
is made. Annotations stay exact: the group imports the same names under `TYPE_CHECKING`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


class LazyModule:
    """Stands for the module `name`, imported when one of its attributes is first read."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: Any = None

    def __getattr__(self, attribute: str) -> Any:  # only reached for the module's names (the slots are found first)
        module = self._module
        if module is None:
            module = self._module = import_module(self._name)  # the import lock makes concurrent first uses safe
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_modules(package: str, *names: str) -> tuple[Any, ...]:
    """`from package import name, ...` for submodules, each imported when first used."""
    return tuple(LazyModule(f"{package}.{name}") for name in names)


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """The `__getattr__` of package `package` whose public names live in its submodules (`exports`: name -> submodule),
    each imported on first use and then kept in the package's namespace."""
    namespace = vars(sys.modules[package])

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = namespace[name] = getattr(import_module(f"{package}.{module}"), name)
        return value

    return __getattr__
