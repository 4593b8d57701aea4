"""Image consent that holds over time: a photo leaves every surface at once when the image
consent of someone ticked as appearing in it is withdrawn, narrowed to the exchange or was never
recorded, and comes back when it is given again. Derived in the one media rule
(`can_view_media`, `shown_media_clause`, `shown_to_public`); the story itself stays. (Search
results show no pictures; the sitemap lists no media.)"""

import pytest

from storyhub.extensions import db
from storyhub.groups.models import (
    CONSENT_IMAGE,
    CONSENT_PARENTAL,
    SCOPE_EXCHANGE,
    SCOPE_PUBLIC,
    Consent,
)
from storyhub.media import services
from tests.conftest import login_as

PLACES = {
    "story page": lambda w, m: f"/stories/{m.story_id}",
    "pair page": lambda w, m: f"/rounds/{w.round.id}",
    "exchange page": lambda w, m: f"/exchanges/{w.exchange.id}",
    "territory page": lambda w, m: f"/places/{w.a.territory.slug}",
    "stories feed": lambda w, m: "/feeds/stories.atom",
    "exchange feed": lambda w, m: f"/feeds/exchanges/{w.exchange.id}.atom",
    "API list": lambda w, m: "/api/v1/stories",
    "API item": lambda w, m: f"/api/v1/stories/{m.story_id}",
    "media page": lambda w, m: f"/media/{m.id}",
    "media file": lambda w, m: f"/media/{m.id}/{m.renditions[0]['name']}",
}
WITHDRAWALS = {
    "image consent withdrawn": {"granted": False},
    "image scope narrowed to the exchange": {"granted": True, "scope": SCOPE_EXCHANGE},
    "image consent never recorded": None,
}


def set_consent(user, kind=CONSENT_IMAGE, granted=True, scope=SCOPE_PUBLIC):
    """Record (or, with granted=None, remove) a consent directly, as a later event."""
    consent = db.session.scalar(db.select(Consent).filter_by(user_id=user.id, kind=kind))
    if granted is None:
        db.session.delete(consent)
    else:
        if consent is None:
            consent = Consent(user_id=user.id, kind=kind, granted=granted)
            db.session.add(consent)
        consent.granted, consent.scope = granted, scope
    db.session.commit()


def shows(client, url, media) -> bool:
    """The page answers and shows the item (its files' address), or the file is served."""
    response = client.get(url)
    if url.startswith(f"/media/{media.id}"):
        return response.status_code == 200
    return response.status_code == 200 and f"/media/{media.id}/" in response.get_data(as_text=True)


@pytest.fixture
def tagged_photo(world, story_media):
    """A published photo of a public exchange in which Léa is ticked as appearing."""
    media = story_media(status="approved", public=True)
    services.tag_people(media, [world.lea])
    world.exchange.cover_media_id = media.id  # the educators' chosen picture of the exchange
    db.session.commit()
    return media


@pytest.mark.parametrize("withdrawal", WITHDRAWALS)
@pytest.mark.parametrize("place", PLACES)
def test_a_photo_leaves_every_surface_when_image_consent_goes_and_comes_back(
    client, world, tagged_photo, place, withdrawal
):
    url = PLACES[place](world, tagged_photo)
    assert shows(client, url, tagged_photo)
    change = WITHDRAWALS[withdrawal]
    set_consent(world.lea, granted=None) if change is None else set_consent(world.lea, **change)
    assert not shows(client, url, tagged_photo)
    set_consent(world.lea, granted=True, scope=SCOPE_PUBLIC)
    assert shows(client, url, tagged_photo)


def test_the_story_stays_public_without_its_photo(client, world, tagged_photo):
    set_consent(world.lea, granted=False)
    page = client.get(f"/stories/{tagged_photo.story_id}")
    assert page.status_code == 200 and "Our square, at dusk." in page.get_data(as_text=True)
    assert f"/media/{tagged_photo.id}/" not in page.get_data(as_text=True)


def test_parental_consent_withdrawn_takes_the_photo_too(client, world, tagged_photo):
    set_consent(world.lea, kind=CONSENT_PARENTAL, granted=False)
    assert not shows(client, PLACES["media file"](world, tagged_photo), tagged_photo)


def test_a_photo_nobody_is_ticked_in_does_not_depend_on_image_consent(client, world, story_media):
    media = story_media(status="approved", public=True)
    set_consent(world.lea, granted=False)
    assert shows(client, PLACES["media file"](world, media), media)


def test_someone_else_ticked_without_consent_takes_it_out(client, world, tagged_photo):
    services.tag_people(tagged_photo, [world.lea, world.yanis])  # Yanis: image consent "No"
    assert not shows(client, PLACES["media file"](world, tagged_photo), tagged_photo)
    assert not shows(client, PLACES["story page"](world, tagged_photo), tagged_photo)


@pytest.mark.parametrize(
    "scope, twin_sees",
    [(SCOPE_EXCHANGE, True), (None, False)],
    ids=["narrowed to the exchange", "withdrawn"],
)
def test_the_twin_group_keeps_the_photo_only_when_the_scope_allows(
    client, world, tagged_photo, scope, twin_sees
):
    if scope is None:
        set_consent(world.lea, granted=False)
    else:
        set_consent(world.lea, granted=True, scope=scope)
    login_as(client, world.amina)
    assert shows(client, PLACES["media file"](world, tagged_photo), tagged_photo) is twin_sees
    assert shows(client, PLACES["story page"](world, tagged_photo), tagged_photo) is twin_sees


@pytest.mark.parametrize("who", ["lea", "edu_a"])
def test_the_person_and_their_educator_still_see_it(client, world, tagged_photo, who):
    set_consent(world.lea, granted=False)
    login_as(client, getattr(world, who))
    response = client.get(PLACES["media file"](world, tagged_photo))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"


def test_the_public_file_is_cached_an_hour_at_most_never_immutable(client, world, tagged_photo):
    response = client.get(PLACES["media file"](world, tagged_photo))
    assert response.headers["Cache-Control"] == "public, max-age=3600"


def test_an_anonymous_page_cached_before_the_withdrawal_is_not_answered_304(
    client, world, tagged_photo
):
    url = PLACES["territory page"](world, tagged_photo)
    etag = client.get(url).headers.get("ETag")
    assert etag
    set_consent(world.lea, granted=False)
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert f"/media/{tagged_photo.id}/" not in again.get_data(as_text=True)


def test_search_forgets_the_words_of_a_withdrawn_photo_and_finds_them_again(
    client, world, tagged_photo
):
    tagged_photo.alt_text = "Léa flying a Zanzibar kite"
    db.session.commit()

    def found() -> bool:
        page = client.get("/search?q=Zanzibar").get_data(as_text=True)
        return f"/stories/{tagged_photo.story_id}" in page

    assert found()
    set_consent(world.lea, granted=False)
    assert not found()
    set_consent(world.lea, granted=True)
    assert found()
