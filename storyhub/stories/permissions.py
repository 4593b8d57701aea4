"""Who may see, edit and moderate a story. The one visibility rule for stories lives here:
`visible_story_clause(user)` (SQL, for every listing) and `can_view_story(user, story)` (its twin)."""

from datetime import datetime

from sqlalchemy import and_, exists, false, or_, select, true

from storyhub.accounts.models import ROLE_YOUNG, User
from storyhub.exchanges.models import STATUS_ACTIVE, Exchange, Round
from storyhub.exchanges.permissions import can_view_exchange, member_side, public_exchange_clause
from storyhub.extensions import db
from storyhub.groups.membership import is_author, leads_group, led_group_ids, member_group_ids
from storyhub.groups.models import CONSENT_PARENTAL, SCOPE_PUBLIC, Consent
from storyhub.moderation.models import ModerationEntry
from storyhub.stories.models import STATUS_APPROVED, STATUS_SUBMITTED, Story, story_author


def _consent_allows(consent: Consent | None, public: bool) -> bool:
    """A granted parental consent, for the public site when `public`."""
    return consent is not None and consent.covers(public)


def person_consent_allows(person: User, public: bool) -> bool:
    """A young person's words are shown only with a granted parental consent whose scope covers
    where they are read: the public site (`public`) or inside the exchange. Adults need none."""
    if not person.is_young:
        return True
    consent = next((c for c in person.consents if c.kind == CONSENT_PARENTAL), None)
    return _consent_allows(consent, public)


def story_consent_allows(story: Story, public: bool) -> bool:
    """Every young author (creator or co-author) has a granted parental consent whose scope
    covers where the story is read: the public site (`public`) or inside the exchange."""
    people = {a.id: a for a in story.authors}
    if story.created_by is not None:
        people[story.created_by.id] = story.created_by
    return all(person_consent_allows(person, public) for person in people.values())


def twin_group_id(story: Story) -> int:
    """The id of the group on the other side of the story's exchange."""
    side_a, side_b = story.round.exchange.group_ids
    return side_b if story.group_id == side_a else side_a


def is_twin_member(user: User, story: Story) -> bool:
    """Young people and educators of the twin group (not the story's own group)."""
    if not user.is_authenticated or user.is_admin:
        return False
    return twin_group_id(story) in member_group_ids(user)


def can_view_story(user: User, story: Story) -> bool:
    """Approved stories follow their exchange's visibility and their authors' parental consent
    (its scope: the public site, or inside the exchange only); others only authors, educators,
    admins. The SQL twin is `visible_story_clause`."""
    if user.is_authenticated and (user.is_admin or leads_group(user, story.group_id)):
        return True
    if is_author(user, story):
        return True
    if story.status != STATUS_APPROVED or story.hidden_at is not None:
        return False
    exchange = story.round.exchange
    if not can_view_exchange(user, exchange):
        return False
    inside = user.is_authenticated and member_side(user, exchange) is not None
    return story_consent_allows(story, public=not inside)


def can_autosave_story(user: User, story: Story) -> bool:
    """The editor saves by itself only for the story's own authors, and only while they may
    change it (draft, changes requested): an educator's correction is always a deliberate save."""
    return story.is_editable and is_author(user, story)


def can_edit_story(user: User, story: Story) -> bool:
    """Authors edit while editable (draft, changes requested); the group's educators too,
    and they (or an admin) alone may fix a submitted story before approving it."""
    if story.is_editable:
        return is_author(user, story) or leads_group(user, story.group_id)
    return story.status == STATUS_SUBMITTED and (
        leads_group(user, story.group_id) or (user.is_authenticated and user.is_admin)
    )


def can_submit_story(user: User, story: Story) -> bool:
    """Authors and the group's educators send a story for review."""
    return is_author(user, story) or leads_group(user, story.group_id)


def can_moderate_story(user: User, story: Story) -> bool:
    """Educators of the story's group moderate it; admins act on any content."""
    return user.is_authenticated and (user.is_admin or leads_group(user, story.group_id))


