"""May search engines index this story? The one rule, for pages (noindex) and the sitemap.

A story with a minor among its authors (a young person without the 18+ band; a story without
named authors counts as the minors' too) is left out of search engines — `noindex` on its
pages, out of the sitemap — unless an educator of each side of its exchange allowed indexing.
Feeds and the API keep showing public stories: the privacy notice says so.
"""

from sqlalchemy import and_, exists, or_, select

from storyhub.accounts.models import AGE_BAND_ADULT, ROLE_YOUNG, User
from storyhub.exchanges.models import Exchange, Round
from storyhub.stories.models import Story, story_author


def exchange_allows_indexing(exchange: Exchange) -> bool:
    """Both sides' educators let search engines index the exchange's stories."""
    return exchange.inviting_indexable_at is not None and exchange.invited_indexable_at is not None


def has_minor_author(story: Story) -> bool:
    """A minor wrote it (or no author is named: the group's young people did)."""
    return not story.authors or any(author.is_minor for author in story.authors)


def may_be_indexed(story: Story) -> bool:
    """Search engines may index the story's page. SQL twin: `indexable_story_clause`."""
    return not has_minor_author(story) or exchange_allows_indexing(story.round.exchange)


def indexable_story_clause():
    """SQL over Story (twin of `may_be_indexed`)."""
    authors = select(story_author.c.user_id).where(story_author.c.story_id == Story.id)
    minor = (
        select(User.id)
        .join(story_author, story_author.c.user_id == User.id)
        .where(
            story_author.c.story_id == Story.id,
            User.role == ROLE_YOUNG,
            or_(User.age_band.is_(None), User.age_band != AGE_BAND_ADULT),
        )
    )
    allowed = (
        select(Round.id)
        .join(Exchange, Round.exchange_id == Exchange.id)
        .where(
            Round.id == Story.round_id,
            Exchange.inviting_indexable_at.is_not(None),
            Exchange.invited_indexable_at.is_not(None),
        )
    )
    return or_(and_(exists(authors), ~exists(minor)), exists(allowed))


def may_index_round(stories) -> bool:
    """A pair page may be indexed when every story it shows may be."""
    return all(may_be_indexed(story) for story in stories)
