"""The report form (anyone, signed in or not), the decision form and the appeal forms."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from storyhub.core.forms import FlaskForm
from storyhub.reports.models import (
    REASON_BULLYING,
    REASON_CHILD_DATA,
    REASON_COPYRIGHT,
    REASON_OTHER,
    REASON_STRANGER,
    REASON_UNSUITABLE,
)

REASON_LABELS = {
    REASON_CHILD_DATA: _l("Personal information about a child"),
    REASON_BULLYING: _l("Bullying or hate"),
    REASON_STRANGER: _l("Contact from a stranger"),
    REASON_UNSUITABLE: _l("Not suitable for young people"),
    REASON_COPYRIGHT: _l("Copyright"),
    REASON_OTHER: _l("Something else"),
}
TOO_LONG = _l("Too long: at most %(max)d characters.")


class ReportForm(FlaskForm):
    """Report a problem: a reason from the fixed list, optional words and address."""

    reason = RadioField(
        _l("What is the problem?"),
        choices=list(REASON_LABELS.items()),
        validators=[DataRequired(_l("Choose what the problem is."))],
    )
    text = TextAreaField(
        _l("Tell us more (optional)"),
        validators=[Optional(), Length(max=2000, message=TOO_LONG)],
    )
    email = EmailField(
        _l("Your e-mail, if you want an answer (optional)"),
        validators=[
            Optional(),
            Email(_l("This e-mail address does not look right.")),
            Length(max=254),
        ],
    )
    # Left empty by people; robots fill every field.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])


class DecisionForm(FlaskForm):
    """A decision on a reported item, with the reason the authors will read."""

    reason = TextAreaField(
        _l("Why (the authors and their educator read it)"),
        validators=[Optional(), Length(max=2000, message=TOO_LONG)],
    )


class AppealForm(FlaskForm):
    """An educator asks the admins to look again at a decision."""

    text = TextAreaField(
        _l("Why should the admins look again?"),
        validators=[
            DataRequired(_l("Say why the admins should look again.")),
            Length(max=2000, message=TOO_LONG),
        ],
    )


class AppealAnswerForm(FlaskForm):
    """An admin's answer to an appeal."""

    answer = StringField(
        _l("Answer to the educator"),
        validators=[
            DataRequired(_l("Write an answer for the educator.")),
            Length(max=500, message=TOO_LONG),
        ],
    )
