"""Reading and checking list parameters, and cutting a statement into pages with links."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select, tuple_

from storyhub.api.errors import ApiError
from storyhub.core.versions import kept_for_version
from storyhub.extensions import db

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_ID = 2**31 - 1
# Numbered story pages seek to the nearest kept anchor (one every ANCHOR_EVERY rows), then
# skip less than ANCHOR_EVERY rows: a deep page costs what a shallow one does. A page of 100
# starts on an anchor (with 500, page 500 read 500 rows for its 100 and page 71 only 100:
# 23 against 2 ms of SQL at 100 000 and 10 000 stories on SQLite).
ANCHOR_EVERY = 100
# Anchors found per query (each reads ANCHOR_EVERY times as many rows along the index): with
# more, PostgreSQL chose to read and sort the whole story table (4 900 rows: 260 ms at 100 000
# stories, against about 25 ms for ten index walks of 1 000).
ANCHORS_PER_QUERY = 10
# Rows counted at most for a list's total: beyond, the total (and the last page) is not given
# and pages say only whether another follows. A full count reads and checks every public row:
# at a million stories on SQLite, 21.7 s on the first numbered page after each change, past a
# worker's timeout.
TOTAL_CAP = 10_000
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,139}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


def int_arg(name: str, low: int = 1, high: int = MAX_ID, default: int | None = None) -> int | None:
    """An integer query parameter within bounds, or 400."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"[0-9]{1,10}", raw) or not low <= int(raw) <= high:
        raise ApiError(
            400,
            _(
                "“%(name)s” must be a whole number from %(low)d to %(high)d.",
                name=name,
                low=low,
                high=high,
            ),
        )
    return int(raw)


def pattern_arg(name: str, pattern: re.Pattern, choices=None) -> str:
    """A text query parameter that must match a pattern (or be one of choices), or 400."""
    raw = request.args.get(name, "")
    if raw and not (pattern.fullmatch(raw) if choices is None else raw in choices):
        raise ApiError(400, _("“%(name)s” is not valid.", name=name))
    return raw


@dataclass
class Page:
    """One page of a list: the items and what the envelope says about them."""

    items: list
    page: int
    per_page: int
    total: int | None  # None: more than TOTAL_CAP rows
    more: bool = False  # another page follows (read, not counted)

    @property
    def pages(self) -> int | None:
        """Number of pages (at least 1), or None when the total is not counted."""
        return None if self.total is None else max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.more if self.pages is None else self.page < self.pages

    def envelope(self, data: list) -> dict:
        """{"data", "meta", "links"} with absolute links that keep the filters."""
        return {
            "data": data,
            "meta": {
                "page": self.page,
                "per_page": self.per_page,
                "total": self.total,
                "pages": self.pages,
                "next_cursor": None,
            },
            "links": {
                "self": _page_url(self.page),
                "first": _page_url(1),
                "last": _page_url(self.pages) if self.pages else None,
                "prev": _page_url(self.page - 1) if self.page > 1 else None,
                "next": _page_url(self.page + 1) if self.has_next else None,
            },
        }


def _page_url(page: int) -> str:
    args = {k: v for k, v in request.args.items() if k != "page"}
    args["page"] = page
    return url_for(request.endpoint, _external=True, **(request.view_args or {}), **args)


# The parameters that choose a list's rows (the others, page and per_page, cut it).
LIST_FILTERS = ("theme", "country", "territory", "language", "year", "exchange", "round")


def _list_key() -> tuple:
    """This list and its filters (already checked by the view; unknown parameters ignored, so
    they cannot make a new count): the key of what is kept for it."""
    args = [(name, request.args.get(name, "")) for name in LIST_FILTERS]
    return (request.endpoint, tuple(sorted((request.view_args or {}).items())), tuple(args))


def _total(stmt) -> int | None:
    """The rows of a list, counted once per content version up to TOTAL_CAP, else None (a
    count reads every matching row: at a million stories it was most of a numbered page's
    time, and grew with the site)."""
    capped = stmt.order_by(None).limit(TOTAL_CAP + 1).subquery()
    count = select(func.count()).select_from(capped)
    found = kept_for_version("api list total", _list_key(), lambda: db.session.scalar(count) or 0)
    return found if found <= TOTAL_CAP else None


