"""Rewrite a person's name wherever it may be written: the exchanges of their groups.

Used on deletion (the name becomes "a young person of <group>") and on a change of display name
(the old name becomes the new one). The places: the groups' presentation, the exchanges'
titles, descriptions and invitation messages, every story of those exchanges (title, text
blocks, quotes, captions, educator feedback), the words of their media (alt text, caption,
transcript, captions), every comment on those stories, the moderation log's reasons, reports'
and appeals' texts, and the notifications of everyone in those groups. ORM updates, so the search index,
the pages' cache fingerprint (the story's updated_at) and the feeds follow in the same commit.
"""

from collections.abc import Callable

from markupsafe import escape

from storyhub.accounts.models import User
from storyhub.core.models import utcnow
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.groups.models import Group, group_educator
from storyhub.media.models import MediaItem
from storyhub.moderation.models import ModerationEntry
from storyhub.notifications.models import Notification
from storyhub.reports.models import Appeal, Report
from storyhub.responses.models import Comment
from storyhub.rights.names import pattern_for, replace_in
from storyhub.stories.models import Story

MEDIA_WORDS = ("alt_text", "caption", "transcript", "captions_vtt")


class Rewriter:
    """Replaces the given name forms; replacement(language) says with what."""

    def __init__(self, forms: list[str], replacement: Callable[[str], str]):
        self.plain = pattern_for(forms)
        self.html = pattern_for(forms, html=True)
        self.replacement = replacement

    def text(self, obj, name: str, language: str = "en") -> bool:
        """Rewrite one plain-text attribute; True when it changed."""
        new = replace_in(getattr(obj, name), self.plain, self.replacement(language))
        return self._set(obj, name, new)

    def markup(self, obj, name: str, language: str = "en") -> bool:
        """Rewrite one sanitized-HTML attribute (the replacement is escaped)."""
        new = replace_in(getattr(obj, name), self.html, str(escape(self.replacement(language))))
        return self._set(obj, name, new)

    @staticmethod
    def _set(obj, name: str, value: str) -> bool:
        if value == (getattr(obj, name) or ""):
            return False
        setattr(obj, name, value)
        return True


def scope_groups(group_ids: set[int]) -> tuple[set[int], set[int]]:
    """(the exchanges of these groups, these groups and their twins)."""
    either = db.or_(
        Exchange.inviting_group_id.in_(group_ids), Exchange.invited_group_id.in_(group_ids)
    )
    rows = db.session.execute(
        db.select(Exchange.id, Exchange.inviting_group_id, Exchange.invited_group_id).where(either)
    ).all()
    exchanges = {row[0] for row in rows}
    groups = set(group_ids) | {row[1] for row in rows} | {row[2] for row in rows}
    return exchanges, groups


def rewrite_everywhere(rewriter: Rewriter, group_ids: set[int]) -> None:
    """Rewrite the name in every text of the groups' exchanges (no commit)."""
    exchange_ids, groups = scope_groups(group_ids)
    for group in db.session.scalars(db.select(Group).where(Group.id.in_(group_ids))):
        rewriter.text(group, "presentation")
    for exchange in db.session.scalars(db.select(Exchange).where(Exchange.id.in_(exchange_ids))):
        for name in ("title", "description", "invitation_message", "decline_reason"):
            rewriter.text(exchange, name)
    story_ids = _rewrite_stories(rewriter, exchange_ids, groups)
    _rewrite_comments(rewriter, story_ids)
    _rewrite_log(rewriter, groups)
    _rewrite_notifications(rewriter, groups)


def _rewrite_stories(rewriter: Rewriter, exchange_ids: set[int], groups: set[int]) -> list[int]:
    in_scope = db.or_(
        Story.round_id.in_(db.select(Round.id).where(Round.exchange_id.in_(exchange_ids))),
        Story.group_id.in_(groups),
    )
    ids = []
    for story in db.session.scalars(db.select(Story).where(in_scope)):
        ids.append(story.id)
        lang = story.language
        changed = rewriter.text(story, "title", lang) | rewriter.text(story, "feedback", lang)
        for block in story.blocks:
            changed |= rewriter.markup(block, "body_html", lang)
            changed |= rewriter.text(block, "text", lang) | rewriter.text(
                block, "attribution", lang
            )
        for item in db.session.scalars(db.select(MediaItem).filter_by(story_id=story.id)):
            changed |= any([rewriter.text(item, name, lang) for name in MEDIA_WORDS])
        if changed:
            story.updated_at = utcnow()  # pages, feeds and their cache see the change
    for item in db.session.scalars(
        db.select(MediaItem).where(MediaItem.story_id.is_(None), MediaItem.group_id.in_(groups))
    ):
        for name in MEDIA_WORDS:
            rewriter.text(item, name)
    return ids


def _rewrite_comments(rewriter: Rewriter, story_ids: list[int]) -> None:
    query = db.select(Comment).where(Comment.story_id.in_(story_ids))
    for comment in db.session.scalars(query):
        rewriter.text(comment, "body", comment.story.language)
        rewriter.text(comment, "reason")


def _rewrite_log(rewriter: Rewriter, groups: set[int]) -> None:
    for entry in db.session.scalars(
        db.select(ModerationEntry).where(ModerationEntry.group_id.in_(groups))
    ):
        rewriter.text(entry, "reason")
    either = db.or_(Report.group_id.in_(groups), Report.other_group_id.in_(groups))
    for report in db.session.scalars(db.select(Report).where(either)):
        rewriter.text(report, "text")
    for appeal in db.session.scalars(db.select(Appeal).where(Appeal.group_id.in_(groups))):
        rewriter.text(appeal, "text")
        rewriter.text(appeal, "answer")


def _rewrite_notifications(rewriter: Rewriter, groups: set[int]) -> None:
    members = db.select(User.id).where(User.group_id.in_(groups))
    leaders = db.select(group_educator.c.user_id).where(group_educator.c.group_id.in_(groups))
    query = db.select(Notification, User.locale).join(User, Notification.user_id == User.id)
    query = query.where(db.or_(User.id.in_(members), User.id.in_(leaders)))
    for notification, locale in db.session.execute(query):
        params = dict(notification.params or {})
        replacement = rewriter.replacement(locale or "fr")
        new = {
            key: replace_in(value, rewriter.plain, replacement) if isinstance(value, str) else value
            for key, value in params.items()
        }
        if new != params:
            notification.params = new