def can_republish_story(user: User, story: Story) -> bool:
    """Admins, or an educator of the group who unpublished it themselves (an unpublishing
    decided by someone else is appealed instead)."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if not leads_group(user, story.group_id):
        return False
    query = (
        db.select(ModerationEntry.actor_id)
        .filter_by(target_type="story", target_id=story.id)
        .where(ModerationEntry.to_status == "unpublished")
        .order_by(ModerationEntry.created_at.desc(), ModerationEntry.id.desc())
        .limit(1)
    )
    return db.session.scalar(query) == user.id


def writing_group_id(user: User, exchange: Exchange) -> int | None:
    """The side a person writes for in this exchange: their group, or None."""
    if not user.is_authenticated or not (user.is_young or user.is_educator):
        return None
    return member_side(user, exchange)


def round_accepts_stories(round_: Round, now: datetime) -> bool:
    """The exchange is under way and the round is open at this instant (its deadline is an
    instant: 23:59:59 of its closing day in the zone it was set in)."""
    return round_.exchange.status == STATUS_ACTIVE and round_.is_open(now)


def can_write_story(user: User, round_: Round, now: datetime) -> bool:
    """Members of either side (young people, educators) write while the round is open."""
    return writing_group_id(user, round_.exchange) is not None and round_accepts_stories(
        round_, now
    )


def can_view_round(user: User, round_: Round) -> bool:
    """A round is seen by whoever sees its exchange."""
    return can_view_exchange(user, round_.exchange)


def can_use_moderation(user: User) -> bool:
    """Verified educators have a queue (one waiting for verification: their sandbox's, once they
    have one); admins read the log."""
    if not user.is_authenticated:
        return False
    return user.is_admin or (user.is_educator and (user.is_verified or bool(led_group_ids(user))))


def can_view_moderation_log(user: User, group_id: int | None) -> bool:
    """The log of a group: its educators and the admins, nobody else."""
    if not user.is_authenticated:
        return False
    return user.is_admin or leads_group(user, group_id)


def lacks_consent_clause(public: bool):
    """SQL over User: a young person without a granted parental consent covering the public
    site (`public`) or the exchange. Twin of `not person_consent_allows`."""
    ok = and_(
        Consent.user_id == User.id, Consent.kind == CONSENT_PARENTAL, Consent.granted.is_(True)
    )
    if public:
        ok = and_(ok, Consent.scope == SCOPE_PUBLIC)
    return and_(User.role == ROLE_YOUNG, ~exists(select(Consent.id).where(ok).correlate(User)))


def consent_clause(public: bool):
    """SQL over Story: no young author (creator or co-author) lacks a granted parental consent
    covering the public site (`public`) or the exchange. Twin of `story_consent_allows`."""
    lacks = lacks_consent_clause(public)
    # Two correlated NOT EXISTS read only this story's people through their keys (an OR of
    # the creator and the co-authors made PostgreSQL read every account and consent, and
    # estimate millions of rows). Correlated explicitly: nested two levels down, an
    # uncorrelated subquery read every story's authors and one young author anywhere without
    # consent took every story out of view.
    creator_lacks = exists(
        select(User.id).where(User.id == Story.created_by_id, lacks).correlate(Story)
    )
    author_lacks = exists(
        select(story_author.c.user_id)
        .join(User, User.id == story_author.c.user_id)
        .where(story_author.c.story_id == Story.id, lacks)
        .correlate(Story)
    )
    return and_(~creator_lacks, ~author_lacks)


def authored_story_clause(user: User):
    """SQL over Story: the user started it or co-writes it. Twin of membership.is_author
    (kept here because it is made of the stories' columns)."""
    co_written = select(story_author.c.story_id).where(story_author.c.user_id == user.id)
    return or_(Story.created_by_id == user.id, Story.id.in_(co_written))


def visible_story_clause(user: User):
    """SQL over Story (joined to Round and Exchange): the stories this user may see.

    Use as: select(Story).join(Story.round).join(Round.exchange).where(visible_story_clause(user)).
    """
    if user.is_authenticated and user.is_admin:
        return true()
    shown = and_(Story.status == STATUS_APPROVED, Story.hidden_at.is_(None))
    approved_and_exchange_visible = and_(shown, public_exchange_clause(), consent_clause(True))
    if not user.is_authenticated:
        return approved_and_exchange_visible
    groups = member_group_ids(user)
    member_of_exchange = (
        or_(Exchange.inviting_group_id.in_(groups), Exchange.invited_group_id.in_(groups))
        if groups
        else false()
    )
    authored = authored_story_clause(user)
    led = led_group_ids(user)
    own_group_managed = Story.group_id.in_(led) if led else false()
    return or_(
        approved_and_exchange_visible,
        and_(shown, member_of_exchange, consent_clause(False)),
        authored,
        own_group_managed,
    )


__all__ = [
    "Round",
    "authored_story_clause",
    "can_edit_story",
    "can_moderate_story",
    "can_republish_story",
    "can_submit_story",
    "can_use_moderation",
    "can_view_moderation_log",
    "can_view_round",
    "can_view_story",
    "can_write_story",
    "visible_story_clause",
    "writing_group_id",
]
