"""The before/after chart, drawn on the server as SVG geometry (no script, prints as is).

One row per statement on a 1–5 axis: a hollow dot for the mean before, a filled dot for the
mean after, joined by a line. Templates draw `ChartRow`s; the same figures go in a table.
"""

from dataclasses import dataclass

from storyhub.impact.figures import Shift

WIDTH = 640
LEFT, RIGHT = 12, 12
ROW_HEIGHT = 76
TOP = 28


def x_of(value: float) -> float:
    """Horizontal position of a value of the 1–5 scale."""
    return round(LEFT + (value - 1) / 4 * (WIDTH - LEFT - RIGHT), 1)


@dataclass
class ChartRow:
    """One statement's line of the chart."""

    label: str
    before: float
    after: float
    y: float

    @property
    def x_before(self) -> float:
        return x_of(self.before)

    @property
    def x_after(self) -> float:
        return x_of(self.after)


@dataclass
class Chart:
    """Everything the SVG needs: rows, ticks and the drawing's height."""

    rows: list[ChartRow]
    ticks: list[tuple[int, float]]
    height: float
    width: int = WIDTH


def build_chart(labelled: list[tuple[str, Shift]]) -> Chart:
    """The chart of these statements' shifts, in the given order."""
    rows = [
        ChartRow(label, shift.before, shift.after, TOP + index * ROW_HEIGHT + 40)
        for index, (label, shift) in enumerate(labelled)
    ]
    ticks = [(value, x_of(value)) for value in range(1, 6)]
    return Chart(rows=rows, ticks=ticks, height=TOP + len(rows) * ROW_HEIGHT + 24)
