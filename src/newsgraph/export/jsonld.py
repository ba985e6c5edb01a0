"""JSON-LD in W3C PROV-O terms: who a statement is attributed to, and what it derives from.

- A statement (an attribution) is a `prov:Entity` (also `ng:Statement`) that
  `prov:wasAttributedTo` its source: the `prov:Agent` of the speaker's corpus entity (also a
  `prov:Person` or `prov:Organization` by kind), the outlet's `prov:Organization` for the
  outlet's own voice, else a blank `prov:Agent` that holds the unnamed source's words
  (`ng:description`, `ng:sourceText`). It `prov:wasDerivedFrom` its document, and from the
  statement it is nested in (also `ng:parent`). It carries `ng:kind`, `ng:stance`, `ng:cue`
  (with `ng:cueStart`, `ng:cueEnd`, `ng:cueLemma`), where the source is named (`ng:sourceText`,
  `ng:sourceStart`, `ng:sourceEnd`), `ng:date` (the dating expression's
  ISO-TimeML value, else the publication date, with `ng:dateSource`), its content as
  `ng:content` spans (`ng:start`, `ng:end`, `ng:text`, in order) and `ng:about` the corpus
  entities mentioned inside it.
- A document is a `prov:Entity` (also `ng:Document`) that `prov:wasAttributedTo` its outlet,
  when known, with `dcterms:title`, `ng:published` and `ng:docId`.
- A relay chain (`via`, nearest first) is a chain of copies: the copy the publishing site took
  the text from is a `prov:Entity` `prov:wasAttributedTo` the first relay outlet, the document
  `prov:wasDerivedFrom` that copy, and each copy `prov:wasDerivedFrom` the next relay's copy.
  A copy is named `urn:newsgraph:copy:DOC/POSITION` and has `ng:position`.

Names: `urn:newsgraph:document:DOC`, `urn:newsgraph:statement:DOC/ID`,
`urn:newsgraph:entity:KEY` (the corpus entity's key), `urn:newsgraph:outlet:NAME`, each part
percent-encoded. The vocabulary for what PROV-O lacks is `ng:` = `urn:newsgraph:ns:`.
The file is written as it is read: one JSON object of `@graph` a line, a batch at a time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from newsgraph.export.graph import DocumentView, Place, Statement, documents
from newsgraph.export.reader import StoreReader

PROV = "http://www.w3.org/ns/prov#"
NG = "urn:newsgraph:ns:"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"

CONTEXT: dict[str, Any] = {
    "prov": PROV,
    "ng": NG,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "prov:wasAttributedTo": {"@type": "@id"},
    "prov:wasDerivedFrom": {"@type": "@id"},
    "ng:parent": {"@type": "@id"},
    "ng:about": {"@type": "@id"},
    "ng:content": {"@container": "@list"},
    "ng:published": {"@type": "xsd:date"},
    "ng:start": {"@type": "xsd:integer"},
    "ng:end": {"@type": "xsd:integer"},
    "ng:cueStart": {"@type": "xsd:integer"},
    "ng:cueEnd": {"@type": "xsd:integer"},
    "ng:sourceStart": {"@type": "xsd:integer"},
    "ng:sourceEnd": {"@type": "xsd:integer"},
    "ng:position": {"@type": "xsd:integer"},
    "ng:latitude": {"@type": "xsd:double"},
    "ng:longitude": {"@type": "xsd:double"},
}

_AGENT_TYPES = {"person": "prov:Person", "organization": "prov:Organization"}
OWN_VOICE = "own_voice"


def _name(kind: str, *parts: str) -> str:
    return f"urn:newsgraph:{kind}:" + "/".join(quote(part, safe="") for part in parts)


def document_iri(doc_id: str) -> str:
    return _name("document", doc_id)


def statement_iri(doc_id: str, local_id: str) -> str:
    return _name("statement", doc_id, local_id)


def entity_iri(key: str) -> str:
    return _name("entity", key)


def outlet_iri(name: str) -> str:
    return _name("outlet", name)


def copy_iri(doc_id: str, position: int) -> str:
    return _name("copy", doc_id, str(position))


def _compact(node: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in node.items() if value is not None and value != []}


class _Writer:
    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.first = True
        self.outlets: set[str] = set()
        self.entity_keys: dict[int, str] = {}
        self.nodes = 0

    def emit(self, node: dict[str, Any]) -> None:
        self.handle.write(("" if self.first else ",\n") + json.dumps(_compact(node)))
        self.first = False
        self.nodes += 1

    def outlet(self, name: str) -> str:
        iri = outlet_iri(name)
        if name not in self.outlets:
            self.outlets.add(name)
            self.emit({"@id": iri, "@type": ["prov:Agent", "prov:Organization"], "ng:name": name})
        return iri

    def entity(self, row: dict[str, Any]) -> None:
        self.entity_keys[row["corpus_entity_id"]] = row["key"]
        kinds = [
            "prov:Agent",
            *([_AGENT_TYPES[row["kind"]]] if row["kind"] in _AGENT_TYPES else []),
        ]
        self.emit(
            {
                "@id": entity_iri(row["key"]),
                "@type": kinds,
                "ng:name": row["name"],
                "ng:entityKind": row["kind"],
                "ng:key": row["key"],
                "ng:latitude": row["latitude"],
                "ng:longitude": row["longitude"],
                "ng:countryCode": row["country_code"],
            }
        )

    def entity_ref(self, corpus_entity_id: int) -> str:
        return entity_iri(self.entity_keys[corpus_entity_id])

    def document(self, view: DocumentView) -> None:
        row, doc_id = view.row, view.doc_id
        published = row["published"]
        derived = copy_iri(doc_id, 0) if view.relays else None
        self.emit(
            {
                "@id": document_iri(doc_id),
                "@type": ["prov:Entity", "ng:Document"],
                "ng:docId": doc_id,
                "dcterms:title": row["title"],
                "ng:url": row["url"],
                "ng:published": published.isoformat() if published else None,
                "prov:wasAttributedTo": self.outlet(row["outlet"]) if row["outlet"] else None,
                "prov:wasDerivedFrom": derived,
            }
        )
        for position, relay in enumerate(view.relays):
            further = position + 1 < len(view.relays)
            self.emit(
                {
                    "@id": copy_iri(doc_id, position),
                    "@type": ["prov:Entity", "ng:RelayCopy"],
                    "ng:docId": doc_id,
                    "ng:position": position,
                    "prov:wasAttributedTo": self.outlet(relay),
                    "prov:wasDerivedFrom": copy_iri(doc_id, position + 1) if further else None,
                }
            )
        for statement in view.statements:
            self.statement(view, statement)

    def statement(self, view: DocumentView, statement: Statement) -> None:
        doc_id = view.doc_id
        cue, source = statement.cue, statement.source
        parent = statement_iri(doc_id, statement.parent) if statement.parent else None
        published = view.row["published"]
        if statement.date is not None:
            date, date_source = statement.date, "timex"
        elif published is not None:
            date, date_source = published.isoformat(), "publication"
        else:
            date, date_source = None, None
        self.emit(
            {
                "@id": statement_iri(doc_id, statement.local_id),
                "@type": ["prov:Entity", "ng:Statement"],
                "ng:docId": doc_id,
                "ng:localId": statement.local_id,
                "prov:wasAttributedTo": self._source(statement),
                "prov:wasDerivedFrom": [document_iri(doc_id), *([parent] if parent else [])],
                "ng:parent": parent,
                "ng:kind": statement.kind,
                "ng:stance": statement.stance,
                "ng:cue": cue.text if cue else None,
                "ng:cueStart": cue.start if cue else None,
                "ng:cueEnd": cue.end if cue else None,
                "ng:cueLemma": statement.cue_lemma,
                "ng:sourceText": source.text if source else None,
                "ng:sourceStart": source.start if source else None,
                "ng:sourceEnd": source.end if source else None,
                "ng:channel": statement.channel,
                "ng:date": date,
                "ng:dateSource": date_source,
                "ng:start": statement.start,
                "ng:end": statement.end,
                "ng:text": statement.text,
                "ng:content": [_span(piece) for piece in statement.content],
                "ng:about": [self.entity_ref(use.corpus_entity_id) for use in statement.about],
            }
        )

    def _source(self, statement: Statement) -> Any:
        if statement.speaker is not None:
            return self.entity_ref(statement.speaker)
        if statement.kind == OWN_VOICE and statement.source_description:
            return self.outlet(statement.source_description)
        source = statement.source
        # An unnamed source: an agent known only by the words that describe it.
        return _compact(
            {
                "@type": "prov:Agent",
                "ng:description": statement.source_description,
                "ng:sourceText": source.text if source else None,
                "ng:sourceStart": source.start if source else None,
                "ng:sourceEnd": source.end if source else None,
            }
        )


def _span(place: Place) -> dict[str, Any]:
    return {
        "@type": "ng:TextSpan",
        "ng:start": place.start,
        "ng:end": place.end,
        "ng:text": place.text,
    }


def write_jsonld(reader: StoreReader, path: Path) -> dict[str, int]:
    """Write the PROV-O graph to `path`; returns the number of top-level nodes."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"@context": ' + json.dumps(CONTEXT, indent=1) + ',\n"@graph": [\n')
        writer = _Writer(handle)
        for chunk in reader.corpus_entities():
            for row in chunk:
                writer.entity(row)
        for batch in reader.batches():
            for view in documents(batch):
                writer.document(view)
        handle.write("\n]}\n")
    return {"nodes": writer.nodes}
