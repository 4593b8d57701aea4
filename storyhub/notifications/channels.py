"""How each notice reaches an educator: in the app only, an immediate e-mail, or the daily
digest, chosen per kind of event. Young people and educators without an address: the app only.

A choice never made follows the older single switch (`email_digest`: the digest, else the app).
"""

from flask_babel import lazy_gettext as _l

from storyhub.extensions import db

APP, EMAIL, DIGEST = "app", "email", "digest"
CHANNELS = (APP, EMAIL, DIGEST)
CHANNEL_LABELS = {
    APP: _l("In the app only"),
    EMAIL: _l("An e-mail at once"),
    DIGEST: _l("In the daily digest"),
}

# Kinds of event an educator chooses for, each with the notice kinds it covers.
CATEGORIES = {
    "review": (
        _l("Something waits for my review (stories, comments, translations, reflections, "
           "young people joining, reports)"),
        ("story_submitted", "comment_submitted", "translation_submitted", "reflection_shared",
         "join_requested", "content_reported", "appeal_received", "appeal_decided",
         "report_decided", "deletion_requested", "name_requested"),
    ),
    "exchange": (
        _l("Life of my exchanges (invitations, rounds opening and closing, publication keys)"),
        ("invitation_received", "invitation_accepted", "invitation_declined",
         "invitation_withdrawn", "round_opened", "round_planned", "round_closing", "key_turned",
         "key_withdrawn", "key_withdrawn_public", "exchange_published", "exchange_kept_inside",
         "twin_published"),
    ),
    "responses": (
        _l("Reactions, comments and answers to our stories"),
        ("comment_received", "reactions_received", "comment_answered", "story_translated",
         "comment_hidden_group"),
    ),
    "group": (
        _l("My group and its educators (co-educators, consent, accounts)"),
        ("territory_approved", "territory_refused", "co_educator_joined", "co_educator_removed", "co_educator_left", "lead_handed_over",
         "consent_effect", "account_inactive", "upload_interrupted"),
    ),
}  # fmt: skip
OTHER = "other"
ALL = (*CATEGORIES, OTHER)
_CATEGORY_OF = {kind: name for name, (_, kinds) in CATEGORIES.items() for kind in kinds}


def category_choices() -> list[tuple[str, str]]:
    """(name, label) of each kind of event, "everything else" last."""
    return [(name, label) for name, (label, _) in CATEGORIES.items()] + [
        (OTHER, _l("Everything else"))
    ]


def category_of(kind: str, params: dict | None = None) -> str:
    """The kind of event a notice belongs to (a copy sent to an educator: its original's)."""
    if kind == "copy_to_educator":
        kind = (params or {}).get("original", "")
    return _CATEGORY_OF.get(kind, OTHER)


def may_mail(user) -> bool:
    """Only verified educators with an address are mailed."""
    return bool(user.is_educator and user.is_verified and user.email)


def chosen_channel(user, category: str) -> str:
    """The channel user chose for this kind of event (the older switch when never chosen)."""
    chosen = (user.notification_channels or {}).get(category)
    if chosen in CHANNELS:
        return chosen
    return DIGEST if user.email_digest else APP


def channel_for(user, kind: str, params: dict | None = None) -> str:
    """How a notice of this kind reaches user (a notice about a practice exchange: the app)."""
    if not may_mail(user) or (params or {}).get("sandbox"):
        return APP
    return chosen_channel(user, category_of(kind, params))


def wants_digest(user) -> bool:
    """Some kind of event reaches user in the daily digest."""
    return may_mail(user) and any(chosen_channel(user, name) == DIGEST for name in ALL)


def set_channels(user, choices: dict[str, str]) -> None:
    """Keep an educator's choice for each kind of event (unknown names and values ignored)."""
    user.notification_channels = {
        name: choices[name] for name in ALL if choices.get(name) in CHANNELS
    }
    user.email_digest = DIGEST in user.notification_channels.values()
    db.session.commit()
