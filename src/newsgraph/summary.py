"""A short, human-readable view of analyses: what was found, in a few lines per document."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsgraph.model import Analysis


def load_analyses(path: Path) -> Iterator[Analysis]:
    """Analyses from a JSON file (an object or an array) or a JSONL file."""
    text = path.read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("["):
        for item in json.loads(text):
            yield Analysis.model_validate(item)
    elif path.suffix.lower() == ".json":
        yield Analysis.model_validate_json(text)
    else:
        for line in text.splitlines():
            if line.strip():
                yield Analysis.model_validate_json(line)


def print_summary(analysis: Analysis, console: Console, examples: int = 8) -> None:
    meta = analysis.document
    via = " <- ".join(meta.via) if meta.via else "-"
    console.print(
        f"[bold]{analysis.id}[/bold]  published {meta.published or '?'}  "
        f"outlet {meta.outlet or '?'}  via {via}"
    )
    labels = Counter(m.label for m in analysis.mentions)
    console.print(
        f"  {len(analysis.sentences)} sentences, {len(analysis.mentions)} mentions "
        f"({', '.join(f'{k} {v}' for k, v in labels.most_common(6)) or 'none'}), "
        f"{len(analysis.entities)} entities, {len(analysis.timexes)} timexes, "
        f"{len(analysis.attributions)} attributions, {len(analysis.events)} events"
    )
    for warning in analysis.warnings:
        console.print(f"  [yellow]warning:[/yellow] {warning}")
    reported = [a for a in analysis.attributions if a.kind != "own_voice"]
    if reported:
        names = {entity.id: entity.name for entity in analysis.entities}
        table = Table("who", "kind", "stance", "cue", "says", box=None, padding=(0, 2))
        for attribution in reported[:examples]:
            who = names.get(attribution.source_entity or "") or attribution.source_description
            who = who or (attribution.source.text if attribution.source else "?")
            says = " ... ".join(span.text for span in attribution.content)
            table.add_row(
                who[:40],
                attribution.kind,
                attribution.stance,
                attribution.cue.text if attribution.cue else "-",
                says[:60] + ("..." if len(says) > 60 else ""),
            )
        console.print(table)
    if analysis.timexes:
        table = Table("time expression", "type", "value", "offsets", box=None, padding=(0, 2))
        for timex in analysis.timexes[:examples]:
            table.add_row(timex.text, timex.type, timex.value or "?", f"{timex.start}-{timex.end}")
        console.print(table)
    if analysis.entities:
        table = Table("entity", "kind", "mentions", "aliases", box=None, padding=(0, 2))
        ranked = sorted(analysis.entities, key=lambda e: len(e.mentions), reverse=True)
        for entity in ranked[:examples]:
            table.add_row(
                entity.name, entity.kind, str(len(entity.mentions)), "; ".join(entity.aliases[:4])
            )
        console.print(table)
    elif analysis.mentions:
        table = Table("mention", "label", "offsets", box=None, padding=(0, 2))
        for mention in analysis.mentions[:examples]:
            table.add_row(mention.text, mention.label, f"{mention.start}-{mention.end}")
        console.print(table)
