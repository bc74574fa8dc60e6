"""A report as a small document: a title, sections, and in them facts, paragraphs and tables.

Reports are built once as such a document, with their texts as messages, and written as
Markdown for the terminal or as one self-contained HTML file (no external resource of any
kind: the style is inline, charts are inline SVG), in the language asked for.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import Message, msg, translator

__all__ = [
    "Block",
    "Chart",
    "Facts",
    "Paragraph",
    "Report",
    "Section",
    "Table",
    "to_html",
    "to_markdown",
]

Text = str | Message
"""A text of a report: a message (translated when written) or a value as it is."""

Cell = str | Message | int | float | None
"""A table cell: a text, a number, or nothing (written as a dash)."""


@attrs.frozen
@shared_repr
class Paragraph:
    text: Text


@attrs.frozen
@shared_repr
class Facts:
    """Labelled values, one per line."""

    items: tuple[tuple[Text, Cell], ...]


@attrs.frozen
@shared_repr
class Table:
    """A table with a caption and a header row; the first column heads each row."""

    caption: Text
    header: tuple[Text, ...]
    rows: tuple[tuple[Cell, ...], ...]


@attrs.frozen
@shared_repr
class Chart:
    """An inline SVG drawing with its text alternative (shown in Markdown instead)."""

    svg: str
    alternative: Text


Block = Paragraph | Facts | Table | Chart


@attrs.frozen
@shared_repr
class Section:
    heading: Text
    blocks: tuple[Block, ...]


@attrs.frozen
@shared_repr
class Report:
    """A report: who and what it is about, as of which day, and its sections."""

    title: Text
    as_of: dt.date
    sections: tuple[Section, ...]
    notice: Text | None = None
    """A line shown under the title: who may see it, or that the data are synthetic."""


def _cell(value: Cell, say: Callable[[str], str]) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:.1f}"
    if isinstance(value, int):
        return str(value)
    return say(value)


def to_markdown(report: Report, language: str = "nl") -> str:
    """*report* as Markdown, in *language* ("nl" or "en")."""
    say = translator(language)
    lines = [f"# {say(report.title)}", ""]
    lines.append(say(msg("As of {day}", day=report.as_of.isoformat())))
    if report.notice is not None:
        lines += ["", f"*{say(report.notice)}*"]
    for section in report.sections:
        lines += ["", f"## {say(section.heading)}"]
        for block in section.blocks:
            lines.append("")
            lines += _markdown_block(block, say)
    return "\n".join(lines) + "\n"


def _markdown_block(block: Block, say: Callable[[str], str]) -> list[str]:
    if isinstance(block, Paragraph):
        return [say(block.text)]
    if isinstance(block, Facts):
        return [f"- **{say(label)}**: {_cell(value, say)}" for label, value in block.items]
    if isinstance(block, Chart):
        return [f"*{say(block.alternative)}*"]
    rows = [[_escape_md(say(h)) for h in block.header]]
    rows += [[_escape_md(_cell(c, say)) for c in row] for row in block.rows]
    out = [f"*{say(block.caption)}*", ""]
    out.append("| " + " | ".join(rows[0]) + " |")
    out.append("|" + "|".join(" --- " for _ in rows[0]) + "|")
    out += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return out


def _escape_md(text: str) -> str:
    return text.replace("|", "\\|")


_STYLE = """
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.45; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1d1d1b; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #ccc; }
p.as-of, p.notice { margin: 0 0 .5rem; color: #555; }
p.notice { font-style: italic; }
dl { display: grid; grid-template-columns: fit-content(60%) 1fr; gap: .2rem 1rem; margin: 0; }
dt, dd, p, h1, h2 { overflow-wrap: anywhere; }
dt { font-weight: 600; }
dd { margin: 0; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #bbb; padding: .2rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f5; }
tbody th { font-weight: 600; background: #f8f9fa; }
figure { margin: .5rem 0; }
figure svg { max-width: 100%; height: auto; }
@media (max-width: 480px) { body { padding: .5rem; } table { font-size: .85rem; } }
@media print {
  @page { size: A4; margin: 12mm; }
  body { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
}
"""


def to_html(report: Report, language: str = "nl") -> str:
    """*report* as one self-contained HTML page, in *language* ("nl" or "en"): the style is
    inline, there are no scripts, links, fonts or images from elsewhere."""
    say = translator(language)

    def text(value: Text) -> str:
        return html.escape(say(value))

    title = text(report.title)
    as_of = text(msg("As of {day}", day=report.as_of.isoformat()))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{title}</h1>",
        f'<p class="as-of">{as_of}</p>',
    ]
    if report.notice is not None:
        parts.append(f'<p class="notice">{text(report.notice)}</p>')
    for section in report.sections:
        parts.append("<section>")
        parts.append(f"<h2>{text(section.heading)}</h2>")
        for block in section.blocks:
            parts.append(_html_block(block, say))
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _html_block(block: Block, say: Callable[[str], str]) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{html.escape(say(block.text))}</p>"
    if isinstance(block, Facts):
        items = "".join(
            f"<dt>{html.escape(say(label))}</dt><dd>{html.escape(_cell(value, say))}</dd>"
            for label, value in block.items
        )
        return f"<dl>{items}</dl>"
    if isinstance(block, Chart):
        alternative = html.escape(say(block.alternative))
        return (
            f'<figure role="img" aria-label="{alternative}">{block.svg}'
            f"<figcaption>{alternative}</figcaption></figure>"
        )
    head = "".join(f'<th scope="col">{html.escape(say(h))}</th>' for h in block.header)
    body = "".join(_html_row(row, say) for row in block.rows)
    return (
        f'<div class="scroll"><table><caption>{html.escape(say(block.caption))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _html_row(row: Sequence[Cell], say: Callable[[str], str]) -> str:
    if not row:
        return "<tr></tr>"
    first, *rest = row
    cells = "".join(f"<td>{html.escape(_cell(c, say))}</td>" for c in rest)
    return f'<tr><th scope="row">{html.escape(_cell(first, say))}</th>{cells}</tr>'
