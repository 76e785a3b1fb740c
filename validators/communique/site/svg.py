"""Charts laid out at build time: rows of bars and marks along a time axis, as plain values.

This module only computes geometry; ``templates/chart.html`` prints the inline SVG with
autoescape on (record text is escaped like every other value). No mark hides another:
marks of a row that would touch are put on separate lanes, and the row grows to hold
them. Every mark and bar may carry a link and a label (the visible tooltip, and the text
alternative: the chart's data as a table). The SVG is drawn at its natural size and
scrolls in its own box, so that labels keep their size on a phone.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from communique.site.text import shorten

WIDTH = 680  # the width of Material's text column on a desktop
LABEL_WIDTH = 170
LANE = 20
ROW_PAD = 6
TOP = 10
AXIS_HEIGHT = 30
LEGEND_HEIGHT = 26
RIGHT_PAD = 24
CHAR_WIDTH = 7  # a generous average advance of a 12 px sans-serif character (templates/chart.html: every label 12 px, counts 11)
LABEL_CHARS = 22
RADIUS = 6
COUNTED_RADIUS = 9  # a mark standing for several records shows their number inside
GAP = 2
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000)  # up to 2,000 years
MAX_TICKS = 9


@dataclass
class Bar:
    start: dt.date
    end: dt.date
    css: str
    label: str = ""
    href: str = ""


@dataclass
class Mark:
    date: dt.date
    css: str
    label: str = ""
    count: int = 1
    href: str = ""


@dataclass
class Row:
    label: str
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)


@dataclass(frozen=True)
class DrawnBar:
    x: float
    y: float
    width: float
    bar: Bar
    show_label: bool


@dataclass(frozen=True)
class DrawnMark:
    cx: float
    cy: float
    r: int
    mark: Mark


@dataclass(frozen=True)
class DrawnRow:
    y: float  # its top
    height: float
    label: str  # shortened at a word; ``row.label`` is the whole
    row: Row
    bars: tuple[DrawnBar, ...]
    marks: tuple[DrawnMark, ...]


@dataclass(frozen=True)
class Chart:
    """Everything ``templates/chart.html`` draws, in SVG user units (= CSS px)."""

    title: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: float
    ticks: tuple[tuple[float, str], ...]
    rows: tuple[DrawnRow, ...]
    legend: tuple[tuple[float, str, str], ...]  # x, css class, text

    @property
    def data(self) -> list[tuple[str, str, str, str, int]]:
        """The text alternative: one line per bar and mark (row, when, what, link, how many)."""
        lines = []
        for drawn in self.rows:
            for bar in drawn.row.bars:
                lines.append((drawn.row.label, f"{bar.start.isoformat()} to {bar.end.isoformat()}", bar.label, bar.href, 1))
            for mark in drawn.row.marks:
                lines.append((drawn.row.label, mark.date.isoformat(), mark.label, mark.href, mark.count))
        return lines


def day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _ticks(first: float, last: float) -> tuple[list[dt.date], int]:
    """Month starts between two days (as ordinals, which may lie past the ends of the calendar,
    where the axis pads the dates drawn) at a step giving at most MAX_TICKS of them."""
    low = dt.date.fromordinal(max(1, math.ceil(first)))
    high = dt.date.fromordinal(min(dt.date.max.toordinal(), math.floor(last)))
    low_month, high_month = low.year * 12 + low.month - 1, high.year * 12 + high.month - 1
    step = next((s for s in MONTH_STEPS if (high_month - low_month + 1) / s <= MAX_TICKS), MONTH_STEPS[-1])
    ticks = []
    for month in range(low_month // step * step, high_month + 1, step):
        if month >= 12 and (tick := dt.date(month // 12, month % 12 + 1, 1)) >= low:  # month 0-11: the year 0
            ticks.append(tick)
    return ticks, step


def _lanes(marks: list[Mark], x) -> list[tuple[Mark, float, int, int]]:
    """Each mark with its x, radius and lane: the first lane where it touches no other mark."""
    ends: list[float] = []  # the right edge of the last mark on each lane
    placed = []
    for mark in sorted(marks, key=lambda m: (m.date, m.css)):
        cx, r = x(mark.date), COUNTED_RADIUS if mark.count > 1 else RADIUS
        lane = next((i for i, end in enumerate(ends) if cx - r >= end + GAP), len(ends))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = cx + r
        placed.append((mark, cx, r, lane))
    return placed


def chart(rows: list[Row], *, title: str, legend: dict[str, str] | None = None) -> Chart:
    """Lay out one labelled row per :class:`Row` along a shared date axis."""
    days = [d.toordinal() for row in rows for bar in row.bars for d in (bar.start, bar.end)]
    days += [mark.date.toordinal() for row in rows for mark in row.marks]
    if not days:
        days = [dt.date.today().toordinal()]
    # Days as ordinals, not dates: the padded axis may reach past 0001-01-01 or 9999-12-31.
    first, last = min(days), max(days)
    pad = max(15, (last - first) / 30)
    first, last = first - pad, last + pad
    plot = WIDTH - LABEL_WIDTH - RIGHT_PAD
    span = last - first

    def x(date: dt.date) -> float:
        return round(LABEL_WIDTH + (date.toordinal() - first) / span * plot, 1)

    drawn_rows, top = [], TOP
    for row in rows:
        placed = _lanes(row.marks, x)
        lanes = max((lane for *_, lane in placed), default=0) + 1
        height = max(lanes * LANE, LANE) + 2 * ROW_PAD
        centre = top + height / 2
        bars = []
        for bar in row.bars:
            left = x(bar.start)
            width = round(max(x(bar.end) - left, 2), 1)
            bars.append(DrawnBar(left, centre - 8, width, bar, bool(bar.label) and width > CHAR_WIDTH * len(bar.label) + 10))
        first_lane = top + ROW_PAD + LANE / 2 + (height - 2 * ROW_PAD - lanes * LANE) / 2
        marks = tuple(DrawnMark(cx, first_lane + lane * LANE, r, mark) for mark, cx, r, lane in placed)
        drawn_rows.append(DrawnRow(top, height, shorten(row.label, LABEL_CHARS), row, tuple(bars), marks))
        top += height
    ticks, step = _ticks(first, last)
    tick_labels = tuple((x(t), str(t.year) if step >= 12 else f"{t.year:04d}-{t.month:02d}") for t in ticks)
    entries, lx = [], LABEL_WIDTH
    for css, text in (legend or {}).items():
        entries.append((lx, css, text))
        lx += 30 + CHAR_WIDTH * len(text)
    height = top + AXIS_HEIGHT + (LEGEND_HEIGHT if legend else 0)
    return Chart(title, WIDTH, int(math.ceil(height)), LABEL_WIDTH, WIDTH - RIGHT_PAD, top, tick_labels,
                 tuple(drawn_rows), tuple(entries))
