"""``communique completion SHELL``: the shell completion script, for bash, zsh or fish.

Completion is argcomplete's: the script calls ``communique`` itself with the command line
in its environment, and :func:`complete` answers from the real parser, so completions
follow the commands, options and choices as they are, with nothing generated to go
stale (``communique rule <TAB>`` offers the rule ids of the installed catalogue).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

SHELLS = ("bash", "zsh", "fish")

INSTALL = """\
Put it where the shell reads it, for example:
  bash: communique completion bash > ~/.local/share/bash-completion/completions/communique
  zsh:  communique completion zsh > "${fpath[1]}/_communique"  (or eval it in ~/.zshrc)
  fish: communique completion fish > ~/.config/fish/completions/communique.fish"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete for")
    parser.epilog = INSTALL
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def run(args: argparse.Namespace) -> int:
    import argcomplete

    print(argcomplete.shellcode(["communique"], shell=args.shell), end="")
    return 0


def complete(build_parser: Callable[[list[str]], argparse.ArgumentParser]) -> None:
    """Answer the completion script's request (``_ARGCOMPLETE`` set) and exit.

    The parser loads only the options of the subcommand named on the command line
    (see :func:`communique.cli.build_parser`): the words typed so far name it.
    """
    import argcomplete

    line = os.environ.get("COMP_LINE", "")
    point = os.environ.get("COMP_POINT", "")
    typed = line[: int(point)] if point.isdigit() else line
    argcomplete.autocomplete(build_parser(typed.split()[1:]))
