"""The story editor's autosave, in JSON and in the person's language: the editor sends its form
a few seconds after typing stops and when the page is left (stories-autosave.js).

It saves only a draft or a story sent back for changes, only for its authors, never changes
its status, cleans and limits what it saves as the editor's own "Save draft" does (same form,
same service), and refuses a save started from an older revision (409), with the other text."""

import os

from flask import Blueprint, current_app, jsonify, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storyhub.core.errors import DomainError
from storyhub.core.i18n import utc_iso
from storyhub.core.limits import per_person
from storyhub.core.models import load, utcnow
from storyhub.exchanges.models import Round
from storyhub.extensions import limiter
from storyhub.stories import editor, editor_form, versions
from storyhub.stories.errors import EditConflict
from storyhub.stories.models import Story
from storyhub.stories.permissions import (
    can_autosave_story,
    can_view_round,
    can_view_story,
    can_write_story,
    writing_group_id,
)

bp = Blueprint("autosave", __name__)
AUTOSAVE_LIMIT = "40 per minute"  # one save every few seconds of typing, with room to spare


def _refuse(status: int, error: str, message: str, **more):
    return jsonify(saved=False, error=error, message=message, **more), status


def _signed_out():
    return _refuse(
        401, "signed_out", _("You are signed out. Sign in again to save: your text is kept here.")
    )


def _story_refusal(story: Story):
    """Why this person may not autosave this story, or None when they may."""
    if story is None or not can_view_story(current_user, story):
        return _refuse(404, "not_found", _("This story cannot be found."))
    if can_autosave_story(current_user, story):
        return None
    if story.is_editable:
        return _refuse(403, "forbidden", _("Only the authors of this story save it as they write."))
    return _refuse(
        409,
        "not_editable",
        _(
            "This story is no longer a draft (sent for review or decided): it cannot be changed here."
        ),
    )


@bp.post("/stories/<int:story_id>/autosave")
@limiter.limit(AUTOSAVE_LIMIT, key_func=per_person)
def story(story_id: int):
    """Save a story's editor as it is, for its authors (JSON)."""
    if not current_user.is_authenticated:
        return _signed_out()
    found = load(Story, story_id)
    refusal = _story_refusal(found)
    return refusal or _save(found.round, found.group_id, found)


@bp.post("/rounds/<int:round_id>/stories/autosave")
@limiter.limit(AUTOSAVE_LIMIT, key_func=per_person)
def new_story(round_id: int):
    """Save a new story's editor: the first save starts the story, later ones (the same form)
    update it (JSON)."""
    if not current_user.is_authenticated:
        return _signed_out()
    round_ = load(Round, round_id)
    if round_ is None or not can_view_round(current_user, round_):
        return _refuse(404, "not_found", _("This round cannot be found."))
    group_id = writing_group_id(current_user, round_.exchange)
    if group_id is None:
        return _refuse(403, "forbidden", _("Only the members of this exchange can write in it."))
    started = editor_form.story_of_token(request.form.get("form_token"))
    if started is not None:
        return _story_refusal(started) or _save(round_, started.group_id, started)
    if not can_write_story(current_user, round_, utcnow()):
        return _refuse(409, "closed", _("This round does not take new stories."))
    return _save(round_, group_id, None)


def _save(round_: Round, group_id: int, story: Story | None):
    form = editor_form.story_form(round_, group_id, story)
    if not form.validate():
        name, errors = next(iter(form.errors.items()))
        if name == "csrf_token":
            return _refuse(400, "expired", _("The page has expired. Reload it to save."))
        return _refuse(400, "invalid", f"{form[name].label.text}: {errors[0]}")
    data = editor.story_input(form, editor.read_blocks(request.form))  # files: the uploader
    try:
        story = editor_form.save_from_editor(round_, story, data, form, submit=False)
    except EditConflict as conflict:
        theirs = versions.content_of(conflict.story)
        return _refuse(409, "conflict", conflict.message, theirs=theirs, **_state(conflict.story))
    except DomainError as error:
        return _refuse(400, "invalid", error.message)
    return jsonify(saved=True, **_state(story))


def _state(story: Story) -> dict:
    """What the editor needs after a save: the revision to start from, where to save next."""
    return {
        "story_id": story.id,
        "revision": story.revision,
        "saved_at": utc_iso(story.updated_at),
        "edit_url": url_for("stories.edit", story_id=story.id),
        "autosave_url": url_for("autosave.story", story_id=story.id),
        "block_ids": [block.id for block in story.blocks],
    }


@bp.get("/editor-worker.js")
def worker():
    """The editor's service worker, from the site's root so that it may look after /stories/
    and /rounds/ (the scopes it is registered for); always checked for a newer version."""
    folder = os.path.join(current_app.static_folder, "js")
    response = send_from_directory(folder, "editor-worker.js", mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response
