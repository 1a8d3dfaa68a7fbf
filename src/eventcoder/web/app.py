"""The explorer's web app: HTML pages and their JSON twins over one read-only event store.

Every page answers at PATH (HTML) and PATH.json (the data the page shows); the HTML is
rendered by Jinja2 with autoescaping, so text from the records is always shown as text.
The Content-Security-Policy allows only this server as a source; Vega needs 'unsafe-eval'
for its expression language and injects a style element ('unsafe-inline' styles).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from eventcoder.errors import QueryError
from eventcoder.web import queries
from eventcoder.web.evidence import evidence_pieces
from eventcoder.web.shapes import nested_record

WEB_DIRECTORY = Path(__file__).parent
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self' 'unsafe-eval'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
RECORD_FIELDS = ("id", "story_id", "event", "mode", "aux", "date", "date_source", "pub_date", "quad_code",
                 "score", "confidence", "context", "event_text", "dead", "injured", "arrested", "size",
                 "coder_version")


def parties(entities: list[dict] | None) -> str:
    """"Maria Zakharova (RUS/GOV), Japan (JPN)" for a list of entities."""
    shown = []
    for entity in entities or []:
        codes = "/".join(code for code in (entity.get("country"), entity.get("sector")) if code)
        label = entity.get("name") or entity.get("text") or ""
        shown.append(f"{label} ({codes})" if codes else label)
    return ", ".join(shown) or "-"


class SecurityHeaders:
    """ASGI middleware: every response, static files included, carries SECURITY_HEADERS."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(WEB_DIRECTORY / "templates"),
                                     autoescape=True, undefined=jinja2.StrictUndefined)
    environment.filters["parties"] = parties
    environment.filters["urlencode_path"] = lambda value: quote(str(value), safe="")
    return Jinja2Templates(env=environment)


class Explorer:
    """The request handlers, holding the store and the page templates."""

    def __init__(self, store: queries.EventQueries):
        self.store = store
        self.templates = _templates()

    # ------------------------------------------------------------ answering

    def _answer(self, request: Request, template: str, data: dict[str, Any], context: dict[str, Any]) -> Response:
        """The page as JSON for PATH.json, else as HTML."""
        if _as_json(request):
            return JSONResponse(data)
        page = {**self._frame(request), "options": self.store.filter_options(), **data, **context}
        return self.templates.TemplateResponse(request, template, page)

    def _frame(self, request: Request) -> dict[str, Any]:
        """What base.html needs on every page."""
        return {"request": request, "page": request.url.path, "twin_url": self._twin_url(request),
                "source_name": self.store.source_name, "event_count": self.store.event_count}

    @staticmethod
    def _twin_url(request: Request) -> str:
        query = f"?{request.url.query}" if request.url.query else ""
        return f"{request.url.path}.json{query}"

    def problem(self, request: Request, status: int, title: str, message: str) -> Response:
        if _as_json(request) or request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        page = {**self._frame(request), "status": status, "title": title, "message": message}
        return self.templates.TemplateResponse(request, "problem.html", page, status_code=status)

    # ------------------------------------------------------------ pages

    def events(self, request: Request) -> Response:
        selection = queries.parse_filters(request.query_params)
        limit, offset = queries.parse_page(request.query_params)
        data = self.store.list_events(selection, limit, offset)
        context = {"form": selection, "intervals": (), "rows": [nested_record(event) for event in data["events"]],
                   "previous_url": self._page_url(request, offset - limit) if offset > 0 else None,
                   "next_url": self._page_url(request, offset + limit) if offset + limit < data["total"] else None}
        return self._answer(request, "events.html", data, context)

    @staticmethod
    def _page_url(request: Request, offset: int) -> str:
        params = {**request.query_params, "offset": str(max(offset, 0))}
        return f"{request.url.path}?{urlencode(params)}"

    def event(self, request: Request) -> Response:
        event_id = request.path_params["event_id"]
        record = self.store.event_by_id(event_id)
        if record is None and event_id.endswith(".json"):
            event_id = event_id.removesuffix(".json")
            record = self.store.event_by_id(event_id)
            request.state.as_json = True
        if record is None:
            return self.problem(request, 404, "No such event", f"No event has the id {event_id!r}.")
        if _as_json(request):
            return JSONResponse(record)
        record = nested_record(record)
        context = {"event": record, "segments": evidence_pieces(record.get("evidence") or {}),
                   "fields": _record_fields(record), "source_url": _source_url(record),
                   "story_url": f"/events?{urlencode({'story_id': record.get('story_id') or ''})}"}
        return self._answer(request, "event.html", {}, context)

    def dyads(self, request: Request) -> Response:
        selection = queries.parse_filters(request.query_params)
        return self._answer(request, "dyads.html", self.store.dyad_series(selection),
                            {"form": selection, "intervals": queries.INTERVALS, "shown_limit": queries.TOP_DYADS})

    def map(self, request: Request) -> Response:
        selection = queries.parse_filters(request.query_params)
        return self._answer(request, "map.html", self.store.located_places(selection), {"form": selection})

    def matrix(self, request: Request) -> Response:
        selection = queries.parse_filters(request.query_params)
        return self._answer(request, "matrix.html", self.store.country_matrix(selection),
                            {"form": selection, "shown_limit": queries.TOP_COUNTRIES})

    def api_events(self, request: Request) -> Response:
        selection = queries.parse_filters(request.query_params)
        limit, offset = queries.parse_page(request.query_params)
        return JSONResponse(self.store.list_events(selection, limit, offset))


