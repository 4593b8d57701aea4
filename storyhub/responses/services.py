"""Reactions and comments: every write; the life of a comment is declared in `life.py`.

Life of a comment: written → `submitted` → `approved` (shown under the story) or `rejected`
(with a reason the writer reads). Whoever writes it, the story's side decides: a young person's
comment is reviewed by their own educators first, then (if the story belongs to the other group)
by the story's educators; an adult's comment goes to the story's educators. Only an educator of
the story's own group publishes their own answer at once. An approved comment can be
`unpublished` by the writer's educators (back to rejected), and the story's educators or an
admin can `hide` any comment at any time; both with a reason. Every step is in the moderation
log; every notice to a young person is copied to their educators.
"""

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from storyhub.accounts.models import User
from storyhub.core import lifecycle
from storyhub.core.errors import DomainError
from storyhub.core.lifecycle import Transition
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.membership import leads_group
from storyhub.groups.models import Group
from storyhub.moderation.services import log_transition
from storyhub.notifications.services import notify, notify_once
from storyhub.responses import links
from storyhub.responses.life import COMMENT
from storyhub.responses.life import plain_text as _plain
from storyhub.responses.models import (
    COMMENT_APPROVED,
    COMMENT_HIDDEN,
    COMMENT_SUBMITTED,
    REACTION_KINDS,
    Comment,
    Reaction,
)
from storyhub.responses.permissions import (
    can_answer,
    can_comment,
    can_react,
    twin_group_id,
)
from storyhub.stories.models import Story

MAX_COMMENT_LENGTH = 1000

TARGET = "comment"


TRANSITIONS = COMMENT.transitions


def allowed_actions(user: User, comment: Comment) -> list[str]:
    """The moderation actions user may take on comment now (for buttons)."""
    return COMMENT.allowed_actions(user, comment)


def clean_comment_body(body: str | None) -> str:
    """The comment's text, or a DomainError saying what is wrong with it."""
    text = _plain(body)
    if not text:
        raise DomainError(_("Please write your comment or question before sending it."))
    if len(text) > MAX_COMMENT_LENGTH:
        raise DomainError(
            _(
                "A comment can be at most %(max)d characters long; yours has %(count)d.",
                max=MAX_COMMENT_LENGTH,
                count=len(text),
            )
        )
    return text


def _educators_of(group_id: int) -> list[User]:
    group = db.session.get(Group, group_id)
    return [e for e in group.educators if e.is_verified] if group else []


def _story_people(story: Story) -> list[User]:
    """The story's authors, and whoever created it for the group."""
    people = list(story.authors)
    if story.created_by is not None:
        people.append(story.created_by)
    return people


# --- reactions ------------------------------------------------------------------------------


def set_reaction(user: User, story: Story, kind: str, on: bool | None = None) -> bool:
    """Add or remove one kind reaction (toggle when on is None); returns whether it is on now."""
    if kind not in REACTION_KINDS:
        raise DomainError(_("This reaction does not exist."))
    if not can_react(user, story):
        raise DomainError(_("Only the twin group can react to this story."))
    query = db.select(Reaction).filter_by(story_id=story.id, user_id=user.id, kind=kind)
    existing = db.session.scalar(query)
    wanted = (existing is None) if on is None else on
    if wanted and existing is None:
        db.session.add(Reaction(story_id=story.id, user_id=user.id, kind=kind))
        # The authors hear of it, one unread notice per story however many reactions come.
        authors = [a for a in story.authors if a.id != user.id]
        notify_once(authors, "reactions_received", links.story_path(story.id), story=story.title)
    elif not wanted and existing is not None:
        db.session.delete(existing)
    try:
        db.session.commit()
    except IntegrityError:  # the same click twice at once: the reaction is there, as wanted
        db.session.rollback()
    return wanted


# --- writing comments -----------------------------------------------------------------------


