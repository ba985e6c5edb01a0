#!/usr/bin/env bash
# Set up, then analyse the bundled example articles: one JSON file per run in out/, and the
# same articles kept in a store (out/demo.db) that a query reads back.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/newsgraph analyze examples/articles/2023-11-20-sahel-menaka-ceasefire.txt -o out/sahel.json
.venv/bin/newsgraph analyze examples/ -o out/examples.jsonl
.venv/bin/newsgraph summarize out/sahel.json
.venv/bin/newsgraph ingest examples/ --db out/demo.db
.venv/bin/newsgraph quotes --db out/demo.db --by "Abu Yahya"
.venv/bin/newsgraph claims --db out/demo.db --update --flagged
