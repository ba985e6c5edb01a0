"""One router per resource; `ROUTERS` is what the application mounts under /api."""

from __future__ import annotations

from fastapi import APIRouter

from newsgraph.api.routes import documents

ROUTERS: list[APIRouter] = [documents.router]
