"""The ``gapcheck`` command: a click group whose subcommands load lazily.

Lazy loading keeps start-up cheap: ``gapcheck audit --format json`` never imports pandas or openpyxl.
Every user error is a ``GapcheckError``; ``main`` prints it as one line and exits 2, never with a traceback.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from checker import __version__
from checker.errors import EXIT_ERROR, GapcheckError, RuleError

# command name -> "module:attribute"
_COMMANDS = {
    "audit": "checker.cli.audit:audit",
    "batch": "checker.cli.batch:batch",
    "diff": "checker.cli.diff:diff",
    "eval": "checker.cli.evaluate:eval_command",
    "extract": "checker.cli.extract:extract",
    "init": "checker.cli.init:init",
    "rules": "checker.cli.rules:rules",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All command names, including those not imported yet."""
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return the named command."""
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None  # NOTE: a command whose module is not built yet simply isn't offered
            raise
        command: click.Command = getattr(module, attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gapcheck")
def cli() -> None:
    """Audit ESG report drafts against HKEX, ISSB and TCFD disclosure requirements.

    Exit codes: 0 passed, 1 gate failed, 2 bad usage, unreadable input or invalid rules.
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: runs the CLI and maps errors to exit codes."""
    try:
        result: Any = cli.main(args=argv, prog_name="gapcheck", standalone_mode=False)
    except GapcheckError as exc:
        if isinstance(exc, RuleError) and exc.detail:
            click.echo(exc.detail, err=True)
        click.echo(f"gapcheck: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("gapcheck: aborted", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)  # NOTE: click uses 2 for usage errors too, matching our contract
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(result if isinstance(result, int) else 0)
