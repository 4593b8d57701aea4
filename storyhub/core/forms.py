"""The base of every form: a single-line field keeps one line, whatever the client sends."""

import flask_wtf
from wtforms import PasswordField, StringField, TextAreaField

from storyhub.core.text import clean_line


def _one_line(value):
    return clean_line(value) if isinstance(value, str) else value


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
            if single:
                filters = tuple(unbound_field.kwargs.get("filters", ()))
                options = {**options, "filters": (_one_line, *filters)}
            return super().bind_field(form, unbound_field, options)
