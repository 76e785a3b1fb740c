"""``communique schema diff|check|freeze``: compare schema sets, gate a version, freeze a release.

- ``diff OLD [NEW]`` lists every change from OLD to NEW (each a released version number or
  a folder of schemas; NEW defaults to the working schemas), with its class and reason.
- ``check [FOLDER]`` is the gate: the working schemas (or FOLDER) against the last release
  not newer than them; fails when the declared ``x-version`` step is smaller than the
  changes need.
- ``freeze [FOLDER]`` copies the working schemas (or FOLDER) into the releases as their
  declared version, after the gate passes against the release before it.

Exit 0 when done (``check``: passed), 1 when the gate fails or a freeze is refused, 2 for a
usage error: a folder that is not a schema set, a version never released.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    diff = actions.add_parser("diff", help="classify every change between two schema sets", description="Classify every change from OLD to NEW.")
    diff.add_argument("old", metavar="OLD", help="a released version (1.0.0) or a folder of schemas")
    diff.add_argument("new", metavar="NEW", nargs="?", help="a released version or a folder (default: the working schemas)")
    check = actions.add_parser("check", help="fail when x-version declares a smaller step than the changes need", description="The versioning gate.")
    check.add_argument("folder", metavar="FOLDER", nargs="?", help="the schema folder to judge (default: the working schemas)")
    freeze = actions.add_parser("freeze", help="keep a frozen copy of the schemas as a release", description="Freeze the schemas as the release of their x-version.")
    freeze.add_argument("folder", metavar="FOLDER", nargs="?", help="the schema folder to freeze (default: the working schemas)")
    freeze.add_argument("--replace", action="store_true", help="refresh a release that is already frozen (only before it is published)")
    for sub in (diff, check, freeze):
        sub.add_argument("--releases", metavar="DIR", type=Path, help="where releases are kept (default: the shipped schema/releases)")
    for sub in (diff, check):
        sub.add_argument("--format", choices=("text", "json"), default="text", help="text for people (default), json for tools")


def run(args: argparse.Namespace) -> int:
    from communique.versioning.schemaset import SchemaSetError

    try:
        return {"diff": _diff, "check": _check, "freeze": _freeze}[args.action](args)
    except SchemaSetError as error:
        print(f"communique schema {args.action}: {error}", file=sys.stderr)
        return EXIT_USAGE


def _set(spec: str | None, releases: Path | None):
    """A schema set named on the command line: a released version, or a folder."""
    from communique.versioning import releases as kept
    from communique.versioning.changes import Version
    from communique.versioning.schemaset import SchemaSet

    if spec is None:
        return kept.working(), "working schemas"
    try:
        Version.parse(spec)
    except ValueError:
        return SchemaSet.load(Path(spec)), spec
    return kept.release(spec, releases), f"release {spec}"


def _diff(args: argparse.Namespace) -> int:
    from communique.versioning import report
    from communique.versioning.classify import diff

    old, old_name = _set(args.old, args.releases)
    new, new_name = _set(args.new, args.releases)
    render = report.changes_json if args.format == "json" else report.changes_text
    render(diff(old, new), old_name, new_name, sys.stdout)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from communique.versioning import releases as kept
    from communique.versioning import report
    from communique.versioning.gate import check

    candidate, name = _set(args.folder, None)
    previous = kept.latest(at_most=candidate.version, folder=args.releases)
    if previous is None:
        print(f"communique schema check: no release at or before {candidate.version} to check against: nothing to gate")
        return EXIT_OK
    verdict = check(kept.release(previous, args.releases), candidate)
    render = report.verdict_json if args.format == "json" else report.verdict_text
    render(verdict, f"release {previous}", name, sys.stdout)
    return EXIT_OK if verdict.passed else EXIT_FAILED


def _freeze(args: argparse.Namespace) -> int:
    from communique.versioning import releases as kept
    from communique.versioning import report
    from communique.versioning.gate import check

    candidate, name = _set(args.folder, None)
    version = candidate.version
    earlier = [released for released in kept.released(args.releases) if released < version]
    if earlier:
        verdict = check(kept.release(earlier[-1], args.releases), candidate)
        if not verdict.passed:
            print(f"communique schema freeze: refusing to freeze {version}:", file=sys.stderr)
            report.verdict_text(verdict, f"release {earlier[-1]}", name, sys.stderr)
            return EXIT_FAILED
    try:
        target = kept.freeze(candidate, args.releases, replace=args.replace)
    except kept.AlreadyReleased as error:
        print(f"communique schema freeze: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"froze the {name} as release {version} in {target}")
    return EXIT_OK
