"""The curated list of themes: admins manage it; exchanges, groups and stories pick from it."""

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func

from storyhub.core.errors import DomainError
from storyhub.core.text import slugify
from storyhub.exchanges.models import Theme, exchange_theme, group_theme, story_theme
from storyhub.extensions import db

NAME_MAX = 80
SLUG_MAX = 60


def all_themes(locale: str = "en") -> list[Theme]:
    """Every theme, sorted by its name in the interface language."""
    themes = db.session.scalars(db.select(Theme)).all()
    return sorted(themes, key=lambda theme: theme.name(locale).casefold())


def theme_choices(locale: str) -> list[tuple[str, str]]:
    """(id, name) pairs for form fields; ids as strings so that garbage never coerces."""
    return [(str(theme.id), theme.name(locale)) for theme in all_themes(locale)]


def themes_from_ids(ids: Iterable[int | str]) -> list[Theme]:
    """The themes with these ids; a DomainError when one of them is not in the list."""
    try:
        wanted = {int(value) for value in ids}
    except (TypeError, ValueError):
        raise DomainError(_("Choose themes from the list.")) from None
    if not wanted:
        return []
    if any(not 0 < value < 2**31 for value in wanted):
        raise DomainError(_("Choose themes from the list."))
    themes = db.session.scalars(db.select(Theme).where(Theme.id.in_(wanted))).all()
    if len(themes) != len(wanted):
        raise DomainError(_("Choose themes from the list."))
    return sorted(themes, key=lambda theme: theme.slug)


def themes_by_group(group_ids: Iterable[int]) -> dict[int, list[Theme]]:
    """The themes each group would like to explore, in one query: {group_id: [theme]}."""
    ids = set(group_ids)
    if not ids:
        return {}
    query = (
        db.select(group_theme.c.group_id, Theme)
        .join(Theme, Theme.id == group_theme.c.theme_id)
        .where(group_theme.c.group_id.in_(ids))
        .order_by(Theme.slug)
    )
    result: dict[int, list[Theme]] = {}
    for group_id, theme in db.session.execute(query):
        result.setdefault(group_id, []).append(theme)
    return result


def usage_counts() -> dict[int, int]:
    """How many exchanges use each theme: {theme_id: count}."""
    query = db.select(exchange_theme.c.theme_id, func.count()).group_by(exchange_theme.c.theme_id)
    return dict(db.session.execute(query).all())


def _clean(value: str | None) -> str:
    return (value or "").replace("\x00", "").strip()


def _apply(theme: Theme, name_en: str, name_fr: str) -> None:
    name_en, name_fr = _clean(name_en), _clean(name_fr)
    if not name_en or not name_fr:
        raise DomainError(_("Give the theme a name in English and in French."))
    if len(name_en) > NAME_MAX or len(name_fr) > NAME_MAX:
        raise DomainError(_("A theme name has at most %(n)d characters.", n=NAME_MAX))
    clash = db.session.scalar(
        db.select(Theme.id).where(
            func.lower(Theme.name_en) == name_en.lower(), Theme.id != (theme.id or 0)
        )
    )
    if clash is not None:
        raise DomainError(_("A theme with this name already exists."))
    theme.name_en, theme.name_fr = name_en, name_fr


def _unique_slug(name: str) -> str:
    base = slugify(name)[:SLUG_MAX]
    slug, n = base, 2
    while db.session.scalar(db.select(Theme.id).filter_by(slug=slug)) is not None:
        suffix = f"-{n}"
        slug, n = base[: SLUG_MAX - len(suffix)] + suffix, n + 1
    return slug


def create_theme(name_en: str, name_fr: str) -> Theme:
    """Add a theme to the curated list (admins)."""
    theme = Theme()
    _apply(theme, name_en, name_fr)
    theme.slug = _unique_slug(theme.name_en)
    db.session.add(theme)
    db.session.commit()
    return theme


def update_theme(theme: Theme, name_en: str, name_fr: str) -> None:
    """Rename a theme; its slug (used in links) stays the same."""
    _apply(theme, name_en, name_fr)
    db.session.commit()


def delete_theme(theme: Theme) -> None:
    """Remove a theme no exchange or story uses (rename it instead when it is in use)."""
    used = usage_counts().get(theme.id, 0) + (
        db.session.scalar(
            db.select(func.count())
            .select_from(story_theme)
            .where(story_theme.c.theme_id == theme.id)
        )
        or 0
    )
    if used:
        raise DomainError(
            ngettext(
                "This theme is used once: rename it rather than delete it.",
                "This theme is used %(num)d times: rename it rather than delete it.",
                used,
            )
        )
    db.session.delete(theme)
    db.session.commit()


def set_group_themes(group, educator, theme_ids: Iterable[int | str]) -> None:
    """The group's educators choose the themes the twin finder shows for it."""
    from storyhub.groups.permissions import can_manage_group

    if not can_manage_group(educator, group):
        raise DomainError(_("Only the group's educators can choose its themes."))
    themes = themes_from_ids(theme_ids)
    db.session.execute(group_theme.delete().where(group_theme.c.group_id == group.id))
    if themes:
        db.session.execute(
            group_theme.insert(), [{"group_id": group.id, "theme_id": t.id} for t in themes]
        )
    db.session.commit()
