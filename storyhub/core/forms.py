"""The base of every form: a single-line field keeps one line, a number stays a sane size,
whatever the client sends."""

import flask_wtf
from wtforms import (
    DecimalField,
    FloatField,
    IntegerField,
    PasswordField,
    StringField,
    TextAreaField,
)

from storyhub.core.text import clean_line

MAX_FORM_NUMBER = 10**15  # beyond any age, coordinate or percentage a form asks for


def _one_line(value):
    return clean_line(value) if isinstance(value, str) else value


def _bounded_number(value):
    # A 4,000-digit integer overflowed WTForms' range check (math.isnan): a 500. None instead,
    # so the field's own range or required message is shown.
    try:
        return None if value is not None and abs(value) > MAX_FORM_NUMBER else value
    except (ArithmeticError, TypeError):
        return None


class FlaskForm(flask_wtf.FlaskForm):
    """Flask-WTF's form; text inputs (not text areas, not passwords) get the one-line filter.

    Hostile characters are already gone from every request value (core.security.CleanValues);
    here a line break or tab pasted into a name or a title becomes a space, so nothing typed is
    lost and a group name never breaks a mail header or a log line.
    """

    class Meta(flask_wtf.FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            single = issubclass(field_class, StringField) and not issubclass(
                field_class, TextAreaField | PasswordField
            )
            extra = (_one_line,) if single else ()
            if issubclass(field_class, IntegerField | DecimalField | FloatField):
                extra = (_bounded_number,)
            if extra:
                filters = tuple(unbound_field.kwargs.get("filters", ()))
                options = {**options, "filters": (*extra, *filters)}
            return super().bind_field(form, unbound_field, options)
