"""Forms of the media area: upload, describe, captions, people who appear, areas to blur."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from storyhub.core.forms import FlaskForm
from storyhub.groups.forms import MultiCheckboxField

KIND_LABELS = {
    "image": _l("Photo"),
    "audio": _l("Sound"),
    "video": _l("Video"),
    "panorama": _l("360° panorama"),
}
PERCENT = NumberRange(0, 100, _l("Between 0 and 100."))
ACCEPT = {  # a convenience for the file picker only: the server checks the content
    "image": "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif",
    "panorama": "image/jpeg,image/png,image/webp,image/heic,.heic",
    "audio": "audio/mpeg,audio/ogg,audio/mp4,audio/x-m4a,audio/aac,audio/webm,audio/wav,audio/x-wav,.m4a,.opus,.wav",
    "video": "video/mp4,video/webm,video/quicktime",
}


class UploadForm(FlaskForm):
    """Send one file: what it is, for which group, and its text alternative."""

    kind = RadioField(
        _l("What are you sending?"),
        choices=list(KIND_LABELS.items()),
        default="image",
        validators=[InputRequired(_l("Choose what you are sending."))],
    )
    group_id = SelectField(_l("Group"), coerce=int, validators=[Optional()])
    story_id = HiddenField()
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to send."))])
    alt_text = TextAreaField(
        _l("Text alternative"),
        description=_l("For a photo or a panorama: what can be seen, in a sentence or two."),
        validators=[Optional(), Length(max=500)],
    )
    transcript = TextAreaField(
        _l("Transcript"),
        description=_l("For a sound or a video: the words spoken, for those who cannot hear."),
        validators=[Optional(), Length(max=20000)],
    )


class DescribeForm(FlaskForm):
    """The words that go with a media item."""

    alt_text = TextAreaField(
        _l("Text alternative"),
        description=_l("What can be seen, for those who cannot see it."),
        validators=[Length(max=500)],
    )
    caption = TextAreaField(_l("Caption"), validators=[Length(max=1000)])
    transcript = TextAreaField(
        _l("Transcript"),
        description=_l("The words spoken, for those who cannot hear them."),
        validators=[Length(max=20000)],
    )


class CaptionsForm(FlaskForm):
    """A WebVTT captions file for a video."""

    captions = FileField(
        _l("Captions file (WebVTT, .vtt)"), validators=[FileRequired(_l("Choose a .vtt file."))]
    )


class PeopleForm(FlaskForm):
    """Who appears in a photo or a video."""

    people = MultiCheckboxField(_l("Who appears?"), coerce=int)
    nobody = BooleanField(_l("No one can be recognised in it (educators)"))


class RegionForm(Form):
    """One rectangle, in percent of the picture's width and height."""

    x = DecimalField(_l("From the left (%)"), places=2, validators=[Optional(), PERCENT])
    y = DecimalField(_l("From the top (%)"), places=2, validators=[Optional(), PERCENT])
    w = DecimalField(_l("Width (%)"), places=2, validators=[Optional(), PERCENT])
    h = DecimalField(_l("Height (%)"), places=2, validators=[Optional(), PERCENT])

    def as_region(self) -> dict | None:
        """The rectangle in relative coordinates (0..1), or None for an empty row."""
        values = [self.x.data, self.y.data, self.w.data, self.h.data]
        if any(v is None for v in values):
            return None
        x, y, w, h = (float(v) / 100 for v in values)
        return {"x": x, "y": y, "w": w, "h": h}


class BlurForm(FlaskForm):
    """Rectangles to blur, as rows of percentages; the script draws them on the picture."""

    regions = FieldList(FormField(RegionForm), min_entries=4, max_entries=40)
    faces = MultiCheckboxField(_l("Faces found in the picture"), coerce=int)
    next = HiddenField()

    def as_regions(self, suggestions: list[dict] | None = None) -> list[dict]:
        """Every filled row, in relative coordinates, and the suggested faces ticked."""
        found = [row.form.as_region() for row in self.regions]
        ticked = [
            (suggestions or [])[i] for i in self.faces.data or () if i < len(suggestions or [])
        ]
        return [region for region in found if region is not None] + ticked


class PortalForm(FlaskForm):
    """Join this 360° view to one over there, and say where the door stands in each."""

    there = SelectField(
        _l("The 360° view over there it leads to"),
        coerce=int,
        validators=[InputRequired(_l("Choose a published 360° view of the group over there."))],
    )
    yaw_here = SelectField(_l("Where the portal stands in this view"), coerce=int)
    yaw_there = SelectField(_l("Where the way back stands over there"), coerce=int)
