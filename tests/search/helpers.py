"""Shared by the search, feeds and API tests: published stories, query counting."""

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.search.services import reindex_all, reindex_story
from storyhub.stories.models import Block, Story
from tests import factories
from tests.sql import count_queries  # noqa: F401  (re-exported)


def published(round_, group=None, title=None, text="<p>Our square, at dusk.</p>", **kw):
    """An approved story of a (public) exchange, indexed as the stories service would."""
    group = group or round_.exchange.inviting_group
    story = factories.make_story(round_, group, status="approved", title=title, text=text, **kw)
    reindex_story(story)
    return story


def one_of_each_state(word="lighthouse"):
    """Stories in every state (and one approved in a private exchange), all holding `word`.

    Returns (the only public story, the others by label). The hook is called for each one,
    as the stories and exchanges services will.
    """
    public_round = factories.make_round(factories.make_exchange(public=True))
    private_round = factories.make_round(factories.make_exchange(public=False))
    group = public_round.exchange.inviting_group
    others = {}
    for status in ("draft", "submitted", "changes_requested", "rejected", "unpublished"):
        others[status] = factories.make_story(
            public_round, group, status=status, title=f"{status} {word}", text=f"<p>{word}</p>"
        )
    others["private exchange"] = factories.make_story(
        private_round,
        private_round.exchange.inviting_group,
        status="approved",
        title=f"private {word}",
        text=f"<p>{word}</p>",
    )
    for story in others.values():
        reindex_story(story)
    public = published(public_round, group, title=f"public {word}", text=f"<p>{word}</p>")
    return public, others


def seed_stories(count: int, word="harbour", exchanges=5):
    """count public stories spread over several exchanges, groups, territories and authors."""
    rounds = []
    for _ in range(exchanges):
        exchange = factories.make_exchange(public=True)
        rounds.append(factories.make_round(exchange))
    authors = {r.id: factories.make_young(r.exchange.inviting_group) for r in rounds}
    for n in range(count):
        round_ = rounds[n % len(rounds)]
        story = Story(
            round=round_,
            group=round_.exchange.inviting_group,
            title=f"Story {n} by the {word}",
            language="fr" if n % 2 else "en",
            status="approved",
            published_at=utcnow(),
        )
        story.authors.append(authors[round_.id])
        story.blocks.append(Block(kind="text", position=0, body_html=f"<p>The {word} {n}</p>"))
        story.blocks.append(Block(kind="quote", position=1, text="Same here", attribution="A"))
        db.session.add(story)
    db.session.commit()
    reindex_all()
    db.session.expire_all()
    return rounds


def add_media(story, kind="image", placed=True, status="ready", **fields):
    """A media item of the story; `placed` puts it in a new block (as the editor does)."""
    from storyhub.media.models import MediaItem

    item = MediaItem(
        kind=kind,
        status=status,
        group_id=story.group_id,
        story_id=story.id,
        storage_key=f"k{next(_media_seq)}",
        renditions=fields.pop("renditions", []),
        blur_regions=[],
        **fields,
    )
    db.session.add(item)
    if placed:
        story.blocks.append(Block(kind=kind, position=len(story.blocks), media=item))
    db.session.commit()
    return item


_media_seq = __import__("itertools").count(1)
