"""The story editor's form: the story's details through WTForms, its blocks read by editor.py."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from storyhub.core.forms import FlaskForm
from storyhub.core.inputs import MAX_DB_INTEGER, bounded_int
from storyhub.core.languages import language_choices
from storyhub.groups.forms import MultiCheckboxField
from storyhub.stories.content import MAX_TITLE
from storyhub.stories.services import MAX_REASON

TOO_LONG = _l("Too long: at most %(max)d characters.")


class StoryForm(FlaskForm):
    """Title, co-authors, language, themes, reply; the blocks come alongside."""

    title = StringField(_l("Title"), validators=[Length(max=MAX_TITLE, message=TOO_LONG)])
    author_ids = SelectMultipleField(_l("Authors"), coerce=int)
    language = SelectField(_l("Language of the story"))
    theme_ids = MultiCheckboxField(_l("Themes"), coerce=int)
    in_reply_to_id = SelectField(_l("In reply to"), coerce=int, default=0)
    note = TextAreaField(
        _l("What did you correct? (optional)"), validators=[Length(max=500, message=TOO_LONG)]
    )
    form_token = HiddenField()
    revision = HiddenField()  # the story's revision the editor started from (conflicts)

    def set_choices(self, members, themes, replies, locale: str) -> None:
        """Fill the lists from the group, the exchange and the round."""
        self.author_ids.choices = [(m.id, m.display_name) for m in members]
        self.language.choices = language_choices()
        self.theme_ids.choices = [(t.id, t.name(locale)) for t in themes]
        self.in_reply_to_id.choices = [(0, _l("No, it answers the round's question"))] + [
            (s.id, f"{s.title} — {s.group.name}") for s in replies
        ]

    def base_revision(self) -> int | None:
        """The revision this form was opened at (None when the form did not say)."""
        return bounded_int(self.revision.data, 0, MAX_DB_INTEGER)


class DecisionForm(FlaskForm):
    """An educator's decision on a story, with feedback or a reason when needed."""

    reason = TextAreaField(_l("Feedback"), validators=[Length(max=MAX_REASON, message=TOO_LONG)])
    next = HiddenField()


class TranslationForm(FlaskForm):
    """A translation by the twin group: its language and title (the blocks: translation_views)."""

    language = SelectField(_l("Language of your translation"))
    title = StringField(
        _l("Title in your language"),
        validators=[InputRequired(_l("Give the title in your language.")), Length(max=200)],
    )
