"""The territory form."""

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from storyhub.accounts.forms import REQUIRED
from storyhub.core.forms import FlaskForm

KIND_LABELS = {
    "commune": _l("Town or city"),
    "region": _l("Region"),
    "island": _l("Island"),
    "country": _l("Country"),
}


class CoordinateField(DecimalField):
    """A latitude or longitude: accepts a decimal comma, refuses NaN and infinities."""

    def process_formdata(self, valuelist):
        """Parse '44,84' like '44.84'; anything not a finite number is an error."""
        if valuelist:
            valuelist = [valuelist[0].strip().replace(",", ".")]
        super().process_formdata(valuelist)
        if self.data is not None and not self.data.is_finite():
            self.data = None
            raise ValueError(_l("Enter a number, for example 44.84."))


class TerritoryForm(FlaskForm):
    """Name, country, kind, coarse coordinates, presentation."""

    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=120)])
    country = SelectField(_l("Country"), validators=[DataRequired(REQUIRED)])
    kind = SelectField(
        _l("Kind"), choices=list(KIND_LABELS.items()), validators=[DataRequired(REQUIRED)]
    )
    latitude = CoordinateField(
        _l("Latitude"),
        places=1,
        validators=[InputRequired(REQUIRED), NumberRange(-90, 90, _l("Between -90 and 90."))],
        description=_l(
            "Town level only: it is kept to one decimal (about 10 km), so that no one can find "
            "a school or a home from the map."
        ),
    )
    longitude = CoordinateField(
        _l("Longitude"),
        places=1,
        validators=[InputRequired(REQUIRED), NumberRange(-180, 180, _l("Between -180 and 180."))],
    )
    presentation = TextAreaField(
        _l("Short presentation"), validators=[Optional(), Length(max=2000)]
    )
