"""Ages: the band recorded for each young person, and the ages a group may declare.

The band decides which rules apply to minors (`User.is_minor`): a young person without a band
is treated as a minor. Groups declare ages within GROUP_AGES; their range is never shown to the
public (it helps to single a child out).
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from storyhub.accounts.models import AGE_BAND_ADULT, AGE_BANDS, User
from storyhub.core.errors import DomainError
from storyhub.extensions import db

GROUP_AGE_MIN, GROUP_AGE_MAX = 11, 25

AGE_BAND_LABELS = {
    "11-12": _l("11–12 years"),
    "13-14": _l("13–14 years"),
    "15-17": _l("15–17 years"),
    AGE_BAND_ADULT: _l("18 or over"),
}
assert tuple(AGE_BAND_LABELS) == AGE_BANDS


def check_group_ages(age_min: int, age_max: int) -> None:
    """Groups accept young people of 11 to 25; the youngest age comes first."""
    if not (
        GROUP_AGE_MIN <= age_min <= GROUP_AGE_MAX and GROUP_AGE_MIN <= age_max <= GROUP_AGE_MAX
    ):
        raise DomainError(
            _(
                "Groups are for young people of %(min)d to %(max)d.",
                min=GROUP_AGE_MIN,
                max=GROUP_AGE_MAX,
            )
        )
    if age_min > age_max:
        raise DomainError(_("The youngest age must not be above the oldest age."))


def check_age_band(band: str | None) -> str | None:
    """A band from the list, or None (not recorded yet)."""
    if band in (None, ""):
        return None
    if band not in AGE_BANDS:
        raise DomainError(_("Choose an age band from the list."))
    return band


def record_age_band(group, member: User, band: str | None) -> None:
    """An educator of the group records the age band of one of its young people."""
    if not member.is_young or member.group_id != group.id:
        raise DomainError(_("This person is not a member of this group."))
    member.age_band = check_age_band(band)
    db.session.commit()
