"""Charts for the reports, drawn with matplotlib (the optional extra ``joinus_method[charts]``)
and inlined as SVG: no file, font or script from elsewhere.

matplotlib is imported only when a chart is drawn. :func:`available` says whether it can be;
without it the reports say how to get the charts.
"""

from __future__ import annotations

import importlib.util
import io
import math
import re
from collections.abc import Sequence
from typing import Any

from joinus_method.messages import msg

from .document import Chart, Paragraph

__all__ = [
    "INSTALL_HINT",
    "attendance_heatmap",
    "available",
    "before_after_bars",
    "or_hint",
    "progress_star",
    "ties_drawing",
]

INSTALL_HINT = msg(
    "Charts are left out: install them with pip install 'joinus_method[charts]' (matplotlib)."
)


def available() -> bool:
    """Whether matplotlib can be imported, so that charts can be drawn."""
    return importlib.util.find_spec("matplotlib") is not None


def _figure(width: float, height: float) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "path"  # text as shapes: no font is needed to read it
    return plt.subplots(figsize=(width, height))


def _svg(figure: Any) -> str:
    """*figure* as an SVG element to put inside a page: without the XML prolog, the DTD and
    the metadata, sized by the page."""
    import matplotlib.pyplot as plt

    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = out.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    # Inside an HTML page the parser knows SVG and xlink: no namespace declarations needed.
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text)
    return re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", text, count=1)


def progress_star(
    titles: Sequence[str], baseline: Sequence[int | None], latest: Sequence[int | None], top: int
) -> Chart:
    """A radar of the domain levels: the baseline against the latest assessment."""
    figure, _ = _figure(4.2, 4.2)
    figure.clf()
    axes = figure.add_subplot(projection="polar")
    angles = [2 * math.pi * i / len(titles) for i in range(len(titles))]
    for levels, style in ((baseline, "--"), (latest, "-")):
        values = [v or 0 for v in levels]
        axes.plot([*angles, angles[0]], [*values, values[0]], style, linewidth=2)
        if style == "-":
            axes.fill([*angles, angles[0]], [*values, values[0]], alpha=0.2)
    axes.set_xticks(angles)
    axes.set_xticklabels([t if len(t) < 22 else t[:20] + "…" for t in titles], fontsize=7)
    axes.set_ylim(0, top)
    axes.set_yticks(range(1, top + 1))
    return Chart(
        _svg(figure),
        msg(
            "Progress star: the domain levels at the baseline (dashed) and at the latest "
            "assessment (filled), on a scale of 1 to {top}.",
            top=top,
        ),
    )


def attendance_heatmap(
    youths: Sequence[str], days: Sequence[str], cells: Sequence[Sequence[int]]
) -> Chart:
    """A heat map of attendance: a row per youth, a column per evening; 2 present or late,
    1 excused, 0 absent, -1 not recorded or not a member."""
    from matplotlib.colors import ListedColormap

    figure, axes = _figure(max(3.0, 0.28 * len(days) + 1.5), max(1.5, 0.3 * len(youths) + 0.8))
    colours = ListedColormap(["#ffffff", "#c0392b", "#f1c40f", "#27ae60"])
    axes.imshow(
        [[c + 1 for c in row] for row in cells], cmap=colours, vmin=0, vmax=3, aspect="auto"
    )
    axes.set_yticks(range(len(youths)))
    axes.set_yticklabels(youths, fontsize=7)
    axes.set_xticks(range(len(days)))
    axes.set_xticklabels(days, fontsize=6, rotation=90)
    return Chart(
        _svg(figure),
        msg(
            "Attendance heat map: green present or late, yellow excused, red absent, white "
            "not recorded or not a member; {youths} youths, {evenings} evenings.",
            youths=len(youths),
            evenings=len(days),
        ),
    )


def ties_drawing(members: Sequence[str], ties: Sequence[tuple[str, str]]) -> Chart:
    """The peer ties among a group's members, drawn as a network."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(members)
    graph.add_edges_from(ties)
    figure, axes = _figure(4.5, 4.0)
    places = nx.circular_layout(graph)
    nx.draw_networkx(graph, places, ax=axes, node_color="#5dade2", node_size=300, font_size=6)
    axes.set_axis_off()
    return Chart(
        _svg(figure),
        msg(
            "Ties in the group: {members} members, {ties} ties between them.",
            members=len(members),
            ties=len(ties),
        ),
    )


def before_after_bars(
    bands: Sequence[str], before: Sequence[int | None], after: Sequence[int | None]
) -> Chart:
    """Bars of the youths per loneliness band at the baseline and at the latest
    questionnaire; a suppressed count is drawn as nothing."""
    figure, axes = _figure(5.0, 3.0)
    places = range(len(bands))
    axes.bar([p - 0.2 for p in places], [b or 0 for b in before], width=0.4)
    axes.bar([p + 0.2 for p in places], [a or 0 for a in after], width=0.4)
    axes.set_xticks(list(places))
    axes.set_xticklabels(bands, fontsize=8)
    return Chart(
        _svg(figure),
        msg(
            "Loneliness before and after: youths per band at the baseline (left bars) and at "
            "the latest questionnaire (right bars); counts under 5 are left out."
        ),
    )


def or_hint(draw: Any, *args: Any) -> Chart | Paragraph:
    """The chart *draw* makes of *args*, or the hint of how to get charts."""
    if not available():
        return Paragraph(INSTALL_HINT)
    found: Chart = draw(*args)
    return found
