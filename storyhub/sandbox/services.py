"""A new educator's practice exchange (sandbox): learn the editor and the moderation before a
real group exists.

Made for one educator on their first visit: their "practice group" with two fictitious young
people, a fictitious twin group, an active exchange, an open round with a question, the twin's
story already published inside the exchange, and a practice story waiting for the educator's
review. The educator writes, edits, approves and sends back as in a real exchange.

The rule that keeps it out of everything is in one place: `is_sandbox` on the groups and the
exchange. `Exchange.is_public` is false for a sandbox (so every public query, built on
`public_exchange_clause`, leaves it out: directory, home, territories, search, feeds, sitemap,
API, map); nobody manages a practice group (no code, no roster change, no co-educator:
groups/permissions); a practice group is never twinned nor offered in the twin finder
(exchanges/services, exchanges/queries); the admin figures and the impact overview leave it
out; no e-mail is sent about it (notifications/services); its fictitious young people have no
usable password and `authenticate` refuses them; media uploads are refused in it (media/services).
"""

import secrets
from datetime import date, timedelta
from urllib.parse import urlsplit

from flask import current_app, has_request_context
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from storyhub.accounts.models import ROLE_YOUNG, User
from storyhub.accounts.services import normalize_username
from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.core.timezones import zone_of
from storyhub.exchanges.models import STATUS_ACTIVE, Exchange, Round
from storyhub.extensions import db
from storyhub.groups.membership import led_group_ids
from storyhub.groups.models import (
    CONSENT_IMAGE,
    CONSENT_PARENTAL,
    SCOPE_EXCHANGE,
    Consent,
    Group,
)
from storyhub.moderation.services import log_transition
from storyhub.stories.models import STATUS_APPROVED, STATUS_SUBMITTED, Block, Story
from storyhub.territories.models import STATUS_APPROVED as TERRITORY_APPROVED
from storyhub.territories.models import Territory

NO_PASSWORD = "!sandbox"  # noqa: S105 - not a hash any password matches: fictitious people never sign in
ROUND_DAYS = 365


def sandbox_group_ids():
    """Subquery: the ids of every practice group."""
    return select(Group.id).where(Group.is_sandbox.is_(True))


def is_fictitious(user) -> bool:
    """A practice young person of a sandbox (they cannot sign in)."""
    return bool(
        getattr(user, "is_young", False) and user.group is not None and user.group.is_sandbox
    )


def sandbox_of(user) -> Exchange | None:
    """The educator's practice exchange, or None."""
    if not (user.is_authenticated and user.is_educator):
        return None
    led = led_group_ids(user)  # a pending educator leads their practice groups only
    if not led:
        return None
    query = (
        select(Exchange)
        .where(Exchange.is_sandbox.is_(True), Exchange.inviting_group_id.in_(led))
        .order_by(Exchange.id)
        .limit(1)
    )
    return db.session.scalar(query)


def may_have_sandbox(user) -> bool:
    """Educators (waiting for verification or verified) may practise; nobody else."""
    return bool(user.is_authenticated and user.is_educator)


def _territories() -> tuple[Territory, Territory]:
    query = (
        select(Territory)
        .where(Territory.status == TERRITORY_APPROVED)
        .order_by(Territory.id)
        .limit(2)
    )
    found = list(db.session.scalars(query))
    if not found:
        raise DomainError(_("The practice exchange is not available yet: please come back later."))
    return found[0], found[-1]


def _group(name: str, territory: Territory, language: str) -> Group:
    group = Group(
        name=name,
        territory=territory,
        kind="class",
        age_min=12,
        age_max=15,
        languages=language,
        presentation="",
        join_code=None,
        join_code_enabled=False,
        join_code_created_at=None,
        open_to_twinning=False,
        is_sandbox=True,
    )
    db.session.add(group)
    return group


def _person(group: Group, name: str, recorder: User) -> User:
    username = f"practice-{secrets.token_hex(8)}"
    person = User(
        role=ROLE_YOUNG,
        display_name=name,
        username=username,
        username_key=normalize_username(username),
        password_hash=NO_PASSWORD,
        group=group,
        own_agreement_at=utcnow(),
    )
    db.session.add(person)
    db.session.flush()
    for kind in (CONSENT_PARENTAL, CONSENT_IMAGE):
        db.session.add(
            Consent(
                user_id=person.id,
                kind=kind,
                granted=True,
                scope=SCOPE_EXCHANGE,
                given_on=date.today(),
                recorded_by_id=recorder.id,
            )
        )
    return person


def _story(round_, group, author, title, language, paragraphs, status) -> Story:
    now = utcnow()
    story = Story(
        round=round_,
        group=group,
        title=title,
        language=language,
        status=status,
        created_by_id=author.id,
        submitted_at=now,
        published_at=now if status == STATUS_APPROVED else None,
    )
    story.authors.append(author)
    for position, text in enumerate(paragraphs):
        story.blocks.append(Block(kind="text", position=position, body_html=f"<p>{text}</p>"))
    db.session.add(story)
    db.session.flush()
    log_transition("story", story.id, group.id, author, "submit", "draft", STATUS_SUBMITTED)
    return story


