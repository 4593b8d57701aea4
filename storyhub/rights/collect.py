"""Everything StoryHub holds about one person, gathered as plain values for the export.

Only what is about the person: their profile, group(s), consent records about them, the stories
they wrote or co-wrote (with their states and feedback), their comments, reactions, reports,
notifications, the moderation decisions on their own stories, comments and reflections, the
media they uploaded or appear in, their before/after answers and reflections (with their state).
Other people show only by the public credit the person already sees (a co-author's display name,
an educator's name on a decision).
"""

from datetime import date, datetime

from storyhub.accounts.models import User
from storyhub.core.sanitize import clean_text
from storyhub.extensions import db
from storyhub.groups.models import Consent, Group, group_educator
from storyhub.impact import statements as impact_statements
from storyhub.impact.models import AnswerSet, Reflection
from storyhub.media.models import MediaItem, media_person
from storyhub.moderation.models import (
    TARGET_COMMENT,
    TARGET_REFLECTION,
    TARGET_STORY,
    ModerationEntry,
)
from storyhub.notifications.models import Notification
from storyhub.notifications.services import notification_text
from storyhub.reports.models import Report
from storyhub.responses.models import Comment, Reaction
from storyhub.stories.models import Story, StoryTranslation, story_author
from storyhub.stories.translating import TARGET_TRANSLATION


