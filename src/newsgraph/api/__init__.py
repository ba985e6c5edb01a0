"""The HTTP API: the store's documents, entities, attributions, search, timeline, graph and
events as paginated JSON under /api/, and article submission for analysis.

`app.create_app` builds the FastAPI application from `settings.ServeSettings`; each resource
has its own router module in `routes/`, so that new views (copies, stories, claims) are added
as routers without touching the others. The web pages are registered by `app._include_pages`.
"""
