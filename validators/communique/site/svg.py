"""Static SVG pictures drawn at build time: rows of bars and marks along a time axis.

Plain SVG text, no plotting library and no external asset (fonts are the reader's own
sans-serif). Every label is escaped; the pictures are shown through ``<img>``, so even a
mistake here could not run a script.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from communique.site.escape import h

WIDTH = 960
LABEL_WIDTH = 230
ROW_HEIGHT = 30
TOP = 44
AXIS_HEIGHT = 34
RIGHT_PAD = 30
LABEL_CHARS = 32
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000)  # up to 2,000 years
MAX_TICKS = 9

# Colours by class: statement kinds, treaty phases and events.
COLOURS = {
    "quote": "#3f51b5",
    "paraphrase": "#ef6c00",
    "signed": "#90a4ae",
    "in-force": "#43a047",
    "extended": "#2e7d32",
    "suspended": "#e53935",
    "role": "#b0bec5",
    "event": "#37474f",
}


@dataclass
class Bar:
    start: dt.date
    end: dt.date
    css: str
    label: str = ""


@dataclass
class Mark:
    date: dt.date
    css: str
    label: str = ""
    count: int = 1


@dataclass
class Row:
    label: str
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)


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


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def chart(rows: list[Row], *, title: str, legend: dict[str, str] | None = None) -> str:
    """An SVG with one labelled row per :class:`Row` along a shared date axis."""
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

    height = TOP + len(rows) * ROW_HEIGHT + AXIS_HEIGHT + (24 if legend else 0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12" role="img">',
        f"<title>{h(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="10" y="24" font-size="15" font-weight="bold" fill="#212121">{h(title)}</text>',
    ]
    bottom = TOP + len(rows) * ROW_HEIGHT
    ticks, step = _ticks(first, last)
    for tick in ticks:
        label = str(tick.year) if step >= 12 else f"{tick.year:04d}-{tick.month:02d}"
        out.append(f'<line x1="{x(tick)}" y1="{TOP}" x2="{x(tick)}" y2="{bottom}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{x(tick)}" y="{bottom + 16}" text-anchor="middle" fill="#616161">{h(label)}</text>')
    out.append(f'<line x1="{LABEL_WIDTH}" y1="{bottom}" x2="{WIDTH - RIGHT_PAD}" y2="{bottom}" stroke="#9e9e9e"/>')
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
        if index % 2:
            out.append(f'<rect x="0" y="{y - ROW_HEIGHT / 2}" width="{WIDTH}" height="{ROW_HEIGHT}" fill="#f5f5f5"/>')
        out.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 4}" text-anchor="end" fill="#212121">{h(_short(row.label))}</text>')
        for bar in row.bars:
            left, right = x(bar.start), max(x(bar.end), x(bar.start) + 2)
            colour = COLOURS.get(bar.css, "#9e9e9e")
            out.append(
                f'<rect x="{left}" y="{y - 8}" width="{round(right - left, 1)}" height="16" rx="3" fill="{colour}">'
                f"<title>{h(bar.label)}</title></rect>"
            )
            if bar.label and right - left > 7 * len(bar.label):
                out.append(f'<text x="{left + 5}" y="{y + 4}" fill="#ffffff">{h(bar.label)}</text>')
        for mark in row.marks:
            colour = COLOURS.get(mark.css, "#455a64")
            radius = min(4 + 2 * (mark.count - 1), 11)
            out.append(
                f'<circle cx="{x(mark.date)}" cy="{y}" r="{radius}" fill="{colour}" fill-opacity="0.8" stroke="#ffffff">'
                f"<title>{h(mark.label)}</title></circle>"
            )
            if mark.count > 1:
                out.append(f'<text x="{x(mark.date)}" y="{y + 4}" text-anchor="middle" font-size="10" fill="#ffffff">{mark.count}</text>')
    if legend:
        lx = LABEL_WIDTH
        for css, text in legend.items():
            out.append(f'<circle cx="{lx + 6}" cy="{height - 14}" r="5" fill="{COLOURS.get(css, "#455a64")}"/>')
            out.append(f'<text x="{lx + 16}" y="{height - 10}" fill="#424242">{h(text)}</text>')
            lx += 26 + 7 * len(text)
    out.append("</svg>")
    return "\n".join(out) + "\n"
