"""What validation produces: findings, each naming a place, a rule and a severity.

The field names of :class:`Finding` are a public interface: the ``json``, ``github``
and ``sarif`` outputs are built from them, and users' CI reads them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a finding is. Errors fail validation; warnings fail it only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    ``path`` is the file as the user named it (relative to the working folder when
    possible); ``line`` and ``column`` are 1-based and point at the offending value,
    or are ``None`` when the problem has no place in a file (a missing record);
    ``pointer`` is the RFC 6901 JSON pointer of the value within its record.
    """

    path: str
    line: int | None
    column: int | None
    pointer: str
    rule: str
    severity: Severity
    message: str
    hint: str = ""
    record: str | None = None  # the record's id, when it has one

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data
