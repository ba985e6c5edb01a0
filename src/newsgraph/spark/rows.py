"""An Analysis as rows of the exported tables, and back: the store's conversion, reused.

The rows of a document are made by the store's converter (`store.convert.analysis_rows`) and
shaped into the export's columns by the export reader's own helpers, so that a table written
by the Spark job and one written by `newsgraph export` hold the same values in the same
columns. Reading back undoes the export's shaping (local ids of parents back to ordinals, the
geo columns back to one object) and hands the rows to `store.convert.analysis_from_rows`,
which goes through the pydantic model.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from newsgraph.export.reader import _PARENTS, _document, _flatten_geo, _shape
from newsgraph.model import Analysis
from newsgraph.store.convert import LAYER_TABLES, analysis_from_rows, analysis_rows, document_row

Row = dict[str, Any]

# Every per-document table of the export, documents first (corpus tables excluded).
EXPORT_TABLES: tuple[str, ...] = ("documents", *LAYER_TABLES)
_GEO_COLUMNS = ("geonames_id", "latitude", "longitude", "country_code")


def export_rows(analysis: Analysis, stored_at: dt.datetime) -> dict[str, list[Row]]:
    """Rows of every per-document table for one analysis, as `newsgraph export` writes them;
    `stored_at` (UTC) stands for the time the store would have written the document."""
    document = _document({**document_row(analysis), "stored_at": stored_at})
    rows: dict[str, list[Row]] = {"documents": [_shape("documents", document)]}
    layers = analysis_rows(analysis)
    local_ids = {
        parent: {row["ordinal"]: row["local_id"] for row in layers.get(parent, [])}
        for parent in ("entities", "attributions", "events")
    }
    for name in LAYER_TABLES:
        shaped = []
        for row in layers.get(name, []):
            row = {**row, "doc_id": analysis.id}
            if name in _PARENTS:
                column, parent_table = _PARENTS[name]
                row[column] = local_ids[parent_table][row[f"{column}_ordinal"]]
            if name == "entities":
                _flatten_geo(row)
            shaped.append(_shape(name, row))
        rows[name] = shaped
    return rows


def analysis_from_export(
    document: Mapping[str, Any], rows: Mapping[str, Sequence[Mapping[str, Any]]]
) -> Analysis:
    """The Analysis that a `documents` row and its rows in the other tables describe (rows of
    other documents must not be among them). ValueError or pydantic's ValidationError when
    the rows do not make a valid Analysis."""
    meta = document["meta"]
    stored_document = {**document, "meta": json.loads(meta) if isinstance(meta, str) else meta}
    ordinals = {
        parent: {row["local_id"]: row["ordinal"] for row in rows.get(parent, [])}
        for parent in ("entities", "attributions", "events")
    }
    stored: dict[str, list[Mapping[str, Any]]] = {}
    for name in LAYER_TABLES:
        converted: list[Mapping[str, Any]] = []
        for row in rows.get(name, []):
            if name in _PARENTS:
                column, parent_table = _PARENTS[name]
                parent = row[column]
                if parent not in ordinals[parent_table]:
                    raise ValueError(f"{name} row names {column} {parent!r}, which is not there")
                row = {**row, f"{column}_ordinal": ordinals[parent_table][parent]}
            if name == "entities":
                geo = {column: row[column] for column in _GEO_COLUMNS}
                row = {**row, "geo": geo if any(v is not None for v in geo.values()) else None}
            converted.append(row)
        stored[name] = converted
    return analysis_from_rows(stored_document, stored)
