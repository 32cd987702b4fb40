"""Charts as inline SVG, drawn here (no JavaScript, no external library).

Colours come from CSS classes (static/review.css) so that the page's Content-Security-Policy can forbid
inline styles. Every chart has a <title> and the pages print the same numbers in a table next to it.
"""
from __future__ import annotations

from html import escape
from typing import Callable, Sequence

from bot.tools.review.labels import number

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 230
WIDTH = 680
LABEL_CHARS = 34  # what fits in LABEL_WIDTH at 12 px


def _svg(title: str, width: int, height: int, body: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, css: str = "", anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">{escape(text)}</text>'


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1] + "…"


def _rect(x: float, y: float, width: float, height: float, css: str, tooltip: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" class="{css}">'
            f"<title>{escape(tooltip)}</title></rect>")


def bar_chart(items: Sequence[tuple[str, float]], title: str, value_text: Callable[[float], str] = number) -> str:
    """Horizontal bars, one per (label, value), longest first as given."""
    if not items:
        return ""
    top = max(value for _, value in items) or 1
    span = WIDTH - LABEL_WIDTH - 70
    body = []
    for index, (name, value) in enumerate(items):
        y = index * (BAR_HEIGHT + GAP)
        body.append(_text(LABEL_WIDTH - 8, y + BAR_HEIGHT * 0.7, _short(name), "label", "end"))
        body.append(_rect(LABEL_WIDTH, y, span * value / top, BAR_HEIGHT, "bar", f"{name} : {value_text(value)}"))
        body.append(_text(LABEL_WIDTH + span * value / top + 6, y + BAR_HEIGHT * 0.7, value_text(value), "value"))
    return _svg(title, WIDTH, len(items) * (BAR_HEIGHT + GAP), body)


def column_chart(points: Sequence[tuple[str, float]], title: str, tick_label: Callable[[str], str] = str) -> str:
    """Vertical bars over time (one per day), with a few labels on the axis."""
    if not points:
        return ""
    height, axis, left = 200, 36, 40
    top = max(value for _, value in points) or 1
    step = min((WIDTH - left - 24) / len(points), 48.0)  # room for the last label
    every = max(1, len(points) // 8)
    body = [_text(left - 6, 12, number(top), "value", "end"), _text(left - 6, height, "0", "value", "end")]
    for index, (name, value) in enumerate(points):
        bar = (height - 10) * value / top
        x = left + index * step
        body.append(_rect(x + step * 0.1, height - bar, step * 0.8, bar, "bar", f"{tick_label(name)} : {number(value)}"))
        if index % every == 0:
            body.append(_text(x + step / 2, height + 20, tick_label(name), "label", "middle"))
    return _svg(title, WIDTH, height + axis, body)


def stacked_bar_chart(rows: Sequence[tuple[str, dict[str, float]]], series: Sequence[tuple[str, str]], title: str) -> str:
    """Horizontal stacked bars: one row per label, one segment per series (key, label), with a legend."""
    if not rows:
        return ""
    top = max(sum(values.values()) for _, values in rows) or 1
    span = WIDTH - LABEL_WIDTH - 70
    body = []
    for index, (key, name) in enumerate(series):
        x = LABEL_WIDTH + index * 150
        body.append(_rect(x, 0, 12, 12, f"bar series-{index}", name))
        body.append(_text(x + 16, 11, name, "value"))
    for row_index, (name, values) in enumerate(rows):
        y = 24 + row_index * (BAR_HEIGHT + GAP)
        body.append(_text(LABEL_WIDTH - 8, y + BAR_HEIGHT * 0.7, _short(name), "label", "end"))
        x = float(LABEL_WIDTH)
        for index, (key, series_name) in enumerate(series):
            width = span * values.get(key, 0) / top
            body.append(_rect(x, y, width, BAR_HEIGHT, f"bar series-{index}", f"{name}, {series_name} : {number(values.get(key, 0))}"))
            x += width
        body.append(_text(x + 6, y + BAR_HEIGHT * 0.7, number(sum(values.values())), "value"))
    return _svg(title, WIDTH, 24 + len(rows) * (BAR_HEIGHT + GAP), body)
