"""The admin's form for a territory's picture."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from storyhub.core.forms import FlaskForm

MAX_ALT = 300
ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class TerritoryPictureForm(FlaskForm):
    """A photo of the place, and what it shows for those who cannot see it."""

    picture = FileField(
        _l("Photo of the place"),
        validators=[FileRequired(_l("Choose a photo (JPEG, PNG, WebP or HEIC)."))],
        description=_l(
            "A landscape, a street, a landmark: no recognisable face. JPEG, PNG, "
            "WebP or HEIC; it is cleaned of its metadata and resized."
        ),
        render_kw={"accept": ACCEPT},
    )
    alt_text = TextAreaField(
        _l("What the photo shows"),
        validators=[
            InputRequired(_l("Describe the photo in a few words, for those who cannot see it.")),
            Length(max=MAX_ALT, message=_l("At most %(max)d characters.")),
        ],
        description=_l("Read aloud by screen readers, e.g. “The harbour of Mamoudzou at dawn”."),
        render_kw={"rows": 2, "maxlength": MAX_ALT},
    )