def paginate(stmt, order_by: tuple, options: tuple = ()) -> Page:
    """The requested page in order, with the list's total kept per content version (one
    query, plus one per selectin option, once the total is known)."""
    page = int_arg("page", 1, MAX_PAGE, 1)
    per_page = int_arg("per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE)
    total = _total(stmt)
    read = stmt.options(*options).order_by(*order_by).offset((page - 1) * per_page)
    items = db.session.scalars(read.limit(per_page + 1)).unique().all()
    return Page(list(items[:per_page]), page, per_page, total, len(items) > per_page)


def anchored_paginate(stmt, moment_column, id_column, options: tuple = ()) -> Page:
    """Numbered pages, newest first by (moment, id), read like cursor pages: the position of
    every ANCHOR_EVERY-th row is kept per content version and list, so page N seeks to the
    anchor before it along the index and skips fewer than ANCHOR_EVERY rows, instead of an
    OFFSET that reads every row before it. The first request after a change finds the anchors
    it needs (ANCHORS_PER_QUERY per query, from the last one known), later ones reuse them."""
    page = int_arg("page", 1, MAX_PAGE, 1)
    per_page = int_arg("per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE)
    total = _total(stmt)
    offset = (page - 1) * per_page
    if total is not None and offset >= total:
        return Page([], page, per_page, total)
    newest_first = (moment_column.desc(), id_column.desc())
    anchors = kept_for_version("api list anchors", _list_key(), list)
    wanted = offset // ANCHOR_EVERY
    while len(anchors) < wanted:
        goal = min(wanted, len(anchors) + ANCHORS_PER_QUERY)
        anchors.extend(_next_anchors(stmt, moment_column, id_column, anchors, goal))
        if len(anchors) < goal:  # the list shrank since it was counted
            return Page([], page, per_page, total)
    read = stmt.options(*options)
    if wanted:
        read = read.where(tuple_(moment_column, id_column) < tuple_(*anchors[wanted - 1]))
    read = read.order_by(*newest_first).offset(offset - wanted * ANCHOR_EVERY)
    rows = db.session.scalars(read.limit(per_page + 1)).unique().all()
    return Page(list(rows[:per_page]), page, per_page, total, len(rows) > per_page)


def _next_anchors(stmt, moment_column, id_column, anchors: list, wanted: int) -> list[tuple]:
    """The anchors after the last known one up to the `wanted`-th, in one query: the rows
    after it, newest first, read along the index as far as needed and numbered, every
    ANCHOR_EVERY-th kept (one query per anchor took 499 for page 500 of 100)."""
    newest_first = (moment_column.desc(), id_column.desc())
    seek = stmt
    if anchors:
        seek = seek.where(tuple_(moment_column, id_column) < tuple_(*anchors[-1]))
    number = func.row_number().over(order_by=newest_first)
    numbered = (
        seek.with_only_columns(moment_column.label("moment"), id_column.label("id"))
        .add_columns(number.label("n"))
        .order_by(*newest_first)
        .limit((wanted - len(anchors)) * ANCHOR_EVERY)
        .subquery()
    )
    every = select(numbered.c.moment, numbered.c.id).where(numbered.c.n % ANCHOR_EVERY == 0)
    return [tuple(row) for row in db.session.execute(every.order_by(numbered.c.n))]


@dataclass
class KeysetPage:
    """One page of a list read after a cursor (newest first): no count, no offset, so a deep
    page costs what the first one does."""

    items: list
    per_page: int
    next_cursor: str | None

    def envelope(self, data: list) -> dict:
        """The same envelope as numbered pages; counts and the last page are not known."""
        return {
            "data": data,
            "meta": {
                "page": None,
                "per_page": self.per_page,
                "total": None,
                "pages": None,
                "next_cursor": self.next_cursor,
            },
            "links": {
                "self": _cursor_url(request.args.get("cursor") or None),
                "first": _cursor_url(None),
                "last": None,
                "prev": None,
                "next": _cursor_url(self.next_cursor) if self.next_cursor else None,
            },
        }


def _cursor_url(cursor: str | None) -> str:
    args = {k: v for k, v in request.args.items() if k not in ("page", "cursor")}
    if cursor:
        args["cursor"] = cursor
    return url_for(request.endpoint, _external=True, **(request.view_args or {}), **args)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CURSOR = re.compile(r"^[0-9]{1,16}\.[0-9]{1,10}$")


def encode_cursor(moment: datetime, row_id: int) -> str:
    """A cursor naming the last row of a page: its time (microseconds since 1970, UTC) and id."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite gives naive UTC
    return f"{(aware - EPOCH) // timedelta(microseconds=1)}.{row_id}"


def decode_cursor(raw: str) -> tuple[datetime, int]:
    """(time, id) from a cursor, or 400."""
    if not CURSOR.fullmatch(raw):
        raise ApiError(400, _("“%(name)s” is not valid.", name="cursor"))
    micro, row_id = raw.split(".")
    return EPOCH + timedelta(microseconds=int(micro)), int(row_id)


def keyset_paginate(stmt, moment_column, id_column, options: tuple = ()) -> KeysetPage:
    """The rows after the request's cursor, newest first by (moment, id): one query (plus one
    per selectin option), reading the index from the cursor on."""
    per_page = int_arg("per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE)
    raw = request.args.get("cursor", "")
    if raw:
        moment, row_id = decode_cursor(raw)
        stmt = stmt.where(tuple_(moment_column, id_column) < tuple_(moment, row_id))
    ordered = stmt.options(*options).order_by(moment_column.desc(), id_column.desc())
    rows = db.session.scalars(ordered.limit(per_page + 1)).unique().all()
    items = list(rows[:per_page])
    more = len(rows) > per_page
    last = items[-1] if items and more else None
    cursor = encode_cursor(getattr(last, moment_column.key), last.id) if last else None
    return KeysetPage(items, per_page, cursor)
