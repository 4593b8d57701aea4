"""/api/v1: read-only JSON over public data, with CORS, ETags and JSON errors."""

import json

from flask import Blueprint, current_app, request, url_for
from sqlalchemy import select
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound
from werkzeug.routing import BaseConverter

from storyhub.api import serializers as out
from storyhub.api.errors import ApiError, json_error
from storyhub.api.media import story_media
from storyhub.api.openapi import openapi_document
from storyhub.api.pagination import (
    COUNTRY,
    MAX_ID,
    SLUG,
    anchored_paginate,
    int_arg,
    keyset_paginate,
    paginate,
    pattern_arg,
)
from storyhub.api.queries import (
    EXCHANGE_OPTIONS,
    STORY_OPTIONS,
    exchanges_query,
    public_story_ids,
    rounds_query,
    stories_query,
    territories_query,
)
from storyhub.core.http import cacheable
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.exchanges.models import Exchange, Round, Theme
from storyhub.extensions import csrf, db
from storyhub.public.queries import StoryFilters, translations_by_story
from storyhub.stories.models import Story
from storyhub.territories.models import Territory

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Read-only, no cookie-based action: a write reaches the JSON 405 below, not the CSRF page.
csrf.exempt(bp)


class ApiIdConverter(BaseConverter):
    """An id of at most 10 digits; longer ones fall through to the JSON 404 of `unknown`."""

    regex = r"[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


bp.record_once(lambda state: state.app.url_map.converters.setdefault("api_id", ApiIdConverter))
MAX_AGE = 0  # items carry people's words: checked before each use (no-cache)
READ_METHODS = ("GET", "HEAD", "OPTIONS")
OTHER_METHODS = ["POST", "PUT", "PATCH", "DELETE", "TRACE"]


