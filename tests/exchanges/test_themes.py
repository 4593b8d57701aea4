"""The curated themes: admins manage them; educators choose their group's themes."""

import pytest

from storyhub.core.errors import DomainError
from storyhub.exchanges import themes
from storyhub.exchanges.models import Theme
from storyhub.extensions import db
from tests import factories
from tests.exchanges.test_views import fresh_client

EN = {"Accept-Language": "en"}


def theme_named(name):
    return db.session.scalar(db.select(Theme).filter_by(name_en=name))


def test_eight_themes_are_seeded():
    assert len(themes.all_themes()) == 8


def test_admin_adds_renames_and_deletes_a_theme(app, admin_user):
    client = fresh_client(app, admin_user)
    assert client.get("/admin/themes/", headers=EN).status_code == 200
    client.post("/admin/themes/", data={"name_en": "Food", "name_fr": "Alimentation"})
    theme = theme_named("Food")
    assert (theme.slug, theme.name_fr) == ("food", "Alimentation")
    client.post(
        f"/admin/themes/{theme.id}/edit", data={"name_en": "Food and cooking", "name_fr": "Cuisine"}
    )
    db.session.refresh(theme)
    assert (theme.name_en, theme.slug) == ("Food and cooking", "food")
    client.post(f"/admin/themes/{theme.id}/delete")
    assert theme_named("Food and cooking") is None


def test_a_theme_in_use_cannot_be_deleted(app, admin_user):
    exchange = factories.make_exchange()
    theme = exchange.themes[0]
    page = fresh_client(app, admin_user).post(
        f"/admin/themes/{theme.id}/delete", headers=EN, follow_redirects=True
    )
    assert b"rename it rather than delete it" in page.data
    assert db.session.get(Theme, theme.id) is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name_en": "", "name_fr": "Rien"}, b"This field is required."),
        ({"name_en": "x" * 81, "name_fr": "x"}, b"At most 80 characters."),
        (
            {"name_en": "Environment", "name_fr": "Encore"},
            b"A theme with this name already exists.",
        ),
    ],
)
def test_bad_theme_input_gives_a_message(app, admin_user, data, message):
    page = fresh_client(app, admin_user).post("/admin/themes/", data=data, headers=EN)
    assert page.status_code == 200
    assert message in page.data
    assert len(themes.all_themes()) == 8


@pytest.mark.parametrize("who", ["educator", "young", "public"])
def test_only_admins_manage_themes(app, who, young, educator):
    user = {"educator": educator, "young": young, "public": None}[who]
    client = fresh_client(app, user)
    expected = 302 if user is None else 403
    assert client.get("/admin/themes/").status_code == expected
    response = client.post("/admin/themes/", data={"name_en": "Food", "name_fr": "Cuisine"})
    assert response.status_code == expected
    assert theme_named("Food") is None


def test_unknown_theme_is_404(app, admin_user):
    client = fresh_client(app, admin_user)
    assert client.get("/admin/themes/424242/edit").status_code == 404
    assert client.get("/admin/themes/99999999999/edit").status_code == 404


@pytest.mark.usefixtures("english")
def test_slugs_stay_unique():
    first = themes.create_theme("Water!", "Eau")
    second = themes.create_theme("Water?", "L'eau")
    assert (first.slug, second.slug) == ("water", "water-2")


@pytest.mark.usefixtures("english")
def test_themes_from_ids_refuses_unknown_ids():
    with pytest.raises(DomainError) as error:
        themes.themes_from_ids([424242])
    assert error.value.message == "Choose themes from the list."


# --- a group's themes -----------------------------------------------------------------------------


def test_educator_chooses_the_themes_of_their_group(app, educator, group):
    sport = factories.make_theme("sport-and-inclusion")
    client = fresh_client(app, educator)
    assert client.get(f"/exchanges/groups/{group.id}/themes", headers=EN).status_code == 200
    client.post(f"/exchanges/groups/{group.id}/themes", data={"themes": [str(sport.id)]})
    assert [t.slug for t in themes.themes_by_group([group.id])[group.id]] == ["sport-and-inclusion"]


def test_educator_cannot_choose_another_groups_themes(app, group):
    other = factories.make_educator()
    sport = factories.make_theme("sport-and-inclusion")
    client = fresh_client(app, other)
    assert client.get(f"/exchanges/groups/{group.id}/themes").status_code == 403
    response = client.post(f"/exchanges/groups/{group.id}/themes", data={"themes": [sport.id]})
    assert response.status_code == 403
    assert themes.themes_by_group([group.id]) == {}


def test_unknown_theme_for_a_group_gives_a_message(app, educator, group):
    page = fresh_client(app, educator).post(
        f"/exchanges/groups/{group.id}/themes", data={"themes": ["999"]}, headers=EN
    )
    assert b"Choose themes from the list." in page.data
