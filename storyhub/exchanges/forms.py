"""Forms of the exchanges area: the twin finder, the invitation, a round, themes."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from storyhub.accounts.forms import REQUIRED
from storyhub.core.forms import FlaskForm
from storyhub.exchanges.rounds import RoundDetails
from storyhub.exchanges.services import QUESTION_MAX, TEXT_MAX, TITLE_MAX
from storyhub.groups.forms import MultiCheckboxField

BAD_DATE = _l("Enter a date as YYYY-MM-DD (for example 2027-03-15).")
AGES = _l("Enter an age between 11 and 25.")
IGNORED = _l("This filter was not understood; it is ignored.")


class PickField(SelectField):
    """A select whose unknown values get a clear message."""

    def __init__(self, *args, invalid=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid = invalid or _l("Choose from the list.")

    def pre_validate(self, form):
        if self.data not in {str(value) for value, _label in self.choices}:
            raise ValidationError(self.invalid)


class PickManyField(MultiCheckboxField):
    """Checkboxes whose unknown values get a clear message."""

    def __init__(self, *args, invalid=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid = invalid or _l("Choose from the list.")
        self.type = "MultiCheckboxField"  # the field macro draws it as a fieldset of checkboxes

    def pre_validate(self, form):
        known = {str(value) for value, _label in self.choices}
        if any(value not in known for value in self.data or ()):
            raise ValidationError(self.invalid)


class DayField(DateField):
    """A date whose unreadable values get a message showing the format."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(BAD_DATE)) from None


class AgeField(IntegerField):
    """An age whose unreadable values get a clear message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(AGES)) from None


def too_long(limit: int):
    """A Length validator whose message states the limit."""
    return Length(max=limit, message=_l("At most %(max)d characters.", max=limit))


class FinderForm(FlaskForm):
    """Filters of the twin finder, read from the URL (GET: no CSRF token)."""

    class Meta:
        csrf = False

    territory = PickField(_l("Territory"), invalid=IGNORED, default="")
    country = PickField(_l("Country"), invalid=IGNORED, default="")
    language = PickField(_l("Language"), invalid=IGNORED, default="")
    age_from = AgeField(_l("Ages from"), validators=[Optional(), NumberRange(11, 25, AGES)])
    age_to = AgeField(_l("Ages up to"), validators=[Optional(), NumberRange(11, 25, AGES)])
    theme = PickField(_l("Theme"), invalid=IGNORED, default="")

    FILTERS = ("territory", "country", "language", "age_from", "age_to", "theme")


class InviteForm(FlaskForm):
    """Invite a group to an exchange."""

    from_group = PickField(
        _l("Invite from my group"),
        validators=[InputRequired(REQUIRED)],
        invalid=_l("Choose one of the groups you lead."),
    )
    title = StringField(
        _l("Title of the exchange"), validators=[DataRequired(REQUIRED), too_long(TITLE_MAX)]
    )
    description = TextAreaField(
        _l("Short description"), validators=[Optional(), too_long(TEXT_MAX)]
    )
    themes = PickManyField(
        _l("Themes"),
        validators=[DataRequired(_l("Choose at least one theme."))],
        invalid=_l("Choose themes from the list."),
    )
    languages = PickManyField(
        _l("Languages of the exchange"),
        validators=[DataRequired(_l("Choose at least one language."))],
        invalid=_l("Choose languages from the list."),
    )
    starts_on = DayField(_l("Starts on"), validators=[Optional()])
    ends_on = DayField(_l("Ends on"), validators=[Optional()])
    message = TextAreaField(
        _l("Message to the educators of the group"), validators=[Optional(), too_long(TEXT_MAX)]
    )
    confirm_age_gap = BooleanField(_l("We confirm this twinning despite the age gap"))


class DeclineForm(FlaskForm):
    """Decline an invitation, saying why if one wishes."""

    reason = TextAreaField(
        _l("Reason (optional, the inviting educators will read it)"),
        validators=[Optional(), too_long(TEXT_MAX)],
    )


class RoundForm(FlaskForm):
    """Propose a round: a question both sides answer."""

    question = StringField(
        _l("Question"), validators=[DataRequired(REQUIRED), too_long(QUESTION_MAX)]
    )
    guidance = TextAreaField(
        _l("Guidance for the young people (optional)"), validators=[Optional(), too_long(TEXT_MAX)]
    )
    opens_on = DayField(_l("Opens on"), validators=[InputRequired(REQUIRED)])
    closes_on = DayField(_l("Closes on"), validators=[InputRequired(REQUIRED)])

    def details(self) -> RoundDetails:
        """What the educator typed, as the rounds service takes it."""
        return RoundDetails(
            question=self.question.data,
            guidance=self.guidance.data or "",
            opens_on=self.opens_on.data,
            closes_on=self.closes_on.data,
        )


class GroupThemesForm(FlaskForm):
    """The themes a group would like to explore with a twin."""

    themes = PickManyField(
        _l("Themes we would like to explore"), invalid=_l("Choose themes from the list.")
    )


class ThemeForm(FlaskForm):
    """A theme of the curated list, named in English and French."""

    name_en = StringField(_l("Name in English"), validators=[DataRequired(REQUIRED), too_long(80)])
    name_fr = StringField(_l("Name in French"), validators=[DataRequired(REQUIRED), too_long(80)])