def _json(payload: dict):
    """A cacheable JSON response (ETag from the body, 304 on If-None-Match)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return cacheable(body, "application/json", MAX_AGE)


def _check_id(value: int) -> int:
    """404 for an id no row can have (beyond a 32-bit integer)."""
    if not 1 <= value <= MAX_ID:
        raise NotFound()
    return value


def _one(stmt):
    found = db.session.scalars(stmt).unique().first()
    if found is None:
        raise NotFound()
    return found


@bp.after_request
def open_to_every_origin(response):
    """CORS: any site may read the public API (GET, and the preflight of conditional GETs)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Cache-Control"
    if request.method == "OPTIONS":
        response.headers["Allow"] = ", ".join(READ_METHODS)
        response.headers["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, Accept, Accept-Language"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Every refusal inside /api/v1 is JSON."""
    message = error.description if isinstance(error, ApiError) else None
    headers = {"Allow": ", ".join(READ_METHODS)} if error.code == 405 else None
    return json_error(error.code or 500, message, headers)


@bp.errorhandler(InternalServerError)
def server_error(error):
    """An unexpected failure is JSON too, and leaves the session clean."""
    db.session.rollback()
    current_app.logger.exception("API error", exc_info=getattr(error, "original_exception", None))
    return json_error(500)


@bp.route("/<path:anything>", methods=["GET", *OTHER_METHODS])
@bp.route("/", methods=OTHER_METHODS, endpoint="root_write")
def unknown(anything: str = ""):
    """Unknown addresses answer 404, writes to known ones 405, both in JSON."""
    if request.method != "GET" and _readable(request.path):
        return json_error(405, headers={"Allow": ", ".join(READ_METHODS)})
    return json_error(404)


def _readable(path: str) -> bool:
    """True when a GET route of the API (other than this catch-all) serves path."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        endpoint, _ = adapter.match(path, method="GET")
    except HTTPException:
        return False
    return endpoint != "api.unknown"


@bp.route("/")
def index():
    """Where everything is."""
    links = {
        name: url_for(f"api.{name}", _external=True)
        for name in ("territories", "themes", "exchanges", "rounds", "stories")
    }
    return _json({"data": {"openapi": url_for("api.openapi", _external=True), **links}})


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API."""
    return _json(openapi_document())


@bp.route("/themes")
def themes():
    """Every curated theme."""
    page = paginate(select(Theme), (Theme.slug,))
    return _json(page.envelope([out.theme(t) for t in page.items]))


@bp.route("/territories")
def territories():
    """Territories with a group in a public exchange."""
    country = pattern_arg("country", COUNTRY)
    page = paginate(territories_query(country), (Territory.name, Territory.id))
    return _json(page.envelope([out.territory(t) for t in page.items]))


@bp.route("/territories/<api_id:territory_id>")
def territory_detail(territory_id: int):
    """One territory (404 unless it takes part in a public exchange)."""
    found = _one(territories_query().where(Territory.id == _check_id(territory_id)))
    return _json({"data": out.territory(found)})


@bp.route("/exchanges")
def exchanges():
    """Public exchanges, newest first, by theme, country or territory."""
    stmt = exchanges_query(
        theme=pattern_arg("theme", SLUG),
        country=pattern_arg("country", COUNTRY),
        territory=pattern_arg("territory", SLUG),
    )
    page = paginate(stmt, (Exchange.created_at.desc(), Exchange.id.desc()), EXCHANGE_OPTIONS)
    return _json(page.envelope([out.exchange(e) for e in page.items]))


@bp.route("/exchanges/<api_id:exchange_id>")
def exchange_detail(exchange_id: int):
    """One public exchange."""
    found = _one(
        exchanges_query().where(Exchange.id == _check_id(exchange_id)).options(*EXCHANGE_OPTIONS)
    )
    return _json({"data": out.exchange(found)})


@bp.route("/rounds")
def rounds():
    """Rounds of public exchanges, in order, optionally of one exchange."""
    stmt = rounds_query(int_arg("exchange"))
    page = paginate(stmt, (Round.exchange_id, Round.opens_on, Round.id))
    return _json(page.envelope([out.round_(r) for r in page.items]))


@bp.route("/rounds/<api_id:round_id>")
def round_detail(round_id: int):
    """One round of a public exchange."""
    return _json({"data": out.round_(_one(rounds_query().where(Round.id == _check_id(round_id))))})


def _stories_payload(stories: list[Story]) -> list[dict]:
    replies = public_story_ids({s.in_reply_to_id for s in stories if s.in_reply_to_id})
    translated = translations_by_story([s.id for s in stories])
    return [out.story(s, replies, story_media(s), translated.get(s.id, ())) for s in stories]


@bp.route("/stories")
def stories():
    """Published stories, newest first, with the directory's filters; read by cursor
    (links.next), or by numbered `page` for older clients."""
    filters = StoryFilters(
        theme=pattern_arg("theme", SLUG),
        country=pattern_arg("country", COUNTRY),
        territory=pattern_arg("territory", SLUG),
        language=pattern_arg("language", SLUG, CONTENT_LANGUAGES),
        year=int_arg("year", 1900, 2999),
    )
    stmt = stories_query(filters, int_arg("exchange"), int_arg("round"))
    if request.args.get("page") and not request.args.get("cursor"):
        # Numbered pages (kept for existing clients): the total and the position of every
        # 500th story are kept per content version, so a deep page seeks like a cursor.
        page = anchored_paginate(stmt, Story.published_at, Story.id, STORY_OPTIONS)
    else:
        page = keyset_paginate(stmt, Story.published_at, Story.id, STORY_OPTIONS)
    return _json(page.envelope(_stories_payload(page.items)))


@bp.route("/stories/<api_id:story_id>")
def story_detail(story_id: int):
    """One published story with its blocks and media."""
    stmt = stories_query(StoryFilters(), None, None).where(Story.id == _check_id(story_id))
    found = _one(stmt.options(*STORY_OPTIONS))
    return _json({"data": _stories_payload([found])[0]})
