"""Moderation pages: the queue of what waits, a story's review page, and the read-only log."""

from functools import wraps

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from storyhub.core.flags import highlight
from storyhub.core.inputs import bounded_int
from storyhub.core.models import load
from storyhub.core.permissions import verified_educator_required
from storyhub.extensions import db
from storyhub.groups.membership import led_group_ids, moderated_group_ids
from storyhub.groups.models import Group
from storyhub.media.checks import missing_image_consent_by_story
from storyhub.moderation.models import TARGET_STORY
from storyhub.reports.permissions import can_appeal
from storyhub.review import flags, queries
from storyhub.stories.forms import DecisionForm
from storyhub.stories.models import Story
from storyhub.stories.permissions import (
    can_moderate_story,
    can_use_moderation,
    can_view_moderation_log,
)
from storyhub.stories.queries import missing_consent
from storyhub.stories.services import allowed_actions
from storyhub.stories.translation_queue import waiting_translations
from storyhub.stories.versions import changes_since_last_seen

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
FLAG_KIND_LABELS = {
    "phone": _l("Phone number"),
    "email": _l("E-mail address"),
    "handle": _l("Social media or messaging app"),
    "address": _l("Street address"),
    "watchword": _l("Word to watch"),
}


def moderation_required(view):
    """Verified educators and admins; an educator waiting for verification only once they have
    a sandbox (storyhub/sandbox), whose practice groups are then all they moderate."""
    checked = verified_educator_required(view)

    @wraps(view)
    def wrapped(*args, **kwargs):
        pending = current_user.is_authenticated and current_user.is_pending
        if pending and can_use_moderation(current_user):
            return view(*args, **kwargs)
        return checked(*args, **kwargs)

    return wrapped


@bp.app_template_global()
def moderation_queue_count() -> int:
    """The number beside the Moderation link."""
    return queries.queue_count(current_user)


@bp.app_context_processor
def moderation_helpers():
    """Names of the log's actions, for every template that shows log entries."""
    return {
        "action_labels": queries.ACTION_LABELS,
        "target_labels": queries.TARGET_LABELS,
        "can_moderate_story": can_moderate_story,
        "highlight_flags": highlight,
        "story_flags": flags.story_flags,
        "media_flags": flags.media_flags,
        "comment_flags": flags.comment_flags,
        "invitation_flags": flags.invitation_flags,
        "flag_field_labels": flags.FIELD_LABELS,
        "flag_kind_labels": FLAG_KIND_LABELS,
    }


@bp.get("/")
@moderation_required
def index():
    """What waits for the educator's review, a page at a time, the longest-waiting first."""
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), 10_000)
    stories = queries.waiting_stories(current_user, page)
    return render_template(
        "moderation/queue.html",
        stories=stories,
        translations=waiting_translations(moderated_group_ids(current_user)),
        missing=missing_consent(stories.items),
        image_missing=missing_image_consent_by_story(stories.items),
        decision_form=DecisionForm(),
    )


@bp.get("/stories/<int:story_id>")
@moderation_required
def review(story_id: int):
    """One story with its decision buttons and its log; only its group's educators (and admins)."""
    story = load(Story, story_id)
    if story is None or not can_view_moderation_log(current_user, story.group_id):
        abort(404)
    return render_template(
        "moderation/review.html",
        story=story,
        actions=allowed_actions(current_user, story),
        can_moderate=can_moderate_story(current_user, story),
        can_appeal=can_appeal(current_user, story),
        missing=missing_consent([story]).get(story.id, []),
        entries=queries.target_log(TARGET_STORY, story.id),
        decision_form=DecisionForm(),
        since=changes_since_last_seen(story),
    )


@bp.get("/log")
@moderation_required
def log():
    """Every decision taken in the user's groups (all groups for admins); never editable."""
    page = bounded_int(request.args.get("page"), 1, 10_000, default=1)
    group_id = bounded_int(request.args.get("group"))
    target_type = request.args.get("type", "")
    if target_type not in queries.TARGET_LABELS:
        target_type = ""
    entries = queries.log_page(current_user, page, group_id, target_type)
    groups = _log_groups()
    return render_template(
        "moderation/log.html",
        entries=entries,
        targets=queries.describe_targets(entries.items),
        groups=groups,
        group_id=group_id,
        target_type=target_type,
    )


def _log_groups() -> list[Group]:
    if current_user.is_admin:
        return []
    ids = led_group_ids(current_user)
    query = db.select(Group).where(Group.id.in_(ids)).order_by(Group.name)
    return list(db.session.scalars(query)) if ids else []
