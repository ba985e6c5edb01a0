"""Build the copies gold set from PolNeAR articles (../shared/data/polnear).

PolNeAR may not be redistributed, so the project keeps only document ids and judgements
(data/gold/copies/real.json) and this script, which rebuilds the set from the shared data:

- the real part: every PolNeAR article of a candidate pair listed in real.json's review, plus
  `distractors` articles drawn at random (seed 7), with the hand-judged pairs;
- the made part: copies generated from other PolNeAR articles by the edits real reposts show
  (trimmed ends, an outlet's boilerplate, a new headline, a dropped paragraph, numbers or dates
  changed, a quote trimmed, the credit removed), passages of one article placed inside another
  (partial reuse), and originals that share nothing but an outlet's boilerplate. The random
  choices use a fixed seed, so the set is the same on every machine.

Every pair of documents not listed as a pair is a negative. Each document belongs to a group
(the article it was made from); a group is in the test split when the SHA-1 of its id, read as
a number, is divisible by 4, else in dev.

    python scripts/build_copies_gold.py --polnear ../shared/data/polnear -o build/copies-gold.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL = HERE.parent / "data" / "gold" / "copies" / "real.json"
SEED = 2026
MADE_BASES = 90
HOSTS = 30
BOILERPLATE_ORIGINALS = 16

# Fictional outlets and their standard furniture, written for this set.
OUTLETS: dict[str, dict[str, str]] = {
    "Harbor Ledger": {
        "footer": "Copyright 2016 Harbor Ledger Media Group. All rights reserved. No part of "
        "this article may be reproduced without the written permission of the publisher.",
    },
    "Plains Courier": {
        "header": "Editor's note: This article is part of the Plains Courier's election "
        "coverage. Our reporters do not take part in any campaign and accept no gifts from one.",
        "footer": "Sign up for the Plains Courier morning briefing to get the day's top "
        "political stories in your inbox every weekday, free of charge.",
    },
    "Metro Wire Digest": {
        "footer": "Metro Wire Digest gathers reporting from news agencies and partner outlets "
        "across the country. Corrections and comments can be sent to the desk at any time "
        "through our contact page.",
    },
    "The Riverside Post": {
        "footer": "Follow The Riverside Post on social media for live updates from the "
        "campaign trail, and support independent local journalism by becoming a subscriber "
        "today.",
    },
}

ADDED_SENTENCES = (
    "The campaign did not respond to a request for comment on the report.",
    "Local officials said they were still reviewing the figures late in the day.",
    "The story has been updated with additional reporting and reaction from both parties.",
    "Several voters interviewed outside a polling station said they had not yet decided.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
CREDIT_PHRASES = (
    re.compile(
        r",? according to (the )?(Associated Press|AP|Reuters|CNN|The New York Times|"
        r"The Washington Post|Politico|Breitbart News)"
    ),
    re.compile(r" \((AP|Reuters|CNN)\)"),
    re.compile(r",? (the )?(Associated Press|Reuters|CNN|Politico) reported"),
)
NUMBER = re.compile(r"\b\d{1,3}(,\d{3})*(\.\d+)?\b")
QUOTE = re.compile(r"[\"“]([^\"”]{60,400})[\"”]")


@dataclass
class Doc:
    id: str
    text: str
    published: dt.date
    outlet: str
    group: str
    via: list[str] = field(default_factory=list)
    crawled: str | None = None


def load_polnear(folder: Path) -> dict[str, dict[str, object]]:
    articles: dict[str, dict[str, object]] = {}
    for split in ("train", "dev"):
        with (folder / f"{split}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                articles[str(record["id"])] = record
    return articles


def split_of(group: str) -> str:
    return "test" if int(hashlib.sha1(group.encode()).hexdigest(), 16) % 4 == 0 else "dev"


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def crawl_time(day: dt.date, minutes: int) -> str:
    moment = dt.datetime.combine(day, dt.time(6, 0), tzinfo=dt.UTC)
    return (moment + dt.timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")


class Editor:
    """The edits a repost makes; each returns the new paragraphs and the name of the edit
    (None when the text offers nothing to edit that way)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def trim_end(self, paras: list[str]) -> tuple[list[str], str | None]:
        cut = self.rng.choice((1, 2)) if len(paras) > 8 else 1
        return (paras[:-cut], "trimmed_end") if len(paras) > 5 else (paras, None)

    def drop_paragraph(self, paras: list[str]) -> tuple[list[str], str | None]:
        if len(paras) < 6:
            return paras, None
        index = self.rng.randrange(2, len(paras) - 1)
        return paras[:index] + paras[index + 1 :], "paragraph_dropped"

    def headline(self, paras: list[str]) -> tuple[list[str], str | None]:
        words = paras[0].rstrip(".").split()
        if len(words) < 4:
            return paras, None
        prefix = self.rng.choice(("UPDATE: ", "Analysis: ", "Breaking: "))
        new = prefix + " ".join(words[: max(3, len(words) - 2)]) + "."
        return [new, *paras[1:]], "headline_changed"

    def numbers(self, paras: list[str]) -> tuple[list[str], str | None]:
        text = "\n\n".join(paras)
        found = [m for m in NUMBER.finditer(text) if not _year(m.group())]
        if not found:
            return paras, None
        chosen = self.rng.sample(found, min(len(found), self.rng.choice((1, 2))))
        for match in sorted(chosen, key=lambda m: -m.start()):
            digits = match.group().replace(",", "")
            value = float(digits) if "." in digits else int(digits)
            changed = value + self.rng.choice((1, 2, 3, 5, 10))
            new = f"{changed:,}" if isinstance(changed, int) else f"{changed:.1f}"
            text = text[: match.start()] + new + text[match.end() :]
        return paragraphs(text), "numbers_changed"

    def dates(self, paras: list[str]) -> tuple[list[str], str | None]:
        text = "\n\n".join(paras)
        names = [n for n in (*WEEKDAYS, *MONTHS) if re.search(rf"\b{n}\b", text)]
        if not names:
            return paras, None
        old = self.rng.choice(names)
        pool = WEEKDAYS if old in WEEKDAYS else MONTHS
        new = self.rng.choice([n for n in pool if n != old])
        text = re.sub(rf"\b{old}\b", new, text, count=1)
        return paragraphs(text), "date_changed"

    def quote_trim(self, paras: list[str]) -> tuple[list[str], str | None]:
        text = "\n\n".join(paras)
        quotes = list(QUOTE.finditer(text))
        if not quotes:
            return paras, None
        match = self.rng.choice(quotes)
        inner = match.group(1)
        words = inner.split()
        kept = " ".join(words[: max(5, len(words) // 2)])
        text = text[: match.start(1)] + kept + text[match.end(1) :]
        return paragraphs(text), "quote_trimmed"

    def credit_removed(self, paras: list[str]) -> tuple[list[str], str | None]:
        text = "\n\n".join(paras)
        for pattern in CREDIT_PHRASES:
            if pattern.search(text):
                return paragraphs(pattern.sub("", text, count=1)), "credit_removed"
        return paras, None

    def sentence_added(self, paras: list[str]) -> tuple[list[str], str | None]:
        index = self.rng.randrange(2, max(3, len(paras)))
        sentence = self.rng.choice(ADDED_SENTENCES)
        return [*paras[:index], sentence, *paras[index:]], "sentence_added"


def with_boilerplate(paras: list[str], outlet: str) -> list[str]:
    furniture = OUTLETS[outlet]
    head = [furniture["header"]] if "header" in furniture else []
    return [paras[0], *head, *paras[1:], furniture["footer"]]


def _year(number: str) -> bool:
    return len(number) == 4 and number.startswith(("19", "20"))


def _date(record: dict[str, object]) -> dt.date:
    return dt.date.fromisoformat(str(record["publication_date"])[:10])


def real_part(
    articles: dict[str, dict[str, object]], real: dict[str, object]
) -> tuple[list[Doc], list[dict[str, object]], set[str]]:
    """The PolNeAR articles of the reviewed candidates and the distractors, with the pairs."""
    candidates = candidate_articles(articles)
    rng = random.Random(7)
    others = sorted(set(articles) - candidates)
    distractors = rng.sample(others, int(str(real["distractors"])))
    pairs: list[dict[str, object]] = []
    groups: dict[str, str] = {}
    for pair in real["pairs"]:  # type: ignore[attr-defined]
        a, b = pair["a"], pair["b"]
        group = groups.get(a) or groups.get(b) or a
        groups[a] = groups[b] = group
        earlier = {"a": a, "b": b, None: None}[pair["earlier"]]
        pairs.append({"a": a, "b": b, "relation": pair["relation"], "earlier": earlier})
    docs = []
    for doc_id in sorted(candidates | set(distractors)):
        record = articles[doc_id]
        docs.append(
            Doc(
                id=doc_id,
                text=str(record["text"]),
                published=_date(record),
                outlet=str(record["publisher"]),
                group=groups.get(doc_id, doc_id),
            )
        )
    return docs, pairs, candidates | set(distractors)


def candidate_articles(articles: dict[str, dict[str, object]]) -> set[str]:
    """Articles of any pair sharing 5 or more 6-word shingles (as the review was made)."""
    postings: dict[str, list[str]] = {}
    for doc_id, record in articles.items():
        words = re.findall(r"\w+", str(record["text"]).lower())
        for shingle in {" ".join(words[i : i + 6]) for i in range(len(words) - 5)}:
            postings.setdefault(shingle, []).append(doc_id)
    counts: dict[tuple[str, str], int] = {}
    for ids in postings.values():
        if len(ids) > 30:
            continue
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                key = (a, b) if a < b else (b, a)
                counts[key] = counts.get(key, 0) + 1
    return {doc_id for pair, count in counts.items() if count >= 5 for doc_id in pair}


def made_part(
    articles: dict[str, dict[str, object]], used: set[str]
) -> tuple[list[Doc], list[dict[str, object]]]:
    rng = random.Random(SEED)
    editor = Editor(rng)
    pool = sorted(
        doc_id
        for doc_id, record in articles.items()
        if doc_id not in used and len(paragraphs(str(record["text"]))) >= 8
    )
    rng.shuffle(pool)
    bases = pool[:MADE_BASES]
    hosts = pool[MADE_BASES : MADE_BASES + HOSTS]
    plain = pool[MADE_BASES + HOSTS : MADE_BASES + HOSTS + BOILERPLATE_ORIGINALS]
    outlets = sorted(OUTLETS)
    docs: list[Doc] = []
    pairs: list[dict[str, object]] = []
    counter = 0
    free_hosts = iter(hosts)  # each host takes one passage: two would share its text

    def new_id() -> str:
        nonlocal counter
        counter += 1
        return f"made-{counter:03d}"

    for doc_id in plain:  # originals that share nothing but their outlet's boilerplate
        record = articles[doc_id]
        outlet = rng.choice(outlets)
        day = _date(record)
        text = "\n\n".join(with_boilerplate(paragraphs(str(record["text"])), outlet))
        docs.append(Doc(new_id(), text, day, outlet, doc_id, crawled=crawl_time(day, 30)))

    for doc_id in bases:
        record = articles[doc_id]
        day = _date(record)
        original = Doc(
            doc_id, str(record["text"]), day, str(record["publisher"]), doc_id,
            crawled=crawl_time(day, rng.randrange(0, 120)),
        )  # fmt: skip
        docs.append(original)
        recipe = rng.choices(("exact", "near", "partial"), weights=(10, 60, 30))[0]
        host_id = next(free_hosts, None) if recipe == "partial" else None
        if host_id is not None:
            host = articles[host_id]
            made, edits = partial_copy(rng, editor, original, host, outlets, new_id())
            docs.append(made)
            pairs.append(_pair(original, made, "partial", edits))
            continue
        made, edits = copy_of(rng, editor, original, outlets, new_id(), exact=recipe == "exact")
        docs.append(made)
        pairs.append(_pair(original, made, "exact" if recipe == "exact" else "near", edits))
        if rng.random() < 0.25:  # a copy of the copy: the relay goes on
            second, more = copy_of(rng, editor, made, outlets, new_id(), exact=False)
            docs.append(second)
            pairs.append(_pair(made, second, "near", more))
            pairs.append(_pair(original, second, "near", edits + more))
    return docs, pairs


def copy_of(
    rng: random.Random, editor: Editor, source: Doc, outlets: list[str], new_id: str, exact: bool
) -> tuple[Doc, list[str]]:
    outlet = rng.choice([o for o in outlets if o != source.outlet])
    lag = rng.choice((0, 0, 1, 2))
    day = source.published + dt.timedelta(days=lag)
    crawled = _later(source, day, rng)
    credited = rng.random() < 0.5
    via = [source.outlet] if credited else []
    if exact:
        return Doc(new_id, source.text, day, outlet, source.group, via, crawled), []
    paras = paragraphs(source.text)
    edits: list[str] = []
    moves = [
        editor.trim_end, editor.drop_paragraph, editor.headline, editor.numbers, editor.dates,
        editor.quote_trim, editor.credit_removed, editor.sentence_added,
    ]  # fmt: skip
    for move in rng.sample(moves, rng.choice((1, 2, 3))):
        paras, name = move(paras)
        if name:
            edits.append(name)
    if rng.random() < 0.7:
        paras = with_boilerplate(paras, outlet)
        edits.append("boilerplate_added")
    if not edits:
        paras, name = editor.trim_end(paras)
        edits.append(name or "headline_changed")
        if name is None:
            paras, _ = editor.headline(paras)
    return Doc(new_id, "\n\n".join(paras), day, outlet, source.group, via, crawled), edits


def partial_copy(
    rng: random.Random,
    editor: Editor,
    source: Doc,
    host: dict[str, object],
    outlets: list[str],
    new_id: str,
) -> tuple[Doc, list[str]]:
    """Some consecutive paragraphs of `source` (60 words or more, at most two fifths of it)
    placed inside another article."""
    paras = paragraphs(source.text)
    body = paras[1:]
    total = sum(len(p.split()) for p in body)
    for _ in range(20):
        start = rng.randrange(0, len(body))
        end = start + 1
        while end < len(body) and sum(len(p.split()) for p in body[start:end]) < 60:
            end += 1
        taken = body[start:end]
        words = sum(len(p.split()) for p in taken)
        if words >= 60 and words <= 0.4 * total:
            break
    host_paras = paragraphs(str(host["text"]))
    at = min(3, len(host_paras) - 1)
    edits = ["passage_reused"]
    if rng.random() < 0.3:
        taken, name = editor.numbers(taken)
        if name:
            edits.append(name)
    merged = host_paras[:at] + taken + host_paras[at:]
    outlet = rng.choice(outlets)
    merged = with_boilerplate(merged, outlet)
    lag = rng.choice((0, 1, 3, 7))
    day = source.published + dt.timedelta(days=lag)
    text = "\n\n".join(merged)
    return Doc(new_id, text, day, outlet, source.group, [], _later(source, day, rng)), edits


def _later(source: Doc, day: dt.date, rng: random.Random) -> str:
    if day == source.published and source.crawled:
        base = dt.datetime.fromisoformat(source.crawled.replace("Z", "+00:00"))
        moment = base + dt.timedelta(minutes=rng.randrange(20, 600))
        return moment.isoformat().replace("+00:00", "Z")
    return crawl_time(day, rng.randrange(0, 600))


def _pair(earlier: Doc, later: Doc, relation: str, edits: list[str]) -> dict[str, object]:
    return {
        "a": earlier.id, "b": later.id, "relation": relation, "earlier": earlier.id,
        "edits": edits,
    }  # fmt: skip


def records(docs: Iterable[Doc], pairs: Iterable[dict[str, object]]) -> Iterable[str]:
    splits: dict[str, str] = {}
    for doc in docs:
        splits[doc.id] = split_of(doc.group)
        yield json.dumps(
            {
                "kind": "document",
                "id": doc.id,
                "text": doc.text,
                "published": doc.published.isoformat(),
                "outlet": doc.outlet,
                "via": doc.via,
                "crawled": doc.crawled,
                "group": doc.group,
                "split": splits[doc.id],
            }
        )
    for pair in pairs:
        split = splits[str(pair["a"])]
        yield json.dumps({"kind": "pair", **pair, "split": split})


def build(polnear: Path) -> list[str]:
    articles = load_polnear(polnear)
    real = json.loads(REAL.read_text(encoding="utf-8"))
    docs, pairs, used = real_part(articles, real)
    made_docs, made_pairs = made_part(articles, used)
    return list(records(docs + made_docs, pairs + made_pairs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--polnear", type=Path, default=HERE.parent.parent / "shared" / "data" / "polnear"
    )
    parser.add_argument("-o", "--output", type=Path, default=Path("build/copies-gold.jsonl"))
    args = parser.parse_args(argv)
    if not (args.polnear / "train.jsonl").is_file():
        print(f"build_copies_gold: {args.polnear}: no PolNeAR train.jsonl there", file=sys.stderr)
        return 1
    lines = build(args.polnear)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pairs = sum(1 for line in lines if '"kind": "pair"' in line)
    print(f"build_copies_gold: {len(lines) - pairs} documents, {pairs} pairs -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
