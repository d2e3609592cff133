"""The ``gapcheck`` command: a click group whose subcommands load lazily.

Lazy loading keeps start-up cheap: ``gapcheck audit --format json`` never imports pandas or openpyxl.

``main`` is the one error boundary of the program. A user error (``GapcheckError``, or click's usage errors) is one
line and exit 2. Anything else is a gapcheck bug: one line naming the input and the file that holds the full
traceback, and exit 3 -- never 1, which means "the gate failed".
"""

from __future__ import annotations

import datetime
import importlib
import os
import sys
import tempfile
import traceback
from typing import Any

import click

from checker import __version__
from checker.errors import EXIT_ERROR, EXIT_INTERNAL, GapcheckError, RuleError, display_path, input_of

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

    Exit codes: 0 passed, 1 gate failed, 2 bad usage, unreadable input, invalid rules or an unwritable output,
    3 internal error (a bug: the message says where the traceback was written).
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: runs the CLI and maps every outcome to the exit-code contract."""
    try:
        result: Any = cli.main(args=argv, prog_name="gapcheck", standalone_mode=False)
    except GapcheckError as exc:
        if isinstance(exc, RuleError) and exc.detail:
            click.echo(display_path(exc.detail), err=True)
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
        _quiet_stdout()
        sys.exit(0)
    except Exception as exc:  # NOTE: the one boundary: a bug anywhere becomes exit 3 and one line, never exit 1
        click.echo(internal_error_line(exc), err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(result if isinstance(result, int) else 0)


# NOTE: set by ``run`` only: a process that ``main`` runs in (tests, scripts) goes on, and keeps nothing
_ending = False
_kept: list[object] = []


def keep_until_exit(*objects: object) -> None:
    """Keep ``objects`` alive until the process ends, when ``run`` ends it without the interpreter's teardown.

    NOTE: a command's locals are freed object by object when it returns, before ``run`` ends the process: for an
    audit of one draft, the compiled packs, the term matcher and the result, ~15 ms on a 200-page report (Moncler)
    after its output is written, which ``os._exit`` would otherwise make free. Under ``main`` alone nothing is
    kept.
    """
    if _ending:
        _kept.extend(objects)


def run() -> None:
    """The console script and ``python -m checker``: ``main``, then the process ends without the interpreter's teardown.

    NOTE: once a command has written its outputs, the interpreter's teardown only frees memory object by object
    (the compiled packs, the Document, the result): 15-45 ms after an audit of a 200-page report, ~2-4% of it,
    which the operating system does at once when the process ends. ``main`` still raises SystemExit (tests call
    it in-process); here the atexit handlers then run as they would have, the standard streams are flushed, and
    the process ends with the same code. Whenever the two could differ (another thread or a child process still
    running, a stream that cannot be flushed, an exit code that is not a number) the interpreter exits as usual.
    """
    global _ending
    _ending = True
    try:
        main()
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        if isinstance(code, int) and not isinstance(code, bool):
            _leave(code)
        raise


def _leave(code: int) -> None:
    """End the process with ``code`` after the atexit handlers and a flush; returns when that is not safe."""
    import atexit
    import threading

    if threading.active_count() > 1:
        return  # NOTE: a normal exit waits for non-daemon threads (and a worker pool's manager thread is joined)
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.active_children():
        return
    atexit._run_exitfuncs()  # NOTE: runs and clears them, so a fallback exit below never runs them twice
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # NOTE: e.g. a closed pipe: the interpreter reports it, and sets the exit code, as it always did
    os._exit(code)


def internal_error_line(exc: BaseException) -> str:
    """Write the traceback to a file and return the one line that names the input and that file."""
    where = input_of(exc)
    subject = f"while processing {where}" if where else "in gapcheck"
    summary = " ".join(display_path(f"{type(exc).__name__}: {exc}").split())[:300]
    saved = save_traceback(exc)
    place = f"full traceback in {saved}" if saved else "the traceback could not be saved"
    if os.environ.get("GAPCHECK_TRACEBACK"):
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    return f"gapcheck: internal error {subject}: {summary}; {place} (please report it)"


def save_traceback(exc: BaseException) -> str | None:
    """Write the full traceback to ``$GAPCHECK_CRASH_DIR`` (else the temp folder); its path, or None on failure."""
    folder = os.environ.get("GAPCHECK_CRASH_DIR") or tempfile.gettempdir()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        handle, name = tempfile.mkstemp(prefix=f"gapcheck-crash-{stamp}-", suffix=".txt", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as out:
            out.write(f"gapcheck {__version__}, python {sys.version.split()[0]}, argv {sys.argv!r}\n")
            out.write(f"input: {input_of(exc) or '-'}\n\n")
            out.writelines(traceback.format_exception(type(exc), exc, exc.__traceback__))
    except Exception:  # NOTE: a crash report that cannot be written must not hide the crash itself
        return None
    return display_path(name)


def _quiet_stdout() -> None:
    # NOTE: the reader of a pipe went away (``gapcheck ... | head``); point stdout at /dev/null so the interpreter's
    # final flush does not raise a second BrokenPipeError on exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
