"""Forms of the rights pages."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from storyhub.core.flags import DisplayNameRule
from storyhub.core.forms import FlaskForm

REQUIRED = _l("This field is required.")


class DeleteAccountForm(FlaskForm):
    """An adult confirms the deletion of their own account with their password."""

    password = PasswordField(_l("Your password"), validators=[DataRequired(REQUIRED)])
    understood = BooleanField(
        _l("I understand that this cannot be undone."), validators=[DataRequired(REQUIRED)]
    )


class NameForm(FlaskForm):
    """A display name: asked for by a young person, set by an educator."""

    display_name = StringField(
        _l("New first name or nickname"),
        validators=[DataRequired(REQUIRED), Length(max=40), DisplayNameRule()],
    )


class ProfileForm(FlaskForm):
    """An adult's own name and organisation."""

    display_name = StringField(
        _l("Your name"), validators=[DataRequired(REQUIRED), Length(max=80), DisplayNameRule()]
    )
    organisation = StringField(_l("Organisation"), validators=[Length(max=160)])


class EmailForm(FlaskForm):
    """An adult asks to use a new e-mail address (verified by a link sent to it)."""

    email = EmailField(
        _l("New e-mail address"), validators=[DataRequired(REQUIRED), Length(max=254)]
    )
    password = PasswordField(_l("Your password"), validators=[DataRequired(REQUIRED)])