def _same_comment(author: User, story: Story, parent_id: int | None, body: str) -> Comment | None:
    """A comment already sent with these words (a double submit): not created twice."""
    query = db.select(Comment).filter_by(
        story_id=story.id, author_id=author.id, parent_id=parent_id, body=body
    )
    query = query.where(Comment.status.in_((COMMENT_SUBMITTED, COMMENT_APPROVED)))
    return db.session.scalar(query.limit(1))


def first_reviewers(author: User, story: Story, group_id: int) -> int | None:
    """The side whose educators look at a new comment first; None: published at once.

    A young person's comment goes to their own educators; an adult's to the story's group.
    Only an educator of the story's own group publishes at once (they moderate that side).
    """
    if author.is_young:
        return group_id
    if leads_group(author, story.group_id):
        return None
    return story.group_id


def _create(author: User, story: Story, group_id: int, body: str, parent: Comment | None):
    text = clean_comment_body(body)
    parent_id = parent.id if parent else None
    existing = _same_comment(author, story, parent_id, text)
    if existing is not None:
        return existing
    reviewers = first_reviewers(author, story, group_id)
    status = COMMENT_SUBMITTED if reviewers is not None else COMMENT_APPROVED
    comment = Comment(
        story=story,
        author=author,
        group_id=group_id,
        review_group_id=reviewers,
        parent=parent,
        body=text,
        status=status,
    )
    if reviewers is None:
        comment.moderated_by_id, comment.moderated_at = author.id, utcnow()
    db.session.add(comment)
    db.session.flush()
    log_group = reviewers if reviewers is not None else story.group_id
    log_transition(TARGET, comment.id, log_group, author, "submit", "", COMMENT_SUBMITTED)
    if reviewers is None:
        log_transition(TARGET, comment.id, log_group, author, "approve", COMMENT_SUBMITTED, status)
        _notify_published(comment, author)
    else:
        _ask_review(comment)
    db.session.commit()
    return comment


def _ask_review(comment: Comment) -> None:
    link = links.queue_path(comment.story_id, comment.id)
    notify(
        _educators_of(comment.review_group_id), "comment_submitted", link, story=comment.story.title
    )


def post_comment(author: User, story: Story, body: str | None) -> Comment:
    """A member of the twin group writes a comment or question; their educators review it."""
    if not can_comment(author, story):
        raise DomainError(_("Only the twin group can comment on this story."))
    return _create(author, story, twin_group_id(story), body, None)


def answer_comment(author: User, comment: Comment, body: str | None) -> Comment:
    """The story's authors answer a published comment; their own educators review the answer."""
    if not can_answer(author, comment):
        raise DomainError(_("Only the story's authors can answer a published comment."))
    return _create(author, comment.story, comment.story.group_id, body, comment)


# --- moderating comments --------------------------------------------------------------------


def _next_step(comment: Comment, transition: Transition) -> tuple[str, int | None]:
    """(status, side to review next) after this step: approving for the writer's side only
    sends the comment on to the story's educators."""
    story_side = comment.story.group_id
    if transition.target == COMMENT_APPROVED and comment.review_group_id != story_side:
        return COMMENT_SUBMITTED, story_side
    return transition.target, None


def moderate_comment(comment: Comment, actor: User, action: str, reason: str = "") -> Comment:
    """Take one step of the comment's life (approve, reject, unpublish, hide) if actor may."""
    reviewing = comment.review_group_id

    def write(comment: Comment, transition, source: str) -> bool:
        target, next_reviewers = _next_step(comment, transition)
        return lifecycle.compare_and_set(
            comment,
            {"status": source, "review_group_id": reviewing},
            {"status": target, "review_group_id": next_reviewers}
            | {"moderated_by_id": actor.id, "moderated_at": utcnow()},
        )

    def effect(comment: Comment, actor: User, reason: str) -> None:
        comment.reason = reason
        _log_step(comment, actor, action, source, reviewing, reason)
        _notify_moderated(comment, actor)

    source = comment.status
    return COMMENT.take(comment, actor, action, reason, write=write, effect=effect)


