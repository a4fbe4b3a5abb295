"""Every command is a module-level function named after the command (`sobreg set` is
`cli.workflow.set_`, a trailing underscore where the name is Python's own), in the `cli` module
that `cli.app.MODULES` names for it: "where is `advance`?" has a greppable answer."""

from __future__ import annotations

import builtins
import importlib

import typer

from sobreg.cli.app import MODULES


def _expected(command: str) -> str:
    name = command.replace("-", "_")
    return f"{name}_" if hasattr(builtins, name) else name


def test_every_command_is_a_module_level_function_named_after_it() -> None:
    seen = []
    for module_name, commands in MODULES.items():
        module = importlib.import_module(f"sobreg.cli.{module_name}")
        app = typer.Typer()
        module.register(app)
        registered = {info.name: info.callback for info in app.registered_commands}
        for group in app.registered_groups:  # `sources fetch`: its group's commands
            assert group.typer_instance is not None
            registered |= {info.name: info.callback
                           for info in group.typer_instance.registered_commands}  # fmt: skip
        for name, callback in registered.items():
            assert callback is not None and "<locals>" not in callback.__qualname__, name
            assert callback.__name__ == _expected(str(name)), (name, callback.__name__)
            assert getattr(module, callback.__name__) is callback, name
            seen.append(str(name))
        top = {str(info.name) for info in app.registered_commands} | {
            str(group.name) for group in app.registered_groups
        }
        assert top == set(commands), module_name
    assert {"advance", "set", "list", "search", "fetch", "follow-up"} <= set(seen)
