"""Ingest: read plain text, HTML, JSONL and WARC into Documents with metadata."""

from newsgraph.ingest.document import Document, ReadOptions
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.sources import INPUT_FORMATS, InputFormat, read_inputs

__all__ = ["INPUT_FORMATS", "Document", "IngestError", "InputFormat", "ReadOptions", "read_inputs"]