def _log_step(comment, actor, action, source, reviewing, reason) -> None:
    """One entry in the log of the side that acted; a hand-over also enters the story's log."""
    story_side = comment.story.group_id
    if comment.status == COMMENT_SUBMITTED:  # passed on by the writer's educators
        log_transition(TARGET, comment.id, reviewing, actor, "forward", source, comment.status)
        log_transition(TARGET, comment.id, story_side, actor, "submit", "", comment.status)
        return
    group_id = {"unpublish": comment.group_id, "hide": story_side}.get(action, reviewing)
    log_transition(
        TARGET, comment.id, group_id or story_side, actor, action, source, comment.status, reason
    )


def approve_comment(comment: Comment, actor: User) -> Comment:
    """Publish a submitted comment under its story."""
    return moderate_comment(comment, actor, "approve")


def reject_comment(comment: Comment, actor: User, reason: str) -> Comment:
    """Refuse a submitted comment, with a reason the writer reads."""
    return moderate_comment(comment, actor, "reject", reason)


def unpublish_comment(comment: Comment, actor: User, reason: str) -> Comment:
    """Take a published comment down, with a reason the writer reads."""
    return moderate_comment(comment, actor, "unpublish", reason)


def hide_comment(comment: Comment, actor: User, reason: str) -> Comment:
    """The story's educators or an admin take a comment down, at any time, with a reason."""
    return moderate_comment(comment, actor, "hide", reason)


# --- notifications --------------------------------------------------------------------------


def tell(users, kind: str, link: str, once: bool = False, **params: str) -> None:
    """Notify users; every young person's notice is copied to the educators of their group.
    once: grouped, one unread notice per link however many events (comments, answers)."""
    send = notify_once if once else notify
    people = [u for u in users if u is not None]
    send(people, kind, link, **params)
    for person in people:
        if person.is_young and person.group_id is not None:
            educators = [e for e in _educators_of(person.group_id) if e.id != person.id]
            send(
                educators,
                "copy_to_educator",
                link,
                original=kind,
                name=person.display_name,
                **params,
            )


def _notify_published(comment: Comment, actor: User) -> None:
    story = comment.story
    link = links.story_path(story.id, f"comment-{comment.id}")
    # comments and answers are told grouped: one unread notice per story, leading to them all
    grouped = links.story_path(story.id, "responses")
    if comment.parent is None:
        readers = [p for p in _story_people(story) if p.id != comment.author_id]
        tell(readers, "comment_received", grouped, once=True, story=story.title)
    elif comment.parent.author is not None and comment.parent.author_id != comment.author_id:
        tell([comment.parent.author], "comment_answered", grouped, once=True, story=story.title)
    if comment.author is not None and comment.author_id != actor.id:
        tell([comment.author], "comment_approved", link, story=story.title)


def _notify_moderated(comment: Comment, actor: User) -> None:
    link = links.story_path(comment.story_id, f"comment-{comment.id}")
    if comment.status == COMMENT_APPROVED:
        _notify_published(comment, actor)
    elif comment.status == COMMENT_SUBMITTED:
        _ask_review(comment)
    elif comment.author is not None and comment.author_id != actor.id:
        kind = "comment_hidden" if comment.status == COMMENT_HIDDEN else "comment_rejected"
        tell([comment.author], kind, link, story=comment.story.title, reason=comment.reason)
        if comment.status == COMMENT_HIDDEN and not comment.author.is_young:
            # an adult's own educators are told too: their group's voice was taken down
            educators = _educators_of(comment.group_id)
            educators = [e for e in educators if e.id not in (actor.id, comment.author_id)]
            notify(
                educators,
                "comment_hidden_group",
                link,
                story=comment.story.title,
                name=comment.author.display_name,
                reason=comment.reason,
            )
