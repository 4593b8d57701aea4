"""The OpenAPI 3.0 document of /api/v1, written by hand next to the serializers it describes.

Schemas forbid unknown properties, so the schemathesis run in the tests fails if an answer
and its description drift apart.
"""

from flask import url_for

from storyhub.api.pagination import (
    COUNTRY,
    CURSOR,
    MAX_ID,
    MAX_PAGE,
    MAX_PER_PAGE,
    SLUG,
    TOTAL_CAP,
)
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.stories.models import BLOCK_KINDS

STR = {"type": "string"}
INT = {"type": "integer"}
URI = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
PLAIN_TEXT_NOTE = (
    "Plain text as people wrote it, never HTML: escape it for where you put it (HTML, XML, "
    "a URL). It may hold <, & or quotes; control and bidi-override characters are removed."
)
TEXT = {"type": "string", "description": PLAIN_TEXT_NOTE}


def _null(schema: dict) -> dict:
    return {**schema, "nullable": True}


def _obj(properties: dict) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(item: dict, **extra) -> dict:
    return {"type": "array", "items": item, **extra}


TERRITORY_REF = {"id": INT, "slug": STR, "name": TEXT, "country": STR, "url": URI}
GROUP = {"id": INT, "name": TEXT, "kind": STR, "territory": _ref("TerritoryRef")}
RENDITION = {
    "name": STR,
    "role": _null(STR),
    "format": _null(STR),
    "width": _null(INT),
    "height": _null(INT),
    "url": _null(URI),
}

SCHEMAS = {
    "TerritoryRef": _obj(TERRITORY_REF),
    "Territory": _obj(
        {
            **TERRITORY_REF,
            "kind": STR,
            "latitude": {
                "type": "number",
                "description": "City level: one decimal at most (0.1 degree).",
            },
            "longitude": {"type": "number"},
            "presentation": TEXT,
            "html_url": URI,
            "feed_url": URI,
        }
    ),
    "Theme": _obj(
        {"slug": STR, "name": _obj({"fr": TEXT, "en": TEXT}), "feed_url": URI},
    ),
    "Group": _obj(GROUP),
    "Exchange": _obj(
        {
            "id": INT,
            "title": TEXT,
            "description": TEXT,
            "status": {"type": "string", "enum": ["active", "closed"]},
            "languages": _array(STR),
            "starts_on": _null(DATE),
            "ends_on": _null(DATE),
            "themes": _array(STR, description="Theme slugs."),
            "groups": _array(_ref("Group"), minItems=2, maxItems=2),
            "url": URI,
            "html_url": URI,
            "feed_url": URI,
            "rounds_url": URI,
            "stories_url": URI,
        }
    ),
    "Round": _obj(
        {
            "id": INT,
            "exchange_id": INT,
            "question": TEXT,
            "guidance": TEXT,
            "opens_on": DATE,
            "closes_on": DATE,
            "url": URI,
            "html_url": URI,
            "stories_url": URI,
        }
    ),
    "Author": _obj({"display_name": TEXT, "group": TEXT}),
    "Block": _obj(
        {
            "position": INT,
            "kind": {"type": "string", "enum": list(BLOCK_KINDS)},
            "html": {
                "type": "string",
                "description": "Sanitised HTML of a text block (the only field in HTML).",
            },
            "text": {
                "type": "string",
                "description": "Quote text, or a media caption. " + PLAIN_TEXT_NOTE,
            },
            "attribution": TEXT,
            "media_id": _null(INT),
        }
    ),
    "Rendition": _obj(RENDITION),
    "Media": _obj(
        {
            "id": INT,
            "kind": {"type": "string", "enum": ["image", "audio", "video", "panorama"]},
            "alt_text": TEXT,
            "caption": TEXT,
            "transcript": TEXT,
            "width": _null(INT),
            "height": _null(INT),
            "duration": _null({"type": "number"}),
            "captions_url": _null(URI),
            "renditions": _array(_ref("Rendition")),
        }
    ),
    "Translation": _obj(
        {
            "id": INT,
            "language": STR,
            "direction": {"type": "string", "enum": ["ltr", "rtl"]},
            "title": TEXT,
            "translated_by": _ref("Author"),
            "published_at": _null({"type": "string", "format": "date-time"}),
            "blocks": _array(
                _obj(
                    {
                        "position": INT,
                        "text": {
                            "type": "string",
                            "description": "The block's words in this language (paragraphs "
                            "separated by blank lines). " + PLAIN_TEXT_NOTE,
                        },
                    }
                )
            ),
            "html_url": URI,
        }
    ),
    "Story": _obj(
        {
            "id": INT,
            "title": TEXT,
            "language": STR,
            "direction": {"type": "string", "enum": ["ltr", "rtl"]},
            "published_at": {"type": "string", "format": "date-time"},
            "exchange_id": INT,
            "round_id": INT,
            "in_reply_to_id": _null(INT),
            "group": _ref("Group"),
            "authors": _array(_ref("Author")),
            "themes": _array(STR),
            "blocks": _array(_ref("Block")),
            "media": _array(_ref("Media")),
            "translations": _array(_ref("Translation")),
            "url": URI,
            "html_url": URI,
        }
    ),
    # Lists read by cursor (stories without `page`) leave page, total and pages null and give
    # next_cursor: counting every public story would grow with the site. Numbered pages count
    # up to TOTAL_CAP rows, and leave total and pages null beyond.
    "Meta": _obj(
        {
            "page": _null(INT),
            "per_page": INT,
            "total": _null(INT),
            "pages": _null(INT),
            "next_cursor": _null(STR),
        }
    ),
    "Links": _obj(
        {"self": URI, "first": URI, "last": _null(URI), "prev": _null(URI), "next": _null(URI)}
    ),
    "Error": _obj({"error": _obj({"status": INT, "code": STR, "message": STR})}),
    "Index": _obj(
        {
            "data": _obj(
                {
                    name: URI
                    for name in (
                        "openapi",
                        "territories",
                        "themes",
                        "exchanges",
                        "rounds",
                        "stories",
                    )
                }
            )
        }
    ),
}
for _name in ("Territory", "Theme", "Exchange", "Round", "Story"):
    SCHEMAS[f"{_name}List"] = _obj(
        {"data": _array(_ref(_name)), "meta": _ref("Meta"), "links": _ref("Links")}
    )
    SCHEMAS[f"{_name}Detail"] = _obj({"data": _ref(_name)})


