"""HTTP caching of the public pages: one fingerprint of the public data, an ETag, 304s.

The fingerprint is computed in ONE query from what those pages show: the public stories
(count, id sum, latest publication and change), the public exchanges (count, id sum, their
keys, closing and featuring times), their rounds, and checksums of the small curated tables
(territories, groups, themes, pictures). Publishing, unpublishing, featuring or editing any of
them changes it at once. The ETag mixes it with what else shapes the page: the language, the
day (open/closed rounds), the session's CSRF secret (the language form carries a token) and
the templates. Anonymous visitors get `public, max-age=60`; signed-in people `private`.
"""

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

from flask import Response, current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import case, func, select

from storyhub.accounts.models import AnonymousUser
from storyhub.browse.models import TerritoryPicture
from storyhub.exchanges.models import Exchange, Round, Theme
from storyhub.exchanges.permissions import public_exchange_clause
from storyhub.extensions import db
from storyhub.groups.models import Consent, Group
from storyhub.media.models import MediaItem
from storyhub.stories.models import Story
from storyhub.stories.permissions import visible_story_clause
from storyhub.territories.models import Territory

PUBLIC_MAX_AGE = 60
PRIVATE_CACHE = "private, no-cache"
_TEMPLATES_DIGEST: list[str] = []


def _length(*columns):
    return sum((func.coalesce(func.length(column), 0) for column in columns), start=0)


def _aggregates():
    """(label, scalar subquery) pairs that together describe the public data."""
    public_stories = (
        select(Story.id, Story.updated_at, Story.published_at)
        .join(Round, Story.round_id == Round.id)
        .join(Exchange, Round.exchange_id == Exchange.id)
        .where(visible_story_clause(AnonymousUser()))
        .subquery()
    )
    exchanges = select(Exchange).where(public_exchange_clause()).subquery()
    featured = select(exchanges.c.id, exchanges.c.featured_at).where(
        exchanges.c.featured_at.is_not(None)
    )
    featured = featured.subquery()
    rounds = select(Round.id).join(Exchange, Round.exchange_id == Exchange.id)
    rounds = rounds.where(public_exchange_clause()).subquery()
    return [
        select(func.count(), func.sum(public_stories.c.id)).select_from(public_stories),
        select(func.max(public_stories.c.updated_at)),
        select(func.max(public_stories.c.published_at)),
        select(func.count(), func.sum(exchanges.c.id)).select_from(exchanges),
        select(func.max(exchanges.c.inviting_published_at)),
        select(func.max(exchanges.c.invited_published_at)),
        select(func.max(exchanges.c.closed_at)),
        select(func.count(), func.sum(featured.c.id)).select_from(featured),
        select(func.max(featured.c.featured_at)),
        select(func.count(), func.sum(rounds.c.id)).select_from(rounds),
        select(
            func.count(),
            func.sum(_length(Territory.name, Territory.presentation, Territory.slug)),
            func.sum(Territory.latitude * 1000 + Territory.longitude),
        ),
        select(
            func.count(),
            func.sum(_length(Group.name, Group.kind) + Group.age_min * 7 + Group.age_max * 13),
        ),
        select(func.count(), func.sum(_length(Theme.name_fr, Theme.name_en, Theme.slug))),
        select(func.count(), func.sum(MediaItem.id), func.max(MediaItem.processed_at)),
        # A picture hidden after reports (or shown again) changes the pages at once.
        select(func.count(MediaItem.hidden_at), func.max(MediaItem.hidden_at)),
        # Consent recorded, withdrawn or narrowed takes stories and pictures out at once.
        select(
            func.count(Consent.id),
            func.max(Consent.recorded_at),
            func.sum(
                case(
                    (
                        Consent.granted.is_(True),
                        Consent.id * 3 + case((Consent.scope == "public", 1), else_=2),
                    ),
                    else_=0,
                )
            ),
        ),
        select(
            func.count(),
            func.sum(TerritoryPicture.id),
            func.max(TerritoryPicture.created_at),
            func.sum(_length(TerritoryPicture.alt_text)),
        ),
    ]


def data_fingerprint() -> tuple[str, datetime | None]:
    """(a digest of the public data, its latest change), in one query; kept for the request."""
    if "browse_fingerprint" not in g:
        columns = [
            aggregate.with_only_columns(column).scalar_subquery()
            for aggregate in _aggregates()
            for column in aggregate.selected_columns
        ]
        row = tuple(db.session.execute(select(*columns)).one())
        digest = hashlib.sha256(repr(row).encode()).hexdigest()[:32]
        moments = [as_utc(value) for value in row if isinstance(value, datetime)]
        g.browse_fingerprint = (digest, max(moments, default=None))
    return g.browse_fingerprint


def as_utc(moment: datetime) -> datetime:
    """Aware UTC (SQLite hands back naive UTC values)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _templates_digest() -> str:
    """A digest of the templates, once per process: a new release changes the ETags."""
    if not _TEMPLATES_DIGEST:
        root = Path(current_app.template_folder)
        digest = hashlib.sha256()
        for path in sorted(root.rglob("*.html")):
            digest.update(path.read_bytes())
        _TEMPLATES_DIGEST.append(digest.hexdigest()[:16])
    return _TEMPLATES_DIGEST[0]


def is_cacheable_request() -> bool:
    """Anonymous GET (or HEAD) with no message waiting (decided before the page shows it)."""
    if "browse_cacheable" not in g:
        g.browse_cacheable = (
            request.method in ("GET", "HEAD")
            and not current_user.is_authenticated
            and not session.get("_flashes")
        )
    return g.browse_cacheable


def page_etag() -> str:
    """The ETag of this page for this visitor: data, language, day, CSRF secret, templates."""
    digest, _latest_change = data_fingerprint()
    secret = hashlib.sha256(str(session.get("csrf_token", "")).encode()).hexdigest()[:12]
    parts = (digest, str(get_locale()), date.today().isoformat(), secret, _templates_digest())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


def not_modified() -> Response | None:
    """A 304 when the visitor already holds this page, before anything is rendered."""
    if not is_cacheable_request() or not request.if_none_match:
        return None
    etag = page_etag()
    if not request.if_none_match.contains_weak(etag):
        return None
    response = Response(status=304)
    _public_headers(response, etag)
    return response


def add_cache_headers(response: Response) -> Response:
    """ETag, Last-Modified and public caching for anonymous visitors; private otherwise."""
    if response.status_code != 200:
        return response
    if not is_cacheable_request():
        response.headers["Cache-Control"] = PRIVATE_CACHE
        return response
    _public_headers(response, page_etag())
    return response


def _public_headers(response: Response, etag: str) -> None:
    response.set_etag(etag)
    latest = data_fingerprint()[1]
    if latest is not None:
        response.last_modified = latest
    response.cache_control.public = True
    response.cache_control.max_age = PUBLIC_MAX_AGE
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
