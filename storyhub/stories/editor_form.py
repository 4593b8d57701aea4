"""The story editor's form, shared by the editor page and its autosave: building it for a story
(or a new one), and saving what it sends once (a new story is never created twice)."""

import secrets

from flask import session, url_for
from flask_babel import get_locale
from flask_login import current_user

from storyhub.core.languages import CONTENT_LANGUAGES
from storyhub.exchanges.models import Round, Theme
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.stories import queries, services
from storyhub.stories.content import story_group_members
from storyhub.stories.forms import StoryForm
from storyhub.stories.models import Story
from storyhub.stories.permissions import can_autosave_story, can_edit_story

TOKENS_KEPT = 20


def story_form(round_: Round, group_id: int, story: Story | None) -> StoryForm:
    """The editor's form, with its lists, filled from the story when not submitted."""
    form = StoryForm()
    themes = round_.exchange.themes or db.session.scalars(db.select(Theme).order_by(Theme.slug))
    form.set_choices(
        story_group_members(group_id),
        list(themes),
        queries.reply_choices(current_user, round_, story.id if story else None),
        str(get_locale()),
    )
    if not form.is_submitted():
        fill(form, story, group_id)
    return form


def fill(form: StoryForm, story: Story | None, group_id: int) -> None:
    """Put a saved story (or a new story's defaults) into the form."""
    if story is None:
        group = db.session.get(Group, group_id)
        codes = [c for c in group.language_codes if c in CONTENT_LANGUAGES]
        form.language.data = codes[0] if codes else "fr"
        form.author_ids.data = [current_user.id] if current_user.is_young else []
        form.form_token.data = secrets.token_urlsafe(16)
        return
    form.title.data = story.title
    form.language.data = story.language
    form.author_ids.data = [a.id for a in story.authors]
    form.theme_ids.data = [t.id for t in story.themes]
    form.in_reply_to_id.data = story.in_reply_to_id or 0
    form.revision.data = str(story.revision)


def story_of_token(token: str | None) -> Story | None:
    """The story a new-story form already created (the same form sent again), if any."""
    tokens, token = session.get("story_tokens", {}), (token or "")[:64]
    story_id = tokens.get(token) if token else None
    return db.session.get(Story, story_id) if story_id else None


def save_from_editor(
    round_: Round,
    story: Story | None,
    data: services.StoryInput,
    form: StoryForm,
    submit: bool,
) -> Story:
    """Save the editor (and send the story, in the same transaction, when `submit`); a second
    send of the same new-story form updates, never duplicates. The form's revision guards
    against overwriting another save (EditConflict)."""
    token = (form.form_token.data or "")[:64]
    if story is None:
        story = story_of_token(token)
        if story is not None and not can_edit_story(current_user, story):
            return story
    if story is not None:
        services.save_story(story, current_user, data, submit=submit, revision=form.base_revision())
        return story
    story = services.start_story(round_, current_user, data, submit=submit)
    if token:
        tokens = session.get("story_tokens", {})
        tokens = dict(list(tokens.items())[-(TOKENS_KEPT - 1) :]) | {token: story.id}
        session["story_tokens"] = tokens
    return story


def autosave_url(round_: Round, story: Story | None) -> str | None:
    """Where the editor saves by itself (None: it does not, for this person and story)."""
    if story is None:
        return url_for("autosave.new_story", round_id=round_.id)
    if can_autosave_story(current_user, story):
        return url_for("autosave.story", story_id=story.id)
    return None
