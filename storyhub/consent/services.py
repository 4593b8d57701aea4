"""Consent over time: recording it (with its scope, date, form reference and history) and
telling the educators, at once, what a withdrawal or a narrowed scope took out of view.

Nothing here hides anything: the visibility rules (`storyhub/stories/permissions.py` for
stories, `storyhub/media/permissions.py` for media) read the consent itself, so a story or a
photo leaves every surface the moment the consent changes. This module only records, keeps the
history, writes the moderation log and notifies.
"""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select

from storyhub.accounts.models import User
from storyhub.core import lifecycle
from storyhub.extensions import db
from storyhub.groups.models import (
    CONSENT_IMAGE,
    CONSENT_PARENTAL,
    SCOPE_EXCHANGE,
    SCOPE_PUBLIC,
    Consent,
    ConsentEvent,
    Group,
)
from storyhub.groups.services import record_consent
from storyhub.media.models import MediaItem, media_person
from storyhub.moderation.services import log_transition
from storyhub.notifications.services import notify
from storyhub.stories.models import STATUS_APPROVED, Story, story_author
from storyhub.stories.services import retract_published_notices

NO = "no"
CHOICES = (SCOPE_PUBLIC, SCOPE_EXCHANGE, NO)  # what the form offers for each kind
PUBLIC, INSIDE = "public", "inside"  # where a piece could be read


@dataclass
class Effect:
    """What one recording took out of a place (the public site, or the exchange too)."""

    kind: str
    lost: str  # PUBLIC: the public site only; INSIDE: the exchange too
    stories: list[Story] = field(default_factory=list)
    media: list[MediaItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many pieces left view."""
        return len(self.stories) + len(self.media)


def _reach(consent: Consent | None) -> set[str]:
    """Where a consent lets a piece be read."""
    if consent is None or not consent.granted:
        return set()
    return {PUBLIC, INSIDE} if consent.scope == SCOPE_PUBLIC else {INSIDE}


def _choice(consent: Consent | None) -> str | None:
    if consent is None:
        return None
    return consent.scope if consent.granted else NO


def current_choices(member: User) -> dict[str, str | None]:
    """{kind: 'public' | 'exchange' | 'no' | None (nothing recorded)} for the form."""
    found = {c.kind: c for c in member.consents}
    return {kind: _choice(found.get(kind)) for kind in (CONSENT_PARENTAL, CONSENT_IMAGE)}


def published_stories_of(member: User) -> list[Story]:
    """Approved stories the young person wrote or co-wrote."""
    co_written = select(story_author.c.story_id).where(story_author.c.user_id == member.id)
    query = select(Story).where(
        Story.status == STATUS_APPROVED,
        or_(Story.created_by_id == member.id, Story.id.in_(co_written)),
    )
    return list(db.session.scalars(query.order_by(Story.id)))


def published_media_of(member: User) -> list[MediaItem]:
    """Media items of approved stories in which the young person is ticked as appearing."""
    tagged = select(media_person.c.media_id).where(media_person.c.user_id == member.id)
    query = (
        select(MediaItem)
        .join(Story, MediaItem.story_id == Story.id)
        .where(MediaItem.id.in_(tagged), Story.status == STATUS_APPROVED)
    )
    return list(db.session.scalars(query.order_by(MediaItem.id)))


def _effect(kind: str, member: User, before: set[str], after: set[str]) -> Effect | None:
    lost = before - after
    if not lost:
        return None
    effect = Effect(kind=kind, lost=INSIDE if INSIDE in lost else PUBLIC)
    if kind == CONSENT_PARENTAL:
        effect.stories = published_stories_of(member)
    else:
        effect.media = published_media_of(member)
    return effect if effect.count else None


def _effect_words(effect: Effect) -> str:
    where = _("the public site") if effect.lost == PUBLIC else _("the public site and the exchange")
    titles = [s.title for s in effect.stories] + [
        _("a photo or video of “%(story)s”", story=m.story.title) for m in effect.media
    ]
    return _("Taken out of %(where)s: %(pieces)s", where=where, pieces="; ".join(titles))


def effect_message(effect: Effect) -> str:
    """What the educator reads at once after recording: what left view, and that it comes back."""
    return _(
        "%(what)s. This happened at once, on every page, feed and file; it comes back when the "
        "consent is given again.",
        what=_effect_words(effect),
    )


def _log(effect: Effect, member: User, recorder: User, group: Group) -> None:
    action = "consent_withdrawn" if effect.lost == INSIDE else "consent_narrowed"
    reason = _("Consent of %(name)s changed.", name=member.display_name)
    for story in effect.stories:
        log_transition("story", story.id, group.id, recorder, action, reason=reason)
    for media in effect.media:
        log_transition("media", media.id, group.id, recorder, action, reason=reason)


def _notify(effect: Effect, member: User, group: Group, text: str) -> None:
    link = current_app.url_map.bind("localhost").build(
        "consent.record", {"group_id": group.id, "user_id": member.id}
    )
    notify(group.educators, "consent_effect", link, name=member.display_name, what=text)


def record_member_consents(
    group: Group,
    member: User,
    choices: dict[str, str],
    given_on: date | None,
    form_reference: str,
    recorder: User,
) -> list[Effect]:
    """Record both consents of a young person from the form's choices ('public', 'exchange'
    or 'no' per kind); log and tell the group's educators what left view. One commit.

    Under the member's row lock: two educators recording at the same moment are taken one after
    the other, the second comparing with what the first recorded, so a withdrawal is logged and
    told once."""
    lifecycle.lock(member)
    db.session.expire(member, ["consents"])  # as they stand now, not as read before the lock
    before = {c.kind: _reach(c) for c in member.consents}
    effects = []
    for kind in (CONSENT_PARENTAL, CONSENT_IMAGE):
        choice = choices[kind]
        scope = choice if choice in (SCOPE_PUBLIC, SCOPE_EXCHANGE) else SCOPE_PUBLIC
        event = record_consent(
            group, member, kind, choice != NO, given_on, recorder, scope, form_reference, False
        )
        after = {SCOPE_PUBLIC: {PUBLIC, INSIDE}, SCOPE_EXCHANGE: {INSIDE}}.get(choice, set())
        effect = _effect(kind, member, before.get(kind, set()), after)
        if effect is not None:
            event.effect = _effect_words(effect)
            _log(effect, member, recorder, group)
            _notify(effect, member, group, event.effect)
            if effect.lost == INSIDE:  # out of everyone's view: "is published" is untrue now
                for story in effect.stories:
                    retract_published_notices(story)
            effects.append(effect)
    db.session.commit()
    return effects


def history_of(member: User) -> list[ConsentEvent]:
    """Every recording of the young person's consents, newest first."""
    query = (
        select(ConsentEvent)
        .where(ConsentEvent.user_id == member.id)
        .order_by(ConsentEvent.recorded_at.desc(), ConsentEvent.id.desc())
        .options(db.joinedload(ConsentEvent.recorded_by))
    )
    return list(db.session.scalars(query))
