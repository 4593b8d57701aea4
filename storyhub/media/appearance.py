"""Who appears in a photo, video or panorama: the young people ticked, or the educator's
explicit "no one can be recognised in it". Approval needs one of the two for each such item,
and image consent for each person ticked; the refusal says which reason applies ("recorded as
No" is not "nothing recorded"). Both answers are kept in the moderation log."""

from flask_babel import gettext as _

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE
from storyhub.media.models import KIND_AUDIO, MediaItem
from storyhub.media.services import set_people
from storyhub.moderation.services import log_transition


def needs_appearance(media: MediaItem) -> bool:
    """A picture or video in which nobody is ticked and nobody said "no one recognisable"."""
    return media.kind != KIND_AUDIO and not media.people and not media.nobody_recognisable


def image_consent_state(person: User) -> str:
    """'granted', 'refused' (recorded as No) or 'missing' (nothing recorded)."""
    consent = next((c for c in person.consents if c.kind == CONSENT_IMAGE), None)
    if consent is None:
        return "missing"
    return "granted" if consent.granted else "refused"


def consent_refusal(people: list[User]) -> str:
    """Why these people stop an approval, each reason named as it is."""
    refused = [p.display_name for p in people if image_consent_state(p) == "refused"]
    missing = [p.display_name for p in people if image_consent_state(p) == "missing"]
    parts = [_("This story cannot be published yet.")]
    if refused:
        parts.append(
            _(
                "Image consent is recorded as No for %(names)s: untick them only if they "
                "cannot be recognised (blur them first), or remove the photo or video.",
                names=", ".join(refused),
            )
        )
    if missing:
        parts.append(
            _(
                "No image consent is recorded for people who appear in its photos or videos "
                "(%(names)s). Record it on their consent page in the group's roster (or untag "
                "whoever cannot be recognised), then approve.",
                names=", ".join(missing),
            )
        )
    return " ".join(parts)


def appearance_refusal(numbers: list[int]) -> str:
    """Approval refused: blocks whose photo or video says nothing about who appears."""
    return _(
        "This story cannot be published yet: say who appears in the photo or video of block "
        "%(blocks)s (tick the young people who can be seen), or tick “No one can be recognised "
        "in it”.",
        blocks=", ".join(str(n) for n in numbers),
    )


def log_people_tagged(media: MediaItem, actor: User | None) -> None:
    """Log who is now ticked as appearing (the story editor saves the ticks with the story)."""
    names = ", ".join(p.display_name for p in media.people)
    log_transition("media", media.id, media.group_id, actor, "people_tagged", reason=names)


def record_appearance(media: MediaItem, people: list[User], nobody: bool, actor: User) -> None:
    """Save who appears, or "no one can be recognised" (not both); log it. One commit."""
    if nobody and people:
        raise DomainError(
            _("Either tick who appears, or “No one can be recognised in it”, not both.")
        )
    set_people(media, people)
    media.nobody_recognisable = nobody
    names = ", ".join(p.display_name for p in media.people)
    action = "nobody_recognisable" if nobody else "people_tagged"
    log_transition("media", media.id, media.group_id, actor, action, reason=names)
    db.session.commit()
