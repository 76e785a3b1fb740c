"""The gate: a schema set's declared ``x-version`` against the last release before it.

It fails when the version declares a smaller step than the changes need (a required field
added in a minor version), when a released version is changed without a new number, or
when the files of a set disagree on their version, and it names the changes that need
the larger step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.versioning.changes import Change, Severity, Version, needed
from communique.versioning.classify import diff
from communique.versioning.schemaset import SchemaSet


@dataclass(frozen=True)
class Verdict:
    released: Version
    declared: Version
    changes: list[Change]
    problems: list[str] = field(default_factory=list)

    @property
    def needs(self) -> Severity | None:
        return needed(self.changes)

    @property
    def step(self) -> Severity | None:
        """The step the declared version takes from the release: None for the same version."""
        return self.declared.bump_from(self.released)

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def culprits(self) -> list[Change]:
        """The changes that need a larger step than the one declared."""
        step = self.step or 0
        return [change for change in self.changes if change.level > step]


def check(release: SchemaSet, candidate: SchemaSet) -> Verdict:
    """Judge ``candidate``'s declared version against ``release``, the last one before it."""
    released, declared = release.version, candidate.version
    changes = diff(release, candidate)
    verdict = Verdict(released, declared, changes)
    needs, step = verdict.needs, verdict.step
    if declared < released:
        verdict.problems.append(f"x-version {declared} is older than the release {released} it follows")
    elif needs is not None and (step is None or step < needs):
        declared_as = "the same version" if step is None else f"a {step.bump} step"
        verdict.problems.append(
            f"x-version {released} -> {declared} declares {declared_as}, but the changes need a {needs.bump} step "
            f"(x-version {released.bumped(needs)}): {len(verdict.culprits)} change(s) need more than declared"
        )
    return verdict
