"""Readable tables of query results, for the terminal (rich)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsgraph.store.queries import DocumentSummary, EntityReport, Quote, SearchMatch


def _short(text: str | None, width: int = 110) -> str:
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _source(quote: Quote) -> str:
    named = quote.source or quote.source_description or ""
    if quote.source_entity and quote.source_entity != named:
        return f"{_short(named, 40)} [{quote.source_entity}]"
    return _short(named, 50)


def quote_table(quotes: Sequence[Quote], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    columns = ("document", "id", "date", "source", "kind", "stance", "cue", "channel", "content")
    for name in columns:
        table.add_column(name, overflow="fold")
    for q in quotes:
        table.add_row(
            f"{q.document_id}\n{q.start}-{q.end}",
            q.attribution_id,
            q.date or "",
            _source(q),
            q.kind,
            q.stance,
            q.cue or "",
            _short(q.channel or "", 40),
            _short(q.content_text),
        )
    return table


def _entity(report: EntityReport, console: Console) -> None:
    where = (
        f"  at {report.latitude:.4f}, {report.longitude:.4f}"
        if report.latitude is not None and report.longitude is not None
        else ""
    )
    country = f" ({report.country_code})" if report.country_code else ""
    console.print(
        Text.assemble((report.name, "bold"), f"  {report.kind}{country}{where}  key {report.key}")
    )
    console.print(f"  also called: {'; '.join(report.aliases) or '-'}")
    shown = ", ".join(report.documents)
    more = report.document_count - len(report.documents)
    console.print(
        f"  in {report.document_count} document(s): {shown}" + (f" (+{more})" if more else "")
    )
    if report.said:
        console.print(quote_table(report.said, title="said"))
    if report.said_about:
        console.print(quote_table(report.said_about, title="said about it"))


def _search(matches: Sequence[SearchMatch]) -> Table:
    table = Table()
    for name in ("document", "span", "attribution", "context"):
        table.add_column(name, overflow="fold")
    for m in matches:
        context = Text(m.context)
        at = m.context.find(" ".join(m.text.split()))
        if at >= 0:
            context.stylize("bold", at, at + len(" ".join(m.text.split())))
        table.add_row(m.document_id, f"{m.start}-{m.end}", m.attribution_id or "", context)
    return table


def _documents(rows: Sequence[DocumentSummary]) -> Table:
    table = Table()
    columns = ("document", "published", "outlet", "via", "title", "sent", "ment", "ent")
    for name in (*columns, "timex", "attr", "events"):
        table.add_column(name, overflow="fold")
    for d in rows:
        table.add_row(
            d.document_id,
            d.published.isoformat() if d.published else "",
            d.outlet or "",
            " < ".join(d.via),
            _short(d.title, 50),
            *(
                str(n)
                for n in (d.sentences, d.mentions, d.entities, d.timexes, d.attributions, d.events)
            ),
        )
    return table


def show(command: str, results: Sequence[Any], console: Console) -> None:
    if command == "quotes":
        console.print(quote_table(results))
    elif command == "entity":
        for report in results:
            _entity(report, console)
    elif command == "search":
        console.print(_search(results))
    else:
        console.print(_documents(results))
