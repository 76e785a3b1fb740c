"""The ``communique`` command: one subcommand per job, each defined in its own module.

Subcommand modules are imported only when chosen, so that ``communique validate`` in a
pre-commit hook does not pay for the exporter's or the site's imports.

Standard output is written through :class:`_Output`, so that a failure to write it (a
closed descriptor, a full disk) is told apart from every other error and reported here,
once, for every subcommand, with :data:`EXIT_OUTPUT`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# subcommand -> (module defining add_arguments(parser) and run(args) -> int, one-line help)
SUBCOMMANDS = {
    "validate": ("communique.validate.command", "check records against the schemas and the rules"),
    "export": ("communique.export.command", "write the Frictionless data package, CSV, JSON Lines and SQLite"),
    "schema": ("communique.versioning.command", "compare schema versions, gate the declared version, freeze a release"),
    "migrate": ("communique.versioning.migrate_command", "move the records to another major schema version"),
    "changes": ("communique.versioning.changes_command", "list the records added, changed and removed between two dataset releases"),
    "query": ("communique.query", "run SQL over the dataset's tables (SQLite, in memory): table, CSV or JSON"),
    "stats": ("communique.stats", "counts per kind, speakers, dates and findings of a dataset"),
    "rule": ("communique.ruledocs", "show a validation rule's documentation, or list them all"),
    "completion": ("communique.completion", "print the shell completion script for bash, zsh or fish"),
    "new": ("communique.curate.new", "write a record skeleton whose blanks the validator lists as to fill"),
    "import-article": ("communique.curate.importer", "make an article record from a saved web page or plain text"),
    "fmt": ("communique.curate.fmt", "write record files in their one canonical form (--check: list those that are not)"),
    "draft-statements": ("communique.curate.drafts", "draft a statement for every quotation of an article not yet curated"),
    "accept-draft": ("communique.curate.accept", "give a reviewed draft statement its id in the dataset's style, and drop its draft mark"),
}

EXIT_USAGE = 2
#: The output could not be written: standard output closed, or a full disk.
EXIT_OUTPUT = 4

DESCRIPTION = "Check and publish the Communiqué dataset of diplomatic statements."
EPILOG = """\
Run `communique COMMAND --help` for a command's options.
Exit status: 0 success; 1 findings (validate) or a failed export; 2 the command was used
wrongly; 3 an internal error (a bug in communique); 4 the output could not be written."""


class OutputError(Exception):
    """Writing standard output failed (not a reader that left: see :func:`reader_gone`)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))


class _Output:
    """Standard output, whose write failures are :class:`OutputError`."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error) from None

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class _Version(argparse.Action):
    """``--version``, looked up only when asked for (reading the installed metadata costs
    a twentieth of a second, on every run of a pre-commit hook otherwise)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the package's, the schemas' and the dataset's versions, and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args) -> None:
        from communique.versioning.versions import versions

        print(versions())
        parser.exit()


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """The full parser; only the subcommand named in ``argv`` has its options loaded."""
    chosen = {arg for arg in argv if arg in SUBCOMMANDS}

    parser = argparse.ArgumentParser(
        prog="communique", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-V", "--version", action=_Version)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, summary) in SUBCOMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(_module=module)
        if name in chosen:
            importlib.import_module(module).add_arguments(sub)
    return parser


def reader_gone() -> None:
    """The reader of standard output went away (``| head``): stop writing, quietly.

    Standard output is pointed at the null device, so that flushing it at exit does not
    raise again; the command's exit code still says what it found.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _complain(message: str) -> None:
    try:
        print(f"communique: {message}", file=sys.stderr, flush=True)
    except (OSError, AttributeError, ValueError):  # standard error is gone too: the exit code says it
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if sys.stdout is None:  # started with its descriptor closed (`communique ... >&-`)
        _complain("cannot write the output: standard output is closed")
        return EXIT_OUTPUT
    stdout = sys.stdout
    sys.stdout = _Output(stdout)  # type: ignore[assignment]
    try:
        code = _run(argv)
        sys.stdout.flush()
        return code
    except OutputError as error:
        _complain(f"cannot write the output: {error}")
        return EXIT_OUTPUT
    except BrokenPipeError:  # a command that did not see to it itself
        reader_gone()
        return 1
    finally:
        sys.stdout = stdout
        _discard_unwritten(stdout)


def _run(argv: list[str]) -> int:
    if "_ARGCOMPLETE" in os.environ:  # the shell completion script asking (see communique.completion)
        from communique.completion import complete

        complete(build_parser)  # answers, then exits
    parser = build_parser(argv)
    if not argv:  # `communique` alone: what it can do, rather than an error
        parser.print_help()
        return EXIT_USAGE
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on a usage error, 0 for --help/--version
        return int(exit_.code or 0)
    return importlib.import_module(args._module).run(args)


def _discard_unwritten(stream) -> None:
    """Drop what could not be written, so that the flush at exit does not fail again (with a traceback)."""
    try:
        stream.flush()
    except OSError:
        reader_gone()