def _language(educator: User) -> str:
    """The language the practice content is written in: the page's, else the account's."""
    chosen = str(get_locale()) if has_request_context() else (educator.locale or "fr")
    return "en" if chosen.startswith("en") else "fr"


def create_sandbox(educator: User) -> Exchange:
    """The educator's practice exchange, made now if they have none (one per educator), in the
    language of the page they asked from."""
    if not may_have_sandbox(educator):
        raise DomainError(_("Only educators have a practice exchange."))
    existing = sandbox_of(educator)
    if existing is not None:
        return existing
    language = _language(educator)
    with force_locale(language):
        return _create(educator, language)


def _create(educator: User, language: str) -> Exchange:
    here, there = _territories()
    own = _group(_("My practice group"), here, language)
    own.educators.append(educator)
    twin = _group(_("Practice twin group"), there, language)
    db.session.flush()
    own.lead_id = educator.id
    ines = _person(own, _("Inès (practice)"), educator)
    _person(own, _("Malik (practice)"), educator)
    sam = _person(twin, _("Sam (practice)"), educator)
    now = utcnow()
    exchange = Exchange(
        title=_("Practice exchange"),
        description=_(
            "Your practice exchange: two demo groups and fictitious young people. Nothing here "
            "is public, counted or sent to anyone."
        ),
        languages=language,
        status=STATUS_ACTIVE,
        inviting_group=own,
        invited_group=twin,
        invited_by_id=educator.id,
        answered_at=now,
        starts_on=date.today(),
        is_sandbox=True,
    )
    db.session.add(exchange)
    round_ = Round(
        exchange=exchange,
        question=_("Which place of your neighbourhood would you show your twins, and why?"),
        guidance=_("Describe it with your senses: what you see, hear and smell there."),
        opens_on=date.today() - timedelta(days=1),
        closes_on=date.today() + timedelta(days=ROUND_DAYS),
        time_zone=zone_of(educator),
        proposed_by_id=educator.id,
    )
    # Never told, never reminded: the notices of rounds are for real groups.
    round_.opening_told_at = round_.closing_reminded_at = round_.after_asked_at = now
    db.session.add(round_)
    twin_story = _story(
        round_, twin, sam, _("The market by the harbour"), language,
        [
            _("On Saturday mornings we go to the market by the harbour."),
            _("It smells of fish, spices and rain. My aunt sells mangoes there."),
        ],
        STATUS_APPROVED,
    )  # fmt: skip
    log_transition(
        "story", twin_story.id, twin.id, None, "approve", STATUS_SUBMITTED, STATUS_APPROVED
    )
    _story(
        round_, own, ines, _("The stairs behind the gym"), language,
        [
            _("After school we sit on the stairs behind the gym."),
            _("You can see the whole town from there, and nobody tells us to go home."),
        ],
        STATUS_SUBMITTED,
    )  # fmt: skip
    db.session.commit()
    return exchange


def delete_sandbox(educator: User, commit: bool = True) -> bool:
    """Delete the educator's practice exchange, its groups and fictitious people; False when
    they had none."""
    exchange = sandbox_of(educator)
    if exchange is None:
        return False
    group_ids = [gid for gid in exchange.group_ids]
    stories = db.session.scalars(select(Story).where(Story.group_id.in_(group_ids)))
    for story in stories:
        db.session.delete(story)  # one by one: the search index follows at the commit
    db.session.flush()
    db.session.delete(exchange)
    db.session.flush()
    db.session.execute(db.delete(Group).where(Group.id.in_(group_ids), Group.is_sandbox))
    db.session.expire_all()
    if commit:
        db.session.commit()
    return True


def reset_sandbox(educator: User) -> Exchange:
    """Start again from a fresh practice exchange."""
    delete_sandbox(educator, commit=False)
    return create_sandbox(educator)


def link_in_sandbox(link: str) -> bool:
    """The page this link leads to (a story, round, exchange or group) belongs to a practice
    exchange: read from the route the link matches. Notices about it are never mailed
    (storyhub/notifications/services.py asks this through the app, wired by create_app)."""
    try:
        adapter = current_app.url_map.bind("localhost")
        _endpoint, args = adapter.match(urlsplit(link).path, method="GET")
    except HTTPException:
        return False
    if "story_id" in args:
        story = db.session.get(Story, args["story_id"])
        return story is not None and story.group.is_sandbox
    if "round_id" in args:
        round_ = db.session.get(Round, args["round_id"])
        return round_ is not None and round_.exchange.is_sandbox
    if "exchange_id" in args:
        exchange = db.session.get(Exchange, args["exchange_id"])
        return exchange is not None and exchange.is_sandbox
    if "group_id" in args:
        group = db.session.get(Group, args["group_id"])
        return group is not None and group.is_sandbox
    return False
