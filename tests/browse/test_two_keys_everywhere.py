"""Exchange publicity, one rule (`Exchange.is_public`, Python and SQL): an exchange is public
only when both sides' educators turned their key. With one key turned, no public surface shows
it; with both, every one does. A control exchange (both keys) proves each page is the right one.
"""

from types import SimpleNamespace

import pytest

from storyhub.accounts.models import AnonymousUser
from storyhub.core.models import utcnow
from storyhub.exchanges.models import Exchange
from storyhub.exchanges.permissions import can_view_exchange, public_exchange_clause
from storyhub.extensions import db
from storyhub.search.services import reindex_exchange
from tests import factories
from tests.browse.helpers import place, side

EN = {"Accept-Language": "en"}


def _exchange(title, here, there, story_title):
    exchange = factories.make_exchange(
        side(f"{here} Juniors", place(here, "FR")),
        side(f"{there} Club", place(there, "SN", 16.03, -16.49)),
        title=title,
    )
    round_ = factories.make_round(exchange, question=f"{title} question?")
    story = factories.make_story(
        round_, exchange.inviting_group, status="approved", title=story_title,
        text="<p>A seagull on the quay.</p>",
    )  # fmt: skip
    story.published_at = utcnow()
    return SimpleNamespace(exchange=exchange, round=round_, story=story)


@pytest.fixture(params=["one key", "two keys"])
def world(request):
    """A control exchange (both keys) and the subject, with one or both keys turned."""
    control = _exchange("Control Twinning", "Ctrlhaven", "Ctrlmouth", "Control harbour story")
    subject = _exchange("Lighthouse Twinning", "Quillport", "Brackwater", "Morning light")
    control.exchange.inviting_published_at = control.exchange.invited_published_at = utcnow()
    subject.exchange.inviting_published_at = utcnow()
    if request.param == "two keys":
        subject.exchange.invited_published_at = utcnow()
    db.session.commit()
    for item in (control, subject):
        reindex_exchange(item.exchange)
    return SimpleNamespace(control=control, subject=subject, public=request.param == "two keys")


def test_the_rule_itself_in_python_and_sql(world):
    subject = world.subject.exchange
    assert subject.is_public is world.public
    assert can_view_exchange(AnonymousUser(), subject) is world.public
    public = set(db.session.scalars(db.select(Exchange.id).where(public_exchange_clause())))
    assert (subject.id in public) is world.public
    assert world.control.exchange.id in public


def _title(item):
    return [item.exchange.title]


def _story(item):
    return [item.story.title]


def _place(item):
    return [item.exchange.inviting_group.territory.name]


def _links(item):
    # (stories of minors' groups leave the sitemap unless indexing is allowed: the exchange)
    return [f"/exchanges/{item.exchange.id}</loc>"]


# Pages that list what is public: 200, the control shows, the subject only with both keys.
LISTS = {
    "home": ("/", _title),
    "explore": ("/explore", _title),
    "explore by country": ("/explore?country=FR", _title),
    "search": ("/search?q=seagull", _story),
    "map data": ("/map/data.json", _place),
    "sitemap": ("/sitemaps/exchanges-0.xml", _links),  # the index lists this file
    "feed of stories": ("/feeds/stories.atom", _story),
    "api exchanges": ("/api/v1/exchanges", _title),
    "api stories": ("/api/v1/stories", _story),
    "api rounds": ("/api/v1/rounds", lambda item: [item.round.question]),
    "api territories": ("/api/v1/territories", _place),
}


@pytest.mark.parametrize("surface", LISTS)
def test_lists_show_an_exchange_only_with_both_keys(client, world, surface):
    path, marks = LISTS[surface]
    response = client.get(path, headers=EN)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    for mark in marks(world.control):
        assert mark in text, f"the control is missing from {surface}: not the right page"
    for mark in marks(world.subject):
        assert (mark in text) is world.public, f"{surface}: {mark}"


# Pages of the subject itself: 404 with one key, the page with both.
PAGES = {
    "exchange page": lambda w: (f"/exchanges/{w.exchange.id}", w.exchange.title),
    "pair page": lambda w: (f"/rounds/{w.round.id}", w.story.title),
    "story page": lambda w: (f"/stories/{w.story.id}", w.story.title),
    "territory page": lambda w: (
        f"/places/{w.exchange.inviting_group.territory.slug}",
        w.exchange.title,
    ),
    "exchange feed": lambda w: (f"/feeds/exchanges/{w.exchange.id}.atom", w.story.title),
    "territory feed": lambda w: (
        f"/feeds/territories/{w.exchange.inviting_group.territory.slug}.atom",
        w.story.title,
    ),
    "api exchange": lambda w: (f"/api/v1/exchanges/{w.exchange.id}", w.exchange.title),
    "api round": lambda w: (f"/api/v1/rounds/{w.round.id}", w.round.question),
    "api story": lambda w: (f"/api/v1/stories/{w.story.id}", w.story.title),
}


@pytest.mark.parametrize("surface", PAGES)
def test_the_exchange_s_own_pages_need_both_keys(client, world, surface):
    path, mark = PAGES[surface](world.subject)
    response = client.get(path, headers=EN)
    text = response.get_data(as_text=True)
    if world.public:
        assert response.status_code == 200
        assert mark in text
    else:
        assert response.status_code == 404
        assert mark not in text
    control_path, control_mark = PAGES[surface](world.control)
    control = client.get(control_path, headers=EN)
    assert control.status_code == 200 and control_mark in control.get_data(as_text=True)
