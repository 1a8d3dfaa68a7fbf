"""`eventcoder explore`: a local, read-only web explorer over coded events.

app (pages and JSON twins), queries (filters and the SQL behind them, over the store's
views in eventcoder.analysis.store), evidence (the highlighted sentence), server (binding
and uvicorn). Needs the `web` extra: starlette, uvicorn, jinja2.
"""