def _query(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
SLUG_SCHEMA = {"type": "string", "pattern": SLUG.pattern}
PARAMETERS = {
    "page": _query(
        "page", {**INT, "minimum": 1, "maximum": MAX_PAGE, "default": 1}, "Page number."
    ),
    "cursor": _query(
        "cursor",
        {"type": "string", "pattern": CURSOR.pattern},
        "Where to go on: the `next_cursor` of the previous page (follow `links.next`). "
        "Without `page`, stories are read this way: every page costs the same, however deep; "
        "`page` still gives numbered pages (at most 10000): the total (counted up to "
        f"{TOTAL_CAP} rows; beyond, `total`, `pages` and `links.last` are null and "
        "`links.next` says whether another page follows) and the position of every 100th "
        "story are kept until the site changes, so a deep page costs about what the first "
        "one does once they are known.",
    ),
    "per_page": _query(
        "per_page",
        {**INT, "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20},
        "Items per page.",
    ),
    "country": _query(
        "country", {"type": "string", "pattern": COUNTRY.pattern}, "ISO 3166-1 country code."
    ),
    "theme": _query("theme", SLUG_SCHEMA, "A theme slug."),
    "territory": _query("territory", SLUG_SCHEMA, "A territory slug."),
    "language": _query(
        "language",
        {"type": "string", "enum": list(CONTENT_LANGUAGES)},
        "The story's language, or the language of one of its published translations.",
    ),
    "year": _query("year", {**INT, "minimum": 1900, "maximum": 2999}, "Year of publication."),
    "exchange": _query("exchange", ID, "Only this exchange."),
    "round": _query("round", ID, "Only this round."),
}
CACHE_HEADERS = {
    "ETag": {"required": True, "schema": STR, "description": "Send it back in If-None-Match."},
    "Cache-Control": {"required": True, "schema": STR},
    "Access-Control-Allow-Origin": {"required": True, "schema": {"type": "string", "enum": ["*"]}},
}


def _json(schema: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _get(summary: str, schema: str, params=(), path_id: str | None = None) -> dict:
    responses = {
        "200": {**_json(schema, "OK"), "headers": CACHE_HEADERS},
        "304": {"description": "Not modified: the ETag sent in If-None-Match still holds."},
    }
    parameters = [{"$ref": f"#/components/parameters/{name}"} for name in params]
    if params:
        responses["400"] = _json("Error", "A parameter is not valid.")
    if path_id:
        parameters.append({"name": path_id, "in": "path", "required": True, "schema": ID})
        responses["404"] = _json("Error", "No public resource with this id.")
    operation = {"summary": summary, "responses": responses}
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


PAGING = ("page", "per_page")
PATHS = {
    "/": _get("Links to every collection", "Index"),
    "/themes": _get("Curated themes", "ThemeList", PAGING),
    "/territories": _get(
        "Territories taking part in public exchanges", "TerritoryList", (*PAGING, "country")
    ),
    "/territories/{territory_id}": _get("One territory", "TerritoryDetail", (), "territory_id"),
    "/exchanges": _get(
        "Public exchanges, newest first",
        "ExchangeList",
        (*PAGING, "theme", "country", "territory"),
    ),
    "/exchanges/{exchange_id}": _get("One public exchange", "ExchangeDetail", (), "exchange_id"),
    "/rounds": _get("Rounds of public exchanges", "RoundList", (*PAGING, "exchange")),
    "/rounds/{round_id}": _get("One round", "RoundDetail", (), "round_id"),
    "/stories": _get(
        "Published stories, newest first",
        "StoryList",
        (
            *PAGING,
            "cursor",
            "exchange",
            "round",
            "theme",
            "country",
            "territory",
            "language",
            "year",
        ),
    ),
    "/stories/{story_id}": _get("One published story", "StoryDetail", (), "story_id"),
}


def openapi_document() -> dict:
    """The document, with this server's absolute address."""
    doc = {
        "openapi": "3.0.3",
        "info": {
            "title": "StoryHub public API",
            "version": "1.0.0",
            "description": (
                "Read-only access to what StoryHub shows the public: territories, themes, "
                "public exchanges, their rounds and published stories. Young people appear "
                "only as display name and group. Answers carry an ETag (send If-None-Match "
                "for a 304) and are open to every origin (CORS). Titles, quotes, captions, "
                "transcripts, descriptions and names are plain text written by people: clients "
                "must escape them; only a text block's `html` is HTML (already sanitised)."
            ),
        },
        "servers": [{"url": url_for("api.index", _external=True).rstrip("/")}],
        "paths": {**PATHS, "/openapi.json": OPENAPI_PATH},
        "components": {"schemas": SCHEMAS, "parameters": PARAMETERS},
    }
    return doc


OPENAPI_PATH = {
    "get": {
        "summary": "This document",
        "responses": {
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            "304": {"description": "Not modified."},
        },
    }
}
