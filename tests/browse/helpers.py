"""Data of the discovery tests: one item in each state, many stories, query counting."""

from dataclasses import dataclass, field

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media.models import MediaItem
from storyhub.stories.models import Block, Story
from tests import factories
from tests.sql import count_queries  # noqa: F401  (re-exported)

HIDDEN_STATES = ("draft", "submitted", "changes_requested", "rejected", "unpublished")


@dataclass
class States:
    """A public exchange with a story in each state, and exchanges that must never show."""

    public: object
    public_story: Story
    hidden_stories: dict = field(default_factory=dict)
    hidden_exchanges: dict = field(default_factory=dict)
    hidden_places: list = field(default_factory=list)


def place(name, country, lat=44.84, lng=-0.58):
    """A territory with a recognisable name, where we say it is."""
    territory = factories.make_territory(name, country)
    territory.latitude, territory.longitude = lat, lng
    db.session.commit()
    return territory


def side(name, territory, **extra):
    """A group of a territory, with its educator."""
    return factories.make_group(factories.make_educator(), territory, name=name, **extra)


def photo(story, alt="A street at dusk", placed=True):
    """A ready photo shown in a block of a story (renditions recorded, no file needed);
    placed=False: attached to the story but in none of its blocks."""
    media = MediaItem(
        kind="image",
        status="ready",
        group_id=story.group_id,
        story_id=story.id,
        storage_key=f"{'photo' if placed else 'stray'}-{story.id}",
        alt_text=alt,
        renditions=[
            {
                "name": f"480w-{story.id}.webp",
                "role": "image",
                "format": "webp",
                "width": 480,
                "height": 320,
                "key": "x",
            },
            {
                "name": f"480w-{story.id}.jpg",
                "role": "fallback",
                "format": "jpg",
                "width": 480,
                "height": 320,
                "key": "x",
            },
        ],
        blur_regions=[],
    )
    db.session.add(media)
    if placed:
        story.blocks.append(Block(kind="image", position=len(story.blocks), media=media))
    db.session.commit()
    return media


def one_of_each_state() -> States:
    """Seeded with one item of each state; only the public exchange and its approved story show."""
    here, there = place("Sunhaven", "FR"), place("Tidemouth", "SN", 16.03, -16.49)
    public = factories.make_exchange(
        side("Sunhaven Juniors", here),
        side("Tidemouth Club", there),
        public=True,
        title="Open Harbours",
    )
    round_ = factories.make_round(public, question="What is your harbour like?")
    states = States(
        public,
        factories.make_story(
            round_, public.inviting_group, status="approved", title="Publicstory Lanterns"
        ),
    )
    factories.make_story(round_, public.invited_group, status="approved", title="Publicstory Nets")
    for status in HIDDEN_STATES:
        story = factories.make_story(
            round_, public.inviting_group, status=status, title=f"Hidden {status} story"
        )
        photo(story, alt=f"Hidden {status} photo")
        states.hidden_stories[status] = story
    photo(states.public_story, alt="Lanterns on the quay")
    for label, extra in {
        "private": {"public": False},
        "invited": {"status": "invited", "public": True},
        "declined": {"status": "declined", "public": True},
    }.items():
        a = place(f"Secret{label.title()}town", "IT", 41.9, 12.5)
        b = place(f"Hidden{label.title()}ville", "JP", 35.6, 139.7)
        exchange = factories.make_exchange(
            side(f"{label} group A", a),
            side(f"{label} group B", b),
            title=f"Confidential {label} exchange",
            **extra,
        )
        r = factories.make_round(exchange, question=f"Secret question {label}?")
        photo(
            factories.make_story(
                r,
                exchange.inviting_group,
                status="approved",
                title=f"Hidden {label} approved story",
            )
        )
        factories.make_story(
            r, exchange.invited_group, status="approved", title=f"Hidden {label} twin story"
        )
        states.hidden_exchanges[label] = exchange
        states.hidden_places += [a, b]
    return states


def assert_only_public(page: str, states: States) -> None:
    """The page shows the public exchange and never anything of the other states."""
    assert "Open Harbours" in page
    for label in states.hidden_exchanges:
        assert f"Confidential {label} exchange" not in page
        assert f"Hidden {label} approved story" not in page
    for territory in states.hidden_places:
        assert territory.name not in page
    for status in HIDDEN_STATES:
        assert f"Hidden {status} story" not in page
        assert f"Hidden {status} photo" not in page


def seed_stories(count: int, exchanges: int = 5) -> list:
    """count public stories spread over exchanges (both sides of each round), with photos."""
    made = []
    for n in range(exchanges):
        a = place(f"Alpha {n}", ("FR", "SN", "YT")[n % 3], 40 + n, n)
        b = place(f"Beta {n}", ("IE", "CA", "NC")[n % 3], -10 - n, 30 + n)
        exchange = factories.make_exchange(side(f"A{n}", a), side(f"B{n}", b), public=True)
        exchange.themes.append(factories.make_theme(("environment", "sport-and-inclusion")[n % 2]))
        exchange.featured_at = utcnow() if n < 2 else None
        made.append(factories.make_round(exchange, question=f"Question {n}?"))
    for n in range(count):
        round_ = made[n % len(made)]
        group = round_.exchange.groups[(n // len(made)) % 2]
        story = Story(
            round=round_,
            group=group,
            title=f"Story {n}",
            language=("fr", "en")[n % 2],
            status="approved",
            published_at=utcnow(),
        )
        story.blocks.append(Block(kind="text", position=0, body_html=f"<p>Words {n}</p>"))
        db.session.add(story)
        if n % 3 == 0:
            db.session.flush()
            db.session.add(
                MediaItem(
                    kind="image",
                    status="ready",
                    group_id=group.id,
                    story_id=story.id,
                    storage_key=f"seed-{story.id}",
                    alt_text=f"Photo {n}",
                    blur_regions=[],
                    renditions=[
                        {
                            "name": "a.jpg",
                            "role": "fallback",
                            "format": "jpg",
                            "width": 480,
                            "height": 320,
                            "key": "x",
                        }
                    ],
                )
            )
    db.session.commit()
    db.session.expire_all()
    return made


def queries_for(client, url: str) -> int:
    """How many queries a fresh anonymous GET of url runs (asserting a 200)."""
    db.session.expire_all()
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(statements)
