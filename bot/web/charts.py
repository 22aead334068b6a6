"""Bar charts as inline SVG, drawn on the server: no script, readable by screen readers."""

from __future__ import annotations

from typing import List, Sequence, Tuple

from markupsafe import Markup, escape

ROW = 22
LABEL_WIDTH = 150
BAR_WIDTH = 320


def bar_chart(title: str, rows: Sequence[Tuple[str, float]], percent: bool = False) -> Markup:
    """A horizontal bar chart of (label, value); values as whole numbers or percentages."""
    top = max((value for _label, value in rows), default=0) or 1
    height = ROW * max(len(rows), 1) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 70
    parts: List[str] = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>"]
    for index, (label, value) in enumerate(rows):
        y = 4 + index * ROW
        length = round(BAR_WIDTH * value / top, 1)
        shown = f"{value:.1%}" if percent else f"{value:g}"
        parts.append(
            f'<g><text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{ROW - 6}" class="bar">'
            f"<title>{escape(label)}: {escape(shown)}</title></rect>"
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 15}">{escape(shown)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))
