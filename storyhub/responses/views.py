"""Responses: react to a story, comment on it, answer a comment, moderate comments.

Every endpoint is a POST that redirects back (to the story, or to the page in `next`) with a
flash message; reactions also answer JSON to the progressive script.
"""

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.core.errors import DomainError
from storyhub.core.limits import per_person
from storyhub.core.security import is_safe_next
from storyhub.extensions import db, limiter
from storyhub.responses import links, services
from storyhub.responses.drafts import keep_draft, take_draft
from storyhub.responses.models import REACTION_KINDS, Comment
from storyhub.responses.permissions import (
    can_answer,
    can_comment,
    can_react,
    can_view_comment,
)
from storyhub.responses.queries import pending_comments_for, story_responses
from storyhub.stories.models import Story
from storyhub.stories.permissions import can_view_story

bp = Blueprint("responses", __name__, url_prefix="/responses")


def reaction_label(kind: str) -> str:
    """The reaction's words in the interface language."""
    labels = {
        "learned": _("I learned something"),
        "same_here": _("Same here"),
        "thank_you": _("Thank you"),
        "question": _("I have a question"),
    }
    return labels.get(kind, kind)


def _comment_limit() -> str:
    return current_app.config.get("COMMENT_RATE_LIMIT", "10 per minute;60 per hour")


@bp.app_template_global("story_responses")
def story_responses_global(story):
    """Jinja: what the responses part of a story page needs (with a refused text kept for it)."""
    draft = take_draft(story.id) if story is not None else None
    return story_responses(story, current_user, draft)


@bp.app_template_global("pending_comments_for")
def pending_comments_global(user):
    """Jinja: the comments waiting for this educator, oldest first."""
    return pending_comments_for(user)


@bp.app_template_global()
def comment_is(comment: Comment, phase: str) -> bool:
    """Templates (and their macros) ask the comment's lifecycle its phase."""
    return services.COMMENT.is_in(comment, phase)


@bp.app_template_global()
def comment_label(status: str) -> str:
    """The words for a comment's status, from its lifecycle."""
    return services.COMMENT.label(status)


@bp.app_context_processor
def inject_response_helpers():
    """Labels and predicates the partials use."""
    return {
        "reaction_kinds": REACTION_KINDS,
        "reaction_label": reaction_label,
        "comment_actions": services.allowed_actions,
        "max_comment_length": services.MAX_COMMENT_LENGTH,
        "story_path": links.story_path,
    }


def _story_or_404(story_id: int) -> Story:
    story = db.session.get(Story, story_id)
    if story is None or not can_view_story(current_user, story):
        abort(404)
    return story


def _comment_or_404(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None or not can_view_comment(current_user, comment):
        abort(404)
    return comment


def _back(story_id: int, anchor: str = "responses"):
    target = request.form.get("next")
    if is_safe_next(target):
        return redirect(target if "#" in target else f"{target}#{anchor}")
    return redirect(links.story_path(story_id, anchor))


@bp.post("/stories/<int:story_id>/react")
@login_required
def react(story_id: int):
    """Turn one kind reaction on or off."""
    story = _story_or_404(story_id)
    if not can_react(current_user, story):
        abort(403)
    kind = request.form.get("kind", "")
    if kind not in REACTION_KINDS:
        abort(400)
    state = request.form.get("state")
    wanted = {"on": True, "off": False}.get(state)
    try:
        on = services.set_reaction(current_user, story, kind, wanted)
    except DomainError as error:
        flash(error.message, "error")
        return _back(story.id)
    if request.accept_mimetypes.best == "application/json":
        counts = story_responses(story, current_user).counts
        return jsonify(kind=kind, on=on, count=counts[kind])
    return _back(story.id)


@bp.post("/stories/<int:story_id>/comments")
@login_required
@limiter.limit(_comment_limit, key_func=per_person)
def comment(story_id: int):
    """Send a comment or a question to the writer's educators."""
    story = _story_or_404(story_id)
    if not can_comment(current_user, story):
        abort(403)
    body = request.form.get("body", "")
    try:
        created = services.post_comment(current_user, story, body)
    except DomainError as error:
        keep_draft(story.id, None, body, error.message)
        return _back(story.id, "comment-form")
    flash(_sent_message(created), "success")
    return _back(story.id, f"comment-{created.id}")


@bp.post("/comments/<int:comment_id>/answer")
@login_required
@limiter.limit(_comment_limit, key_func=per_person)
def answer(comment_id: int):
    """The story's authors answer a published comment."""
    parent = _comment_or_404(comment_id)
    if not can_answer(current_user, parent):
        abort(403)
    body = request.form.get("body", "")
    try:
        created = services.answer_comment(current_user, parent, body)
    except DomainError as error:
        keep_draft(parent.story_id, parent.id, body, error.message)
        return _back(parent.story_id, f"answer-form-{parent.id}")
    flash(_sent_message(created), "success")
    return _back(parent.story_id, f"comment-{created.id}")


def _sent_message(created: Comment) -> str:
    if created.status == services.COMMENT_APPROVED:
        return _("Your message is published.")
    if created.review_group_id == created.group_id:
        return _("Thank you! Your educator will read your message before it appears.")
    return _(
        "Thank you! The educators of the story's group will read your message before it appears."
    )


@bp.post("/comments/<int:comment_id>/<any(approve, reject, unpublish, hide):action>")
@login_required
def moderate(comment_id: int, action: str):
    """Review (the side whose turn it is), unpublish (the writer's side) or hide (the story's
    educators, admins) a comment."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or not can_view_comment(current_user, comment):
        abort(404)
    if not services.TRANSITIONS[action].may(current_user, comment):
        abort(403)
    try:
        services.moderate_comment(comment, current_user, action, request.form.get("reason", ""))
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_MODERATED[action](), "success")
    return _back(comment.story_id, f"comment-{comment.id}")


_MODERATED = {
    "approve": lambda: _("The comment is published."),
    "reject": lambda: _("The comment is rejected; its writer will see your reason."),
    "unpublish": lambda: _("The comment is unpublished; its writer will see your reason."),
    "hide": lambda: _("The comment is hidden; its writer and their educators are told why."),
}
