"""GraphML and PROV-O JSON-LD exports, read back by networkx and rdflib."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from newsgraph.export import export_store
from newsgraph.export.jsonld import NG, copy_iri, document_iri, entity_iri, statement_iri
from tests.export.conftest import StoreFacts

# rdflib's own JSON-LD parser still builds on its deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

PROV = Namespace("http://www.w3.org/ns/prov#")
VOCAB = Namespace(NG)
KARTLI = "2023-02-21-kartli-pipeline-dispute"


def _speakers(facts: StoreFacts) -> dict[tuple[str, str], dict[str, object]]:
    """(doc_id, attribution id) -> the corpus entity of its source, for linked sources."""
    doc_ids = {row["id"]: row["doc_id"] for row in facts.rows("documents")}
    corpus = {row["id"]: row for row in facts.rows("corpus_entities")}
    entity_ids = {
        (row["document_id"], row["ordinal"]): row["local_id"] for row in facts.rows("entities")
    }
    linked = {
        (link["document_id"], entity_ids[link["document_id"], link["entity_ordinal"]]): corpus[
            link["corpus_entity_id"]
        ]
        for link in facts.rows("entity_links")
    }
    return {
        (doc_ids[row["document_id"]], row["local_id"]): linked[
            row["document_id"], row["source_entity"]
        ]
        for row in facts.rows("attributions")
        if (row["document_id"], row["source_entity"]) in linked
    }


def test_graphml_opens_in_networkx_with_every_statement(
    facts: StoreFacts, filled_store: str, tmp_path: Path
) -> None:
    out = tmp_path / "graph.graphml"
    counts = export_store(filled_store, "graphml", out, batch_size=2)
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == counts["nodes"]
    nodes = Counter(data["type"] for _, data in graph.nodes(data=True))
    edges = Counter(data["type"] for _, _, data in graph.edges(data=True))
    assert nodes["statement"] == facts.count("attributions") == edges["in_document"]
    assert nodes["document"] == facts.count("documents")
    assert nodes["entity"] == facts.count("corpus_entities")
    assert edges["via"] == facts.count("relays")
    assert edges["published_by"] == 1  # only the handmade document names its outlet
    assert edges["mentions"] == facts.count("entity_links")  # one entity a thing per document
    texts = facts.texts()
    for source, target, data in graph.edges(data=True):
        if "start" in data and "text" in data:
            assert texts[data["doc_id"]][data["start"] : data["end"]] == data["text"]
        assert graph.nodes[source] and graph.nodes[target]  # no edge to an undeclared node
    speakers = _speakers(facts)
    said = [(s, t) for s, t, d in graph.edges(data=True) if d["type"] == "said"]
    from_entities = [(s, t) for s, t in said if graph.nodes[s]["type"] == "entity"]
    assert len(from_entities) == len(speakers)
    for source, target in from_entities:
        statement = graph.nodes[target]
        assert (
            speakers[statement["doc_id"], statement["local_id"]]["key"]
            == graph.nodes[source]["key"]
        )


def test_a_known_speaker_said_statements_found_at_their_offsets(
    filled_store: str, tmp_path: Path
) -> None:
    out = tmp_path / "graph.graphml"
    export_store(filled_store, "graphml", out)
    graph = nx.read_graphml(out)
    from newsgraph.store.documents import read_analysis
    from newsgraph.store.engine import connect

    engine = connect(filled_store)
    with engine.connect() as connection:
        analysis = read_analysis(connection, KARTLI)
    engine.dispose()
    assert analysis is not None
    [speaker] = [
        node
        for node, data in graph.nodes(data=True)
        if data["type"] == "entity" and "Kvinikadze" in data["label"]
    ]
    statements = [t for _, t, d in graph.out_edges(speaker, data=True) if d["type"] == "said"]
    assert len(statements) >= 3
    by_id = {a.id: a for a in analysis.attributions}
    quoted = []
    for node in statements:
        data = graph.nodes[node]
        attribution = by_id[data["local_id"]]
        assert data["doc_id"] == KARTLI
        assert data["kind"] == attribution.kind and data["stance"] == attribution.stance
        pieces = [analysis.text[p.start : p.end] for p in attribution.content]
        assert data["text"] == " … ".join(pieces)
        assert analysis.text[data["start"] : data["end"]].startswith(pieces[0])
        if attribution.cue is not None:  # a follow-on quote may have no cue of its own
            assert analysis.text[data["cue_start"] : data["cue_end"]] == data["cue"]
        quoted.append(data["text"])
    assert any("We are not against this pipeline" in text for text in quoted)


def _jsonld(filled_store: str, tmp_path: Path) -> Graph:
    out = tmp_path / "graph.jsonld"
    export_store(filled_store, "jsonld", out, batch_size=2)
    return Graph().parse(out, format="json-ld")


def test_jsonld_statements_are_attributed_to_their_speakers(
    facts: StoreFacts, filled_store: str, tmp_path: Path
) -> None:
    graph = _jsonld(filled_store, tmp_path)
    statements = set(graph.subjects(RDF.type, VOCAB.Statement))
    assert len(statements) == facts.count("attributions")
    assert all((s, RDF.type, PROV.Entity) in graph for s in statements)
    speakers = _speakers(facts)
    assert len(speakers) > 50
    for (doc_id, local_id), corpus_entity in speakers.items():
        statement = URIRef(statement_iri(doc_id, local_id))
        agent = URIRef(entity_iri(str(corpus_entity["key"])))
        assert set(graph.objects(statement, PROV.wasAttributedTo)) == {agent}
        assert (agent, RDF.type, PROV.Agent) in graph
        assert (statement, PROV.wasDerivedFrom, URIRef(document_iri(doc_id))) in graph
    texts = facts.texts()
    for node in statements:
        doc_id = str(graph.value(node, VOCAB.docId))
        head = graph.value(node, VOCAB.content)
        assert head is not None
        spans = Collection(graph, head)
        assert len(spans) >= 1
        for span in spans:
            start, end = graph.value(span, VOCAB.start), graph.value(span, VOCAB.end)
            assert isinstance(start, Literal) and isinstance(end, Literal)
            assert texts[doc_id][start.toPython() : end.toPython()] == str(
                graph.value(span, VOCAB.text)
            )
        assert graph.value(node, VOCAB.kind) is not None
        assert graph.value(node, VOCAB.stance) is not None


def test_jsonld_nesting_relays_and_unnamed_sources(filled_store: str, tmp_path: Path) -> None:
    graph = _jsonld(filled_store, tmp_path)
    outer, inner = (URIRef(statement_iri("handmade/1", a)) for a in ("a1", "a2"))
    assert (inner, PROV.wasDerivedFrom, outer) in graph
    assert str(graph.value(inner, VOCAB.date)) == "2025-11-03"
    assert str(graph.value(inner, VOCAB.dateSource)) == "timex"
    assert str(graph.value(inner, VOCAB.cue)) == "said"
    assert set(graph.objects(inner, VOCAB.about)) == {URIRef(entity_iri("place:kesh"))}
    document = URIRef(document_iri("handmade/1"))
    first, second = URIRef(copy_iri("handmade/1", 0)), URIRef(copy_iri("handmade/1", 1))
    assert (document, PROV.wasDerivedFrom, first) in graph
    assert (first, PROV.wasDerivedFrom, second) in graph
    outlets = {
        node: str(graph.value(graph.value(node, PROV.wasAttributedTo), VOCAB.name))
        for node in (document, first, second)
    }
    assert outlets == {document: "Delta Post", first: "Kesh Wire", second: "Reuters"}
    assert (graph.value(document, PROV.wasAttributedTo), RDF.type, PROV.Organization) in graph
    # A source the entities stage did not name is a blank agent holding its description.
    unnamed = [
        agent
        for agent in graph.objects(None, PROV.wasAttributedTo)
        if not isinstance(agent, URIRef)
    ]
    assert unnamed
    assert all((agent, RDF.type, PROV.Agent) in graph for agent in unnamed)


@pytest.mark.parametrize("format", ["graphml", "jsonld"])
def test_an_empty_store_exports_an_empty_graph(
    empty_store: str, tmp_path: Path, format: str
) -> None:
    out = tmp_path / f"empty.{format}"
    export_store(empty_store, format, out)  # type: ignore[arg-type]
    if format == "graphml":
        assert nx.read_graphml(out).number_of_nodes() == 0
    else:
        assert len(Graph().parse(out, format="json-ld")) == 0
