"""Build test data through the models (fast) with realistic values."""

import functools
import itertools
from datetime import date

from storyhub.accounts.models import ROLE_ADMIN, ROLE_EDUCATOR, ROLE_YOUNG, User
from storyhub.core.models import utcnow
from storyhub.core.passwords import hash_password
from storyhub.core.text import normalize_username
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL, Consent, Group
from storyhub.territories.models import STATUS_APPROVED, Territory

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


@functools.cache
def _password_hash() -> str:
    """PASSWORD hashed once per run (with the tests' fast method): every account of the tests
    shares it, and signs in with PASSWORD."""
    return hash_password(PASSWORD)


PLACES = [
    ("Bordeaux", "FR", 44.84, -0.58),
    ("Mamoudzou", "YT", -12.78, 45.23),
    ("Saint-Louis", "SN", 16.03, -16.49),
    ("Lyon", "FR", 45.76, 4.84),
]


def make_territory(name=None, country=None, status=STATUS_APPROVED, **extra) -> Territory:
    n = next(_seq)
    place = PLACES[n % len(PLACES)]
    territory = Territory(
        name=name or f"{place[0]} {n}",
        slug=f"territory-{n}",
        country=country or place[1],
        kind="commune",
        latitude=place[2],
        longitude=place[3],
        presentation=extra.pop("presentation", "A town by the water."),
        status=status,
        **extra,
    )
    db.session.add(territory)
    db.session.commit()
    return territory


def _adult(role, verified=True, email=None, name=None) -> User:
    n = next(_seq)
    user = User(
        role=role,
        email=email or f"{role}{n}@example.org",
        display_name=name or f"{role.title()} {n}",
        password_hash=_password_hash(),
        verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_admin(**kw) -> User:
    return _adult(ROLE_ADMIN, **kw)


def make_educator(verified=True, **kw) -> User:
    return _adult(ROLE_EDUCATOR, verified=verified, **kw)


def make_group(educator=None, territory=None, name=None, **extra) -> Group:
    n = next(_seq)
    group = Group(
        name=name or f"Group {n}",
        territory=territory or make_territory(),
        kind=extra.pop("kind", "class"),
        age_min=extra.pop("age_min", 12),
        age_max=extra.pop("age_max", 15),
        languages=extra.pop("languages", "fr"),
        presentation=extra.pop("presentation", ""),
        join_code=extra.pop("join_code", f"CODE{n:04d}"[-8:]),
        join_code_enabled=True,
        **extra,
    )
    if educator is not None:
        group.educators.append(educator)
    db.session.add(group)
    db.session.commit()
    return group


def make_young(group, name=None, parental=True, image=True, recorder=None, agreed=True) -> User:
    n = next(_seq)
    username = f"young{n}"
    user = User(
        role=ROLE_YOUNG,
        display_name=name or f"Young {n}",
        username=username,
        username_key=normalize_username(username),
        password_hash=_password_hash(),
        group=group,
        own_agreement_at=utcnow() if agreed else None,  # their own yes to being published
    )
    db.session.add(user)
    db.session.flush()
    for kind, granted in ((CONSENT_PARENTAL, parental), (CONSENT_IMAGE, image)):
        if granted is not None:
            db.session.add(
                Consent(
                    user_id=user.id,
                    kind=kind,
                    granted=granted,
                    given_on=date(2026, 9, 1),
                    recorded_by_id=recorder.id if recorder else None,
                )
            )
    db.session.commit()
    return user


def make_theme(slug="living-together"):
    from storyhub.exchanges.models import Theme

    return db.session.scalar(db.select(Theme).filter_by(slug=slug))


def make_exchange(group_a=None, group_b=None, status="active", public=False, title=None, **extra):
    """Two groups twinned; active by default; public only when asked (both keys turned)."""
    from storyhub.exchanges.models import Exchange

    group_a = group_a or make_group(make_educator())
    group_b = group_b or make_group(make_educator())
    now = utcnow()
    exchange = Exchange(
        title=title or f"Exchange {next(_seq)}",
        description=extra.pop("description", "Living together."),
        languages=extra.pop("languages", "fr"),
        status=status,
        inviting_group=group_a,
        invited_group=group_b,
        inviting_published_at=now if public else None,
        invited_published_at=now if public else None,
        starts_on=extra.pop("starts_on", date(2026, 9, 1)),
        ends_on=extra.pop("ends_on", date(2027, 6, 30)),
        **extra,
    )
    exchange.themes.append(make_theme())
    db.session.add(exchange)
    db.session.commit()
    return exchange


def make_round(
    exchange,
    question="What does living together mean where you live?",
    opens_on=None,
    closes_on=None,
):
    from storyhub.exchanges.models import Round

    round_ = Round(
        exchange=exchange,
        question=question,
        guidance="Tell us about a place.",
        opens_on=opens_on or date(2026, 10, 1),
        closes_on=closes_on or date(2027, 6, 1),
    )
    db.session.add(round_)
    db.session.commit()
    return round_


def make_story(
    round_,
    group,
    authors=(),
    status="draft",
    title=None,
    text="<p>Our square, at dusk.</p>",
    language="fr",
):
    """A story with one text block, in any status (set directly: use services to test transitions)."""
    from storyhub.stories.models import Block, Story

    story = Story(
        round=round_,
        group=group,
        title=title or f"Story {next(_seq)}",
        language=language,
        status=status,
        published_at=utcnow() if status == "approved" else None,
    )
    story.authors.extend(authors)
    story.blocks.append(Block(kind="text", position=0, body_html=text))
    db.session.add(story)
    db.session.commit()
    return story
