"""Forms for groups, members and consent."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from storyhub.accounts.forms import REQUIRED
from storyhub.core.flags import DisplayNameRule
from storyhub.core.forms import FlaskForm
from storyhub.groups.ages import AGE_BAND_LABELS, GROUP_AGE_MAX, GROUP_AGE_MIN

AGE_MESSAGE = _l("Enter an age between 11 and 25.")
AGE_BAND_CHOICES = [("", _l("No band yet"))] + list(AGE_BAND_LABELS.items())

KIND_LABELS = {"class": _l("Class"), "club": _l("Club"), "association": _l("Association")}


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class GroupForm(FlaskForm):
    """Create or edit a group."""

    name = StringField(
        _l("Public name of the group"), validators=[DataRequired(REQUIRED), Length(max=120)]
    )
    internal_name = StringField(
        _l("Internal name (only the group's educators see it)"),
        validators=[Optional(), Length(max=120)],
    )
    keep_name = BooleanField(_l("Keep this public name: it does not tell the school or the class"))
    territory_id = SelectField(_l("Territory"), coerce=int, validators=[InputRequired(REQUIRED)])
    kind = SelectField(
        _l("Kind"), choices=list(KIND_LABELS.items()), validators=[DataRequired(REQUIRED)]
    )
    age_min = IntegerField(
        _l("Youngest age"),
        validators=[
            InputRequired(REQUIRED),
            NumberRange(GROUP_AGE_MIN, GROUP_AGE_MAX, AGE_MESSAGE),
        ],
        description=_l("Only the educators see the ages of the group, never the public."),
    )
    age_max = IntegerField(
        _l("Oldest age"),
        validators=[
            InputRequired(REQUIRED),
            NumberRange(GROUP_AGE_MIN, GROUP_AGE_MAX, AGE_MESSAGE),
        ],
    )
    languages = MultiCheckboxField(
        _l("Languages"), validators=[DataRequired(_l("Choose at least one language."))]
    )
    presentation = TextAreaField(
        _l("Short presentation"), validators=[Optional(), Length(max=2000)]
    )
    open_to_twinning = BooleanField(_l("Open to twinning with another group"))


class CoEducatorForm(FlaskForm):
    """Invite a co-educator by email."""

    email = EmailField(
        _l("Email of the educator"),
        validators=[DataRequired(REQUIRED), Email(_l("Enter a valid email address."))],
    )


class BulkMembersForm(FlaskForm):
    """Create several accounts from a list of names."""

    names = TextAreaField(
        _l("First names or nicknames, one per line"),
        validators=[DataRequired(REQUIRED), Length(max=4000), DisplayNameRule()],
    )
    age_band = SelectField(_l("Age band"), choices=AGE_BAND_CHOICES, validators=[Optional()])


class AgeBandForm(FlaskForm):
    """The age band of one young person, recorded by an educator of the group."""

    age_band = SelectField(_l("Age band"), choices=AGE_BAND_CHOICES, validators=[Optional()])


CONSENT_CHOICES = [
    ("public", _l("Yes, on the public site (and inside the exchange)")),
    ("exchange", _l("Yes, inside the exchange only (the two groups, not the public)")),
    ("no", _l("No")),
]


class ConsentForm(FlaskForm):
    """Record parental and image consent for one young person: scope, date, form reference."""

    parental = RadioField(
        _l("Parental consent (stories they write)"),
        choices=CONSENT_CHOICES,
        validators=[InputRequired(REQUIRED)],
    )
    image = RadioField(
        _l("Image consent (photos and videos where they appear)"),
        choices=CONSENT_CHOICES,
        validators=[InputRequired(REQUIRED)],
    )
    given_on = DateField(_l("Date of the signed form"), validators=[Optional()])
    form_reference = StringField(
        _l("Reference of the signed form (optional)"),
        validators=[Optional(), Length(max=120)],
        description=_l(
            "For example the reference printed on the letter, or where the paper is kept."
        ),
    )