def plain(value):
    """Dates as ISO strings; everything else as it is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(obj, *names: str) -> dict:
    return {name: plain(getattr(obj, name)) for name in names}


def profile(person: User) -> dict:
    """The account itself."""
    data = _row(
        person,
        "id",
        "role",
        "display_name",
        "username",
        "email",
        "organisation",
        "locale",
        "created_at",
        "last_login_at",
        "verified_at",
        "suspended_at",
        "email_digest",
        "notification_channels",
        "time_zone",
        "requested_name",
        "deletion_requested_at",
        "own_agreement_at",
    )
    data["public_credit"] = person.public_name
    return data


def groups(person: User) -> list[dict]:
    """The group of a young person, or the groups an educator leads."""
    if person.is_young:
        found = [person.group] if person.group else []
        role = "member"
    else:
        query = db.select(Group).join(group_educator).where(group_educator.c.user_id == person.id)
        found, role = list(db.session.scalars(query)), "educator"
    return [{"id": g.id, "name": g.name, "territory": g.territory.name, "as": role} for g in found]


def consents(person: User) -> list[dict]:
    """Parental and image consent recorded about the person."""
    query = db.select(Consent).filter_by(user_id=person.id).order_by(Consent.kind)
    return [
        {
            **_row(c, "kind", "granted", "scope", "given_on", "form_reference", "recorded_at"),
            "recorded_by": c.recorded_by.display_name if c.recorded_by else None,
        }
        for c in db.session.scalars(query)
    ]


def own_stories(person: User) -> list[Story]:
    """Stories the person wrote or co-wrote, or started."""
    authored = db.select(story_author.c.story_id).where(story_author.c.user_id == person.id)
    query = db.select(Story).where(db.or_(Story.id.in_(authored), Story.created_by_id == person.id))
    return list(db.session.scalars(query.order_by(Story.created_at, Story.id)))


def _block(block) -> dict:
    return {
        "kind": block.kind,
        "text": clean_text(block.body_html) if block.body_html else block.text,
        "attribution": block.attribution,
        "media_id": block.media_id,
    }


def stories(found: list[Story]) -> list[dict]:
    """Each story with its state, question, exchange, co-authors and blocks."""
    return [
        {
            **_row(s, "id", "title", "status", "language", "feedback", "created_at"),
            **_row(s, "submitted_at", "published_at", "hidden_at"),
            "group": s.group.name,
            "question": s.round.question,
            "exchange": s.round.exchange.title,
            "authors": [a.display_name for a in s.authors],
            "blocks": [_block(b) for b in s.blocks],
        }
        for s in found
    ]


def translations(person: User) -> list[dict]:
    """Translations the person made of the twin group's stories, with their state and feedback
    (the translated words, and the original's title only: the story is not theirs)."""
    query = db.select(StoryTranslation).filter_by(translator_id=person.id)
    return [
        {
            **_row(t, "id", "language", "title", "status", "feedback", "created_at"),
            **_row(t, "published_at"),
            "story": t.story.title,
            "texts": [t.text_for(b.id) for b in t.story.blocks if t.text_for(b.id)],
        }
        for t in db.session.scalars(query.order_by(StoryTranslation.id))
    ]


def comments(person: User) -> list[dict]:
    """Comments and answers the person wrote, with their state."""
    query = db.select(Comment).filter_by(author_id=person.id).order_by(Comment.created_at)
    return [
        {
            **_row(c, "id", "body", "status", "reason", "created_at", "moderated_at"),
            "story": c.story.title,
            "answer_to": c.parent_id,
        }
        for c in db.session.scalars(query)
    ]


def reactions(person: User) -> list[dict]:
    """Kind reactions the person gave."""
    query = db.select(Reaction).filter_by(user_id=person.id).order_by(Reaction.created_at)
    return [
        {"kind": r.kind, "story_id": r.story_id, "created_at": plain(r.created_at)}
        for r in db.session.scalars(query)
    ]


def notifications(person: User) -> list[dict]:
    """Notifications, with their text in the reader's language."""
    query = db.select(Notification).filter_by(user_id=person.id).order_by(Notification.created_at)
    return [
        {
            **_row(n, "kind", "link", "created_at", "read_at"),
            "text": notification_text(n),
        }
        for n in db.session.scalars(query)
    ]


def decisions(person: User, story_ids: list[int]) -> list[dict]:
    """The moderation log on the person's own stories, comments, translations and reflections."""
    comment_ids = db.select(Comment.id).where(Comment.author_id == person.id)
    translation_ids = db.select(StoryTranslation.id).where(
        StoryTranslation.translator_id == person.id
    )
    reflection_ids = db.select(Reflection.id).where(Reflection.author_id == person.id)
    query = db.select(ModerationEntry).where(
        db.or_(
            db.and_(
                ModerationEntry.target_type == TARGET_REFLECTION,
                ModerationEntry.target_id.in_(reflection_ids),
            ),
            db.and_(
                ModerationEntry.target_type == TARGET_TRANSLATION,
                ModerationEntry.target_id.in_(translation_ids),
            ),
            db.and_(
                ModerationEntry.target_type == TARGET_STORY,
                ModerationEntry.target_id.in_(story_ids),
            ),
            db.and_(
                ModerationEntry.target_type == TARGET_COMMENT,
                ModerationEntry.target_id.in_(comment_ids),
            ),
        )
    )
    return [
        {
            **_row(e, "target_type", "target_id", "action", "from_status", "to_status"),
            **_row(e, "reason", "created_at"),
            "by": e.actor.display_name if e.actor else None,
        }
        for e in db.session.scalars(query.order_by(ModerationEntry.created_at))
    ]


def answers(person: User) -> list[dict]:
    """The person's own before/after answer sets: each statement's words and their 1–5 answer."""
    query = db.select(AnswerSet).filter_by(user_id=person.id).order_by(AnswerSet.id)
    found = []
    for answer_set in db.session.scalars(query):
        words = {s.id: impact_statements.generic_text(s)
                 for s in impact_statements.statements_of(answer_set.exchange)}  # fmt: skip
        found.append(
            {
                **_row(answer_set, "id", "phase", "moment", "thoughts", "created_at", "updated_at"),
                "exchange": answer_set.exchange.title,
                "answers": [
                    {"statement": words.get(a.statement_id, ""), "value": a.value}
                    for a in answer_set.answers
                ],
            }
        )
    return found


def reflections(person: User) -> list[dict]:
    """The person's "what changed for me" reflections, with their state (private, shared…)."""
    query = db.select(Reflection).filter_by(author_id=person.id).order_by(Reflection.id)
    return [
        {
            **_row(r, "id", "body", "status", "feedback", "created_at"),
            **_row(r, "submitted_at", "published_at", "selected_at", "change_kind"),
            "exchange": r.exchange.title,
            "answer_set_id": r.answer_set_id,
        }
        for r in db.session.scalars(query)
    ]


def reports(person: User) -> list[dict]:
    """Reports the person made."""
    query = db.select(Report).filter_by(reporter_id=person.id).order_by(Report.created_at)
    return [
        _row(r, "target_type", "target_id", "reason", "text", "status", "outcome", "created_at")
        for r in db.session.scalars(query)
    ]


def media(person: User) -> list[MediaItem]:
    """Media the person uploaded or is tagged in."""
    tagged = db.select(media_person.c.media_id).where(media_person.c.user_id == person.id)
    query = db.select(MediaItem).where(
        db.or_(MediaItem.uploader_id == person.id, MediaItem.id.in_(tagged))
    )
    return list(db.session.scalars(query.order_by(MediaItem.id)))


def media_row(item: MediaItem, person: User, file: str | None, note: str = "") -> dict:
    """What the export says about one media item."""
    return {
        **_row(item, "id", "kind", "status", "alt_text", "caption", "transcript", "created_at"),
        "story_id": item.story_id,
        "uploaded_by_me": item.uploader_id == person.id,
        "i_appear_in_it": any(p.id == person.id for p in item.people),
        "file": file,
        "note": note,
    }
