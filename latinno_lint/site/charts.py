"""Charts drawn at build time as inline SVG: no chart library, no script, no
request. Each chart is an ``<svg role="img">`` named by its ``<title>`` and
described by its ``<desc>``; the pages put the same counts beside it as a
table. Every text is escaped (markupsafe, which Jinja2 brings)."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 640
LABEL = 210  # the width of the label column of a bar chart
ROW = 24
BAR = 16
TOP = 8


def _svg(ident: str, title: str, desc: str, height: int, body: list) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" focusable="false">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bars(ident: str, title: str, desc: str, rows: list) -> Markup:
    """Horizontal bars: ``rows`` is (label, count) in the order to draw."""
    most = max((count for _label, count in rows), default=0) or 1
    room = WIDTH - LABEL - 60
    body = []
    for i, (label, count) in enumerate(rows):
        y = TOP + i * ROW
        width = round(room * count / most, 1)
        body.append(
            f'<g class="row"><text class="label" x="{LABEL - 8}" y="{y + BAR - 4}" text-anchor="end">{escape(_short(label))}</text>'
            f'<rect class="bar" x="{LABEL}" y="{y}" width="{width}" height="{BAR}"></rect>'
            f'<text class="value" x="{LABEL + width + 6}" y="{y + BAR - 4}">{count}</text></g>'
        )
    return _svg(ident, title, desc, TOP * 2 + max(len(rows), 1) * ROW, body)


def grid(ident: str, title: str, desc: str, rows: list, columns: list, counts: dict) -> Markup:
    """A heat grid: ``counts[(row, column)]`` cases, darker for more."""
    most = max(counts.values(), default=0) or 1
    head = 56
    cell_w = (WIDTH - LABEL) / max(len(columns), 1)
    body = []
    for j, column in enumerate(columns):
        x = LABEL + j * cell_w + cell_w / 2
        body.append(f'<text class="label" x="{x:.1f}" y="{head - 10}" text-anchor="middle">{escape(_short(column, 18))}</text>')
    for i, row in enumerate(rows):
        y = head + i * ROW
        body.append(f'<text class="label" x="{LABEL - 8}" y="{y + BAR - 2}" text-anchor="end">{escape(_short(row))}</text>')
        for j, column in enumerate(columns):
            count = counts.get((row, column), 0)
            share = count / most
            x = LABEL + j * cell_w
            tone = "cell dark" if share > 0.55 else "cell"
            body.append(
                f'<rect class="{tone}" x="{x + 2:.1f}" y="{y}" width="{cell_w - 4:.1f}" height="{ROW - 4}" fill-opacity="{0.08 + 0.92 * share:.2f}"></rect>'
                f'<text class="{"value on-dark" if share > 0.55 else "value"}" x="{x + cell_w / 2:.1f}" y="{y + BAR - 2}" text-anchor="middle">{count}</text>'
            )
    return _svg(ident, title, desc, head + max(len(rows), 1) * ROW + TOP, body)
