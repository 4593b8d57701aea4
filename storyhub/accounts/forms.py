"""Forms for sign-up, sign-in and passwords."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from storyhub.core.flags import DisplayNameRule
from storyhub.core.forms import FlaskForm
from storyhub.core.passwords import password_problem

REQUIRED = _l("This field is required.")


class PasswordRules:
    """WTForms validator applying the password rules for adults or young people."""

    def __init__(self, young: bool):
        self.young = young

    def __call__(self, form, field):
        problem = password_problem(field.data or "", young=self.young)
        if problem:
            raise ValidationError(problem)


def new_password_fields(young: bool):
    """A password and its confirmation."""
    password = PasswordField(
        _l("Password"), validators=[DataRequired(REQUIRED), PasswordRules(young)]
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(REQUIRED), EqualTo("password", _l("The two passwords differ."))],
    )
    return password, confirm


class LoginForm(FlaskForm):
    """Sign in with an email (adults) or a username (young people)."""

    identifier = StringField(
        _l("Email or username"), validators=[DataRequired(REQUIRED), Length(max=254)]
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED), Length(max=200)])
    remember = BooleanField(_l("Stay signed in on this device"))


class EducatorSignupForm(FlaskForm):
    """An educator asks for an account."""

    display_name = StringField(
        _l("Your name"), validators=[DataRequired(REQUIRED), Length(max=80), DisplayNameRule()]
    )
    email = EmailField(
        _l("Professional email"),
        validators=[
            DataRequired(REQUIRED),
            Email(_l("Enter a valid email address.")),
            Length(max=254),
        ],
    )
    organisation = StringField(
        _l("School, club or association"), validators=[Optional(), Length(max=160)]
    )
    password, confirm = new_password_fields(young=False)


class JoinForm(FlaskForm):
    """A young person joins a group with its code: no email, ever."""

    join_code = StringField(_l("Group code"), validators=[DataRequired(REQUIRED), Length(max=20)])
    display_name = StringField(
        _l("First name or nickname"),
        validators=[DataRequired(REQUIRED), Length(max=40), DisplayNameRule()],
    )
    username = StringField(
        _l("Username (to sign in)"), validators=[DataRequired(REQUIRED), Length(max=40)]
    )
    password, confirm = new_password_fields(young=True)


class ChangePasswordForm(FlaskForm):
    """Change one's own password."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(_l("New password"), validators=[DataRequired(REQUIRED)])
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(REQUIRED), EqualTo("password", _l("The two passwords differ."))],
    )


class ForgotPasswordForm(FlaskForm):
    """Ask for a reset link (adults only)."""

    email = EmailField(
        _l("Email"), validators=[DataRequired(REQUIRED), Email(_l("Enter a valid email address."))]
    )


class ResetPasswordForm(FlaskForm):
    """Choose a new password from a reset link."""

    password, confirm = new_password_fields(young=False)
