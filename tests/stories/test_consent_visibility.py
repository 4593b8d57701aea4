"""Consent that holds over time: a story leaves every surface at once when a young author's
parental consent is withdrawn or narrowed to the exchange, and comes back when it is given again.
Derived from the consent in the one visibility rule (`visible_story_clause`, `can_view_story`)."""

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import cache, db
from storyhub.groups.models import CONSENT_PARENTAL, SCOPE_EXCHANGE, SCOPE_PUBLIC, Consent
from tests import factories
from tests.conftest import login_as

TITLE = "Zephyrine square at dusk"


def _published(pair):
    story = factories.make_story(pair.round, pair.a, [pair.lea], status="approved", title=TITLE)
    factories.make_story(pair.round, pair.b, [pair.amina], status="approved", title="The barge")
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = utcnow()
    # Both educators let search engines index it: the minors' story is in the sitemap too.
    pair.exchange.inviting_indexable_at = pair.exchange.invited_indexable_at = utcnow()
    db.session.commit()
    return story


def _consent(user, granted=True, scope=SCOPE_PUBLIC):
    consent = db.session.scalar(
        db.select(Consent).filter_by(user_id=user.id, kind=CONSENT_PARENTAL)
    )
    consent.granted, consent.scope = granted, scope
    db.session.commit()


PLACES = {
    "story page": lambda p, s: f"/stories/{s.id}",
    "pair page": lambda p, s: f"/rounds/{p.round.id}",
    "exchange page": lambda p, s: f"/exchanges/{p.exchange.id}",
    "home": lambda p, s: "/",
    "search": lambda p, s: "/search?q=Zephyrine",
    "stories feed": lambda p, s: "/feeds/stories.atom",
    "exchange feed": lambda p, s: f"/feeds/exchanges/{p.exchange.id}.atom",
    "sitemap": lambda p, s: "/sitemaps/stories-0.xml",  # the file listing its id
    "API list": lambda p, s: "/api/v1/stories",
    "API item": lambda p, s: f"/api/v1/stories/{s.id}",
}
WITHDRAWALS = {
    "parental consent withdrawn": {"granted": False},
    "scope narrowed to the exchange": {"granted": True, "scope": SCOPE_EXCHANGE},
}


def _shows(client, url, story):
    page = client.get(url)
    body = page.get_data(as_text=True)
    return page.status_code == 200 and (TITLE in body or f"/stories/{story.id}" in body)


@pytest.mark.parametrize("page_cache", [False, True], ids=["built", "page cache"])
@pytest.mark.parametrize("withdrawal", WITHDRAWALS)
@pytest.mark.parametrize("place", PLACES)
def test_story_leaves_public_view_on_withdrawal_and_comes_back(
    app, client, pair, place, withdrawal, page_cache, monkeypatch
):
    monkeypatch.setitem(app.config, "PAGE_CACHE", page_cache)
    cache.clear()
    story = _published(pair)
    url = PLACES[place](pair, story)
    assert _shows(client, url, story)
    assert _shows(client, url, story)  # kept by the page cache when it is on
    _consent(pair.lea, **WITHDRAWALS[withdrawal])
    assert not _shows(client, url, story)
    _consent(pair.lea, granted=True, scope=SCOPE_PUBLIC)
    assert _shows(client, url, story)


def test_a_co_author_without_consent_takes_the_story_out(client, pair):
    story = _published(pair)
    story.authors.append(pair.yanis)
    db.session.commit()
    _consent(pair.yanis, granted=False)
    assert client.get(f"/stories/{story.id}").status_code == 404


@pytest.mark.parametrize("place", ["home", "exchange page", "stories feed", "API list"])
def test_a_co_author_without_consent_takes_the_story_out_of_every_list(client, pair, place):
    story = _published(pair)
    story.authors.append(pair.yanis)
    db.session.commit()
    url = PLACES[place](pair, story)
    assert _shows(client, url, story)
    _consent(pair.yanis, granted=False)
    assert not _shows(client, url, story)


@pytest.mark.parametrize(
    "scope, twin_sees", [(SCOPE_EXCHANGE, True), (SCOPE_PUBLIC, True)], ids=["exchange", "public"]
)
def test_the_twin_group_keeps_the_story_when_the_scope_allows(client, pair, scope, twin_sees):
    story = _published(pair)
    _consent(pair.lea, granted=True, scope=scope)
    login_as(client, pair.amina)
    assert (client.get(f"/stories/{story.id}").status_code == 200) is twin_sees


def test_the_twin_group_loses_the_story_when_consent_is_withdrawn(client, pair):
    story = _published(pair)
    _consent(pair.lea, granted=False)
    login_as(client, pair.amina)
    assert client.get(f"/stories/{story.id}").status_code == 404
    assert TITLE not in client.get(f"/rounds/{pair.round.id}").get_data(as_text=True)


def test_the_author_and_their_educator_still_see_it(client, pair):
    story = _published(pair)
    _consent(pair.lea, granted=False)
    for user in (pair.lea, pair.edu_a):
        login_as(client, user)
        assert client.get(f"/stories/{story.id}").status_code == 200
