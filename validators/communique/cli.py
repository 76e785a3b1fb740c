"""The ``communique`` command: one subcommand per job, each defined in its own module.

Subcommand modules are imported only when chosen, so that ``communique validate`` in a
pre-commit hook does not pay for the exporter's or the site's imports.
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
}

EXIT_USAGE = 2


class _Version(argparse.Action):
    """``--version``, looked up only when asked for (reading the installed metadata costs
    a twentieth of a second, on every run of a pre-commit hook otherwise)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args) -> None:
        from communique import __version__

        print(f"communique {__version__}")
        parser.exit()


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """The full parser; only the subcommand named in ``argv`` has its options loaded."""
    chosen = {arg for arg in argv if arg in SUBCOMMANDS}

    parser = argparse.ArgumentParser(prog="communique", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action=_Version)
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser(argv).parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on a usage error, 0 for --help/--version
        return int(exit_.code or 0)
    try:
        return importlib.import_module(args._module).run(args)
    except BrokenPipeError:  # a command that did not see to it itself
        reader_gone()
        return 1