def _record_fields(record: dict[str, Any]) -> list[tuple[str, str]]:
    """The scalar fields of a record, and the nested ones it is useful to read at a glance."""
    fields = [(name, _shown(record.get(name))) for name in RECORD_FIELDS if name in record]
    attributed = record.get("attributed_to") or {}
    location = record.get("location") or {}
    fields.append(("attributed_to", attributed.get("text") or "-"))
    fields.append(("location", ", ".join(str(location[key]) for key in ("name", "admin1", "country", "lat", "lon")
                                         if location.get(key) not in (None, "")) or "-"))
    return fields


def _shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "-"
    return str(value)


def _source_url(record: dict[str, Any]) -> str | None:
    """A record's own web address, if its file carries one (http and https only: no javascript:)."""
    url = record.get("url") or record.get("source_url") or ""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def _as_json(request: Request) -> bool:
    return getattr(request.state, "as_json", False)


def _guard(explorer: Explorer, handler, as_json: bool = False):
    """Bad query parameters become a 400 with the reason, in the page's own format."""

    def endpoint(request: Request) -> Response:
        request.state.as_json = as_json
        try:
            return handler(request)
        except QueryError as error:
            return explorer.problem(request, 400, "Bad request", str(error))

    return endpoint


def _routes(explorer: Explorer) -> list:
    pages = {"/events": explorer.events, "/dyads": explorer.dyads, "/map": explorer.map, "/matrix": explorer.matrix}
    routes = [Route("/", lambda request: RedirectResponse("/events", status_code=302))]
    for path, handler in pages.items():
        routes.append(Route(path, _guard(explorer, handler)))
        routes.append(Route(path + ".json", _guard(explorer, handler, as_json=True)))
    routes.append(Route("/events/{event_id:path}", _guard(explorer, explorer.event)))
    routes.append(Route("/api/events", _guard(explorer, explorer.api_events, as_json=True)))
    routes.append(Mount("/static", StaticFiles(directory=WEB_DIRECTORY / "static"), name="static"))
    return routes


def create_app(events_path: str | Path) -> Starlette:
    """The explorer over one events file (any format `eventcoder code` writes), read-only."""
    explorer = Explorer(queries.EventQueries.open(events_path))
    app = Starlette(routes=_routes(explorer), middleware=[Middleware(SecurityHeaders)])
    app.state.explorer = explorer
    return app
