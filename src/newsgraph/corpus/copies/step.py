"""The copies step over the store: index each new article, find its candidates, compare, write.

Candidates come from two indexes kept in the store, so that the cost of a new article does not
grow with the corpus:

- MinHash LSH (datasketch's MinHash, bands chosen by datasketch for a Jaccard threshold of 0.3)
  with one row per band in `copy_bands`: articles sharing a bucket are near-copy candidates. The
  content hash is one more band, so exact copies always meet.
- Fingerprints (one word shingle in four, chosen by hash value) in `copy_fingerprints`:
  articles sharing two fingerprints that are not common are partial-reuse candidates.
  datasketch's LSH Ensemble answers the same containment question, but its index is built once
  over a fixed collection and cannot take one more article, so an inverted index it is.

`copy_fingerprint_counts` says how many articles hold each fingerprint. A passage whose
fingerprints are held by COMMON articles or more, or (between two articles of one outlet) by
OUTLET_COMMON articles of that outlet, is boilerplate: it never makes partial reuse. When a
fingerprint becomes common, the pairs of the articles holding it are compared again, so the
results do not depend on the order the articles came in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from typing import Any

from datasketch import MinHash, MinHashLSH
from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from newsgraph.corpus.copies.changes import Attribution, Layers, changes
from newsgraph.corpus.copies.compare import Comparison, compare
from newsgraph.corpus.copies.credit import credit
from newsgraph.corpus.copies.text import FINGERPRINT_EVERY, Article
from newsgraph.store import copies_tables as t
from newsgraph.store import tables
from newsgraph.store.chunks import chunks

NAME = "copies"
VERSION = "1.0"
COMPONENT = "corpus.copies"
LSH_THRESHOLD = 0.3
NUM_PERM = 128
SEED = 1
COMMON = 10  # articles holding a fingerprint that make it boilerplate
OUTLET_COMMON = 3  # ... among the articles of one outlet
MIN_SHARED_FINGERPRINTS = 2
MAX_CANDIDATES = 100  # most similar candidates compared per article
EXACT_BAND = -1
_SPAN_KEYS = ("first_start", "first_end", "first_text", "second_start", "second_end", "second_text")

_lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
BANDS, ROWS = _lsh.b, _lsh.r


def _low_bits(value: int | bytes) -> int:
    if isinstance(value, bytes):  # datasketch tries its hash function on bytes
        value = int.from_bytes(value[:8], "little")
    return value & 0xFFFFFFFF


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_low_bits)


@dataclass
class Stored:
    """One stored article as the step reads it."""

    key: int
    doc_id: str
    article: Article
    published: dt.date | None
    crawled: str | None
    outlet: str | None
    via: list[str]
    dateline_credit: str | None
    content_sha1: str

    @property
    def order(self) -> tuple[str, str, int]:
        """Earlier first: publication date, then crawl time, then storage order."""
        day = self.published.isoformat() if self.published else "9999"
        return day, self.crawled or "~", self.key


class CopiesStep:
    name = NAME
    version = VERSION
    requires: tuple[str, ...] = ()  # text only; timexes, entities, attributions when stored
    uses = ("sentences", "mentions", "timexes", "attributions")

    def process(self, connection: Connection, keys: Sequence[int]) -> list[str]:
        run = _Run(connection)
        notes = []
        for key in keys:
            document = run.load(key)
            if document is None:
                notes.append(f"document #{key} was deleted before it could be compared; skipped")
                continue
            run.add(document)
        run.recheck_common()
        return notes

    def forget(self, connection: Connection, keys: Sequence[int]) -> None:
        """Remove what the step kept of documents that are gone (their pairs went with them)."""
        if not keys:
            return
        fingerprints = t.copy_fingerprints
        held = connection.execute(
            select(fingerprints.c.hash).where(fingerprints.c.document_id.in_(keys))
        ).scalars()
        lowered = Counter(held)
        counts = t.copy_fingerprint_counts
        for value, times in lowered.items():
            connection.execute(
                update(counts)
                .where(counts.c.hash == value)
                .values(documents=counts.c.documents - times)
            )
        connection.execute(delete(counts).where(counts.c.documents <= 0))
        connection.execute(delete(fingerprints).where(fingerprints.c.document_id.in_(keys)))
        connection.execute(delete(t.copy_bands).where(t.copy_bands.c.document_id.in_(keys)))
        pairs = t.copy_pairs
        gone = or_(pairs.c.first_id.in_(keys), pairs.c.second_id.in_(keys))
        _delete_pairs(connection, select(pairs.c.id).where(gone))

    def reset(self, connection: Connection) -> None:
        for table in (
            t.copy_changes,
            t.copy_spans,
            t.copy_pairs,
            t.copy_fingerprint_counts,
            t.copy_fingerprints,
            t.copy_bands,
        ):
            connection.execute(delete(table))


def buckets(article: Article, content_sha1: str) -> list[tuple[int, int]]:
    """(band, bucket) rows of an article: its MinHash LSH bands and its content hash."""
    rows = [(EXACT_BAND, _hash64(content_sha1.encode()))]
    if not article.shingles:
        return rows
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashfunc=_low_bits,
        permutations=_TEMPLATE.permutations,
        scheme=_TEMPLATE.scheme,
    )
    minhash.update_batch(
        [value.to_bytes(8, "little", signed=True) for value in article.shingle_set]
    )
    values = minhash.hashvalues
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        rows.append((band, _hash64(band.to_bytes(2, "little") + chunk)))
    return rows


def _hash64(data: bytes) -> int:
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little", signed=True)


class _Run:
    """One batch of the step: the documents it has read and the fingerprints that became
    common meanwhile."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.cache: dict[int, Stored] = {}
        self.crossed: set[int] = set()  # fingerprints that reached COMMON
        self.crossed_outlet: set[tuple[int, str]] = set()

    def load(self, key: int) -> Stored | None:
        if key in self.cache:
            return self.cache[key]
        documents = tables.documents
        row = self.connection.execute(
            select(
                documents.c.id,
                documents.c.doc_id,
                documents.c.text,
                documents.c.published,
                documents.c.outlet,
                documents.c.meta,
                documents.c.content_sha1,
            ).where(documents.c.id == key)
        ).first()
        if row is None:
            return None
        meta = row.meta or {}
        stored = Stored(
            key=row.id,
            doc_id=row.doc_id,
            article=Article(row.text),
            published=row.published,
            crawled=(meta.get("source") or {}).get("crawled"),
            outlet=row.outlet,
            via=list(meta.get("via") or []),
            dateline_credit=meta.get("dateline_credit"),
            content_sha1=row.content_sha1,
        )
        if len(self.cache) > 2000:
            self.cache.clear()
        self.cache[key] = stored
        return stored

    def add(self, document: Stored) -> None:
        """Index one new document and compare it with its candidates."""
        rows = buckets(document.article, document.content_sha1)
        fingerprints = sorted(document.article.fingerprints)
        counts = self.counts(fingerprints)
        candidates = self._candidates(document, rows, fingerprints, counts)
        self._index(document, rows, fingerprints, counts)
        for other_key in candidates:
            other = self.load(other_key)
            if other is not None:
                self.compare_and_store(document, other)

    def _candidates(
        self,
        document: Stored,
        rows: list[tuple[int, int]],
        fingerprints: list[int],
        counts: dict[int, int],
    ) -> list[int]:
        bands = t.copy_bands
        hits: Counter[int] = Counter()
        for chunk in chunks([bucket for _band, bucket in rows]):
            for key in self.connection.execute(
                select(bands.c.document_id).where(bands.c.bucket.in_(chunk))
            ).scalars():
                hits[key] += 1000  # a shared band outranks any number of fingerprints
        rare = [value for value in fingerprints if counts.get(value, 0) < COMMON]
        shared: Counter[int] = Counter()
        fingerprint_table = t.copy_fingerprints
        for chunk in chunks(rare):
            for key in self.connection.execute(
                select(fingerprint_table.c.document_id).where(fingerprint_table.c.hash.in_(chunk))
            ).scalars():
                shared[key] += 1
        for key, number in shared.items():
            if number >= MIN_SHARED_FINGERPRINTS:
                hits[key] += number
        hits.pop(document.key, None)
        return [key for key, _ in hits.most_common(MAX_CANDIDATES)]

    def counts(self, fingerprints: Iterable[int]) -> dict[int, int]:
        counts = t.copy_fingerprint_counts
        found: dict[int, int] = {}
        for chunk in chunks(list(fingerprints)):
            for value, number in self.connection.execute(
                select(counts.c.hash, counts.c.documents).where(counts.c.hash.in_(chunk))
            ):
                found[value] = number
        return found

    def outlet_counts(self, fingerprints: Iterable[int], outlet: str) -> dict[int, int]:
        table = t.copy_fingerprints
        found: dict[int, int] = {}
        for chunk in chunks(list(fingerprints)):
            query = (
                select(table.c.hash, func.count())
                .where(table.c.hash.in_(chunk), table.c.outlet == outlet)
                .group_by(table.c.hash)
            )
            for value, number in self.connection.execute(query):
                found[value] = number
        return found

    def _index(
        self,
        document: Stored,
        rows: list[tuple[int, int]],
        fingerprints: list[int],
        before: dict[int, int],
    ) -> None:
        connection = self.connection
        connection.execute(
            insert(t.copy_bands),
            [{"document_id": document.key, "band": b, "bucket": bucket} for b, bucket in rows],
        )
        if not fingerprints:
            return
        connection.execute(
            insert(t.copy_fingerprints),
            [
                {"document_id": document.key, "hash": value, "outlet": document.outlet}
                for value in fingerprints
            ],
        )
        counts = t.copy_fingerprint_counts
        # New fingerprints in one multi-row insert, those seen before raised in one update.
        new = [v for v in fingerprints if v not in before]
        seen = [v for v in fingerprints if v in before]
        for chunk in chunks(new, 1000):
            connection.execute(
                insert(counts).values([{"hash": value, "documents": 1} for value in chunk])
            )
        for chunk in chunks(seen):
            connection.execute(
                update(counts)
                .where(counts.c.hash.in_(chunk))
                .values(documents=counts.c.documents + 1)
            )
        self.crossed.update(v for v in seen if before[v] + 1 == COMMON)
        if document.outlet:
            # Only a fingerprint already held by enough articles can be common to an outlet.
            rare = [v for v in seen if OUTLET_COMMON - 1 <= before[v] < COMMON - 1]
            for value, number in self.outlet_counts(rare, document.outlet).items():
                if number == OUTLET_COMMON:
                    self.crossed_outlet.add((value, document.outlet))

    def is_boilerplate(self, first: Stored, second: Stored) -> Any:
        """The boilerplate test `compare` asks of a passage of `first`."""
        same_outlet = first.outlet is not None and first.outlet == second.outlet
        own_name = _folded(first.outlet or "")

        def test(article: Article, start: int, words: int) -> bool:
            if same_outlet and len(own_name) >= 4:
                begin = article.words[start].start
                end_offset = article.words[min(start + words, len(article.words)) - 1].end
                if own_name in _folded(article.text[begin:end_offset]):
                    return True  # the outlet speaking of itself: a show, a bio, a plug
            shingles = article.shingles
            end = min(start + words, len(shingles))
            values = [v for v in shingles[start:end] if v % FINGERPRINT_EVERY == 0]
            if not values:
                return False
            counts = self.counts(values)
            common = {v for v in values if counts.get(v, 0) >= COMMON}
            if same_outlet and first.outlet:
                rest = [v for v in values if v not in common]
                by_outlet = self.outlet_counts(rest, first.outlet)
                common |= {v for v in rest if by_outlet.get(v, 0) >= OUTLET_COMMON}
            return sum(v in common for v in values) * 2 >= len(values)

        return test

    def compare_and_store(self, one: Stored, two: Stored) -> Comparison | None:
        first, second = sorted((one, two), key=lambda d: d.order)
        comparison = compare(first.article, second.article, self.is_boilerplate(first, second))
        _delete_pairs(self.connection, _pair_query(first.key, second.key))
        if comparison.relation is None:
            return comparison
        earlier_by = _earlier_by(first, second)
        credit_text = credit(first.outlet, second.via, second.dateline_credit, second.article.text)
        pair_id = self.connection.execute(
            insert(t.copy_pairs).returning(t.copy_pairs.c.id),
            {
                "first_id": first.key,
                "second_id": second.key,
                "relation": comparison.relation,
                "similarity": round(comparison.similarity, 4),
                "containment": round(comparison.containment, 4),
                "earlier": earlier_by is not None,
                "earlier_by": earlier_by,
                "credited": credit_text is not None,
                "credit": credit_text,
                "component": COMPONENT,
                "version": VERSION,
            },
        ).scalar_one()
        self._write_spans(pair_id, first, second, comparison)
        if comparison.relation == "near":
            self._write_changes(pair_id, first, second)
        return comparison

    def _write_spans(self, pair_id: int, first: Stored, second: Stored, found: Comparison) -> None:
        rows = []
        a, b = first.article.words, second.article.words
        for position, passage in enumerate(found.passages):
            if not a or not b:
                break
            rows.append(
                {
                    "pair_id": pair_id,
                    "position": position,
                    "first_start": a[passage.first_word].start,
                    "first_end": a[passage.first_word + passage.first_words - 1].end,
                    "second_start": b[passage.second_word].start,
                    "second_end": b[passage.second_word + passage.second_words - 1].end,
                    "words": passage.first_words,
                    "discounted": passage.discount,
                }
            )
        if rows:
            self.connection.execute(insert(t.copy_spans), rows)

    def _write_changes(self, pair_id: int, first: Stored, second: Stored) -> None:
        found = changes(
            first.article.text,
            second.article.text,
            read_layers(self.connection, first.key),
            read_layers(self.connection, second.key),
        )
        text_a, text_b = first.article.text, second.article.text
        rows = [
            {
                "pair_id": pair_id,
                "position": position,
                "kind": change.kind,
                "first_start": change.first[0] if change.first else None,
                "first_end": change.first[1] if change.first else None,
                "first_text": text_a[change.first[0] : change.first[1]] if change.first else None,
                "second_start": change.second[0] if change.second else None,
                "second_end": change.second[1] if change.second else None,
                "second_text": (
                    text_b[change.second[0] : change.second[1]] if change.second else None
                ),
                "detail": change.detail,
            }
            for position, change in enumerate(found)
        ]
        if first.via and not second.via and first.outlet != second.outlet:
            rows.append(
                {
                    "pair_id": pair_id,
                    "position": len(rows),
                    "kind": "credit_removed",
                    **dict.fromkeys(_SPAN_KEYS),
                    "detail": f"the earlier came via {', '.join(first.via)}; the later names none",
                }
            )
        if rows:
            self.connection.execute(insert(t.copy_changes), rows)

    def recheck_common(self) -> None:
        """Compare again the pairs of articles holding a fingerprint that became common: the
        passage it marks is boilerplate now, where it was reuse before."""
        fingerprints = t.copy_fingerprints
        groups: list[set[int]] = []
        for value in sorted(self.crossed):
            groups.append(
                set(
                    self.connection.execute(
                        select(fingerprints.c.document_id).where(fingerprints.c.hash == value)
                    ).scalars()
                )
            )
        for value, outlet in sorted(self.crossed_outlet):
            groups.append(
                set(
                    self.connection.execute(
                        select(fingerprints.c.document_id).where(
                            fingerprints.c.hash == value, fingerprints.c.outlet == outlet
                        )
                    ).scalars()
                )
            )
        pairs = t.copy_pairs
        seen: set[tuple[int, int]] = set()
        for group in groups:
            members = sorted(group)
            rows = self.connection.execute(
                select(pairs.c.first_id, pairs.c.second_id).where(
                    pairs.c.first_id.in_(members),
                    pairs.c.second_id.in_(members),
                    pairs.c.relation == "partial",
                )
            ).all()
            for first_key, second_key in rows:
                if (first_key, second_key) in seen:
                    continue
                seen.add((first_key, second_key))
                first, second = self.load(first_key), self.load(second_key)
                if first is not None and second is not None:
                    self.compare_and_store(first, second)
        self.crossed.clear()
        self.crossed_outlet.clear()


