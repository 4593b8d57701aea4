"""Translating a story (the twin group) and deciding on a translation (the translator's
educators). The rules and the life of a translation: storyhub/stories/translating.py."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from storyhub.core.errors import DomainError
from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.core.models import load
from storyhub.stories import translating
from storyhub.stories.forms import DecisionForm, TranslationForm
from storyhub.stories.models import Story, StoryTranslation
from storyhub.stories.permissions import can_view_story

bp = Blueprint("translating", __name__)
DONE = {
    "approve": _l("The translation is published: readers can switch to it."),
    "reject": _l("The translation is not published; its translator sees your reason."),
    "unpublish": _l("The translation is no longer published."),
}


@bp.app_template_global()
def translation_allowed(item: StoryTranslation, action: str) -> bool:
    """May the current user take this action on the translation now (templates)?"""
    return translating.TRANSLATION.allowed(current_user, item, action)


@bp.app_template_global()
def translation_is(item: StoryTranslation, phase: str) -> bool:
    """Templates ask the translation's lifecycle its phase (waiting, published)."""
    return translating.TRANSLATION.is_in(item, phase)


@bp.app_template_global()
def translation_label(status: str) -> str:
    """The words for a translation's state (templates)."""
    return translating.TRANSLATION.label(status)


def _story(story_id: int) -> Story:
    story = load(Story, story_id)
    if story is None or not can_view_story(current_user, story):
        abort(404)
    if not translating.can_translate_story(current_user, story):
        abort(403)
    return story


def _texts() -> dict[int, str]:
    """The translated words of each block, from fields named block-<id>."""
    found = {}
    for key, value in request.form.items():
        number = key.removeprefix("block-")
        if number != key and number.isdigit():
            found[int(number)] = value
    return found


def _form(story: Story, own: StoryTranslation | None) -> TranslationForm:
    form = TranslationForm(obj=own) if own is not None else TranslationForm()
    form.language.choices = [
        (code, str(name)) for code, name in CONTENT_LANGUAGES.items() if code != story.language
    ]
    if not form.is_submitted() and own is None:
        form.language.data = translating.default_language(current_user, story)
    return form


@bp.route("/stories/<int:story_id>/translate", methods=["GET", "POST"])
@login_required
def create(story_id: int):
    """The original block by block beside the fields to fill, sent to the educators."""
    story = _story(story_id)
    own = translating.own_translation(current_user, story)
    form = _form(story, own)
    texts = {str(k): v for k, v in _texts().items()} if form.is_submitted() else None
    problem = ""
    if form.validate_on_submit():
        try:
            translating.propose_translation(
                current_user, story, form.language.data, form.title.data, _texts()
            )
            flash(_("Sent! Your educator reads your translation before anyone else."), "success")
            return redirect(url_for("stories.detail", story_id=story.id, _anchor="translations"))
        except DomainError as error:
            problem = error.message
    return render_template(
        "stories/translate.html",
        story=story,
        form=form,
        own=own,
        problem=problem,
        texts=texts if texts is not None else (own.texts if own else {}),
        blocks=translating.translatable_blocks(story),
    ), (400 if form.is_submitted() else 200)


@bp.post("/translations/<int:translation_id>/<action>")
@login_required
def decide(translation_id: int, action: str):
    """Approve, refuse or take down a translation."""
    item = load(StoryTranslation, translation_id)
    if item is None or not translating.can_view_translation(current_user, item):
        abort(404)
    transition = translating.TRANSLATION.transitions.get(action)
    if transition is None:
        abort(404)
    if not transition.may(current_user, item):
        abort(403)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        translating.decide_translation(item, current_user, action, form.reason.data)
        flash(str(DONE[action]), "success")
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("stories.detail", story_id=item.story_id, _anchor="translations"))
