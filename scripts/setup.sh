#!/usr/bin/env bash
# Create .venv (once) and install newsgraph into it with the pinned versions from pyproject.toml.
# Usage: scripts/setup.sh [extra]   e.g. scripts/setup.sh dev
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
python_bin="${PYTHON:-python3.11}"
command -v "$python_bin" >/dev/null 2>&1 || python_bin=python3
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi
target="."
[ -n "$extra" ] && target=".[$extra]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"