def read_layers(connection: Connection, key: int) -> Layers:
    """The layers of a stored document the change description reads."""
    sentences = tables.sentences
    timexes = tables.timexes
    mentions = tables.mentions
    attributions = tables.attributions
    layers = Layers()
    layers.sentences = [
        (row.start, row.end)
        for row in connection.execute(
            select(sentences.c.start, sentences.c.end).where(sentences.c.document_id == key)
        )
    ]
    layers.timexes = [
        (row.start, row.end, row.value)
        for row in connection.execute(
            select(timexes.c.start, timexes.c.end, timexes.c.value).where(
                timexes.c.document_id == key
            )
        )
    ]
    layers.names = [
        (row.start, row.end, row.text)
        for row in connection.execute(
            select(mentions.c.start, mentions.c.end, mentions.c.text, mentions.c.label).where(
                mentions.c.document_id == key
            )
        )
        if row.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
    ]
    layers.attributions = [
        Attribution(
            cue=(row.cue_start, row.cue_end),
            source=(row.source_start, row.source_end) if row.source_start is not None else None,
            source_text=row.source_text,
        )
        for row in connection.execute(
            select(
                attributions.c.cue_start,
                attributions.c.cue_end,
                attributions.c.source_start,
                attributions.c.source_end,
                attributions.c.source_text,
            ).where(
                attributions.c.document_id == key,
                attributions.c.cue_start.is_not(None),
                attributions.c.kind != "own_voice",
            )
        )
    ]
    return layers


def _folded(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _earlier_by(first: Stored, second: Stored) -> str | None:
    if first.published and second.published and first.published != second.published:
        return "published"
    same_day = first.published == second.published
    if same_day and first.crawled and second.crawled and first.crawled != second.crawled:
        return "crawled"
    return None


def _pair_query(first: int, second: int) -> Any:
    pairs = t.copy_pairs
    return select(pairs.c.id).where(
        or_(
            and_(pairs.c.first_id == first, pairs.c.second_id == second),
            and_(pairs.c.first_id == second, pairs.c.second_id == first),
        )
    )


def _delete_pairs(connection: Connection, ids: Any) -> None:
    found = list(connection.execute(ids).scalars())
    if not found:
        return
    # Children first: SQLite may run with foreign keys off when a user opens the file by hand.
    for table in (t.copy_changes, t.copy_spans):
        connection.execute(delete(table).where(table.c.pair_id.in_(found)))
    connection.execute(delete(t.copy_pairs).where(t.copy_pairs.c.id.in_(found)))
