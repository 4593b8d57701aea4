"""My data: a ZIP of everything about me, for me, and for my educator on my behalf."""

import json

import pytest

from tests import factories
from tests.rights.conftest import EN, unzip


def _data(response) -> dict:
    return json.loads(unzip(response).read("data.json"))


def test_my_data_page_offers_the_download_name_and_deletion(as_user, world):
    page = as_user(world.lea).get("/account/data", headers=EN)
    assert page.status_code == 200
    for marker in (b"Download my data", b'id="name"', b"Ask to delete my account"):
        assert marker in page.data


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get("/account/data").status_code == 302
    response = client.post("/account/data/download")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_young_person_downloads_everything_about_them(as_user, world):
    response = as_user(world.lea).post("/account/data/download", headers=EN)
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Léa" not in response.headers["Content-Disposition"]  # the file name holds no name
    archive = unzip(response)
    names = set(archive.namelist())
    assert {"data.json", "index.html", "stories.csv", "comments.csv"} <= names
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["display_name"] == "Léa"
    assert [g["name"] for g in data["groups"]] == ["4e B"]
    assert {c["kind"] for c in data["consents"]} == {"parental", "image"}
    assert {s["title"] for s in data["stories"]} == {"Mon quartier", "Notre place"}
    together = next(s for s in data["stories"] if s["title"] == "Notre place")
    assert together["authors"] == ["Léa", "Yanis"] and together["status"] == "approved"
    assert [c["body"] for c in data["comments"]] == ["Trop bien, Amina !"]
    assert [r["kind"] for r in data["reactions"]] == ["thank_you"]
    media = {m["id"]: m for m in data["media"]}
    assert set(media) == {world.own_photo.id, world.tagged.id, world.loose.id}
    assert media[world.tagged.id]["i_appear_in_it"] and not media[world.tagged.id]["uploaded_by_me"]
    for item in media.values():
        assert item["file"] in names and archive.read(item["file"])[:4] in (
            b"RIFF",
            b"\xff\xd8\xff\xe0",
            b"\xff\xd8\xff\xdb",
        )
    page = archive.read("index.html").decode()
    assert "Mon quartier" in page and "Trop bien, Amina" in page and "<script" not in page


def test_the_export_holds_no_other_persons_private_data(as_user, world):
    archive = unzip(as_user(world.lea).post("/account/data/download"))
    text = "".join(
        archive.read(n).decode() for n in archive.namelist() if not n.startswith("media/")
    )
    assert world.yanis.username not in text  # a co-author shows by their display name only
    assert "Merci Léa pour la vidéo" not in text  # someone else's comment on my story
    assert "Amina" in text  # ...though my own comment names her


def test_educator_downloads_a_young_persons_data_for_them(as_user, world):
    url = f"/groups/{world.a.id}/members/{world.lea.id}/data"
    response = as_user(world.edu_a).post(url)
    assert response.status_code == 200
    assert _data(response)["profile"]["display_name"] == "Léa"


def test_admin_downloads_a_young_persons_data(as_user, world):
    url = f"/groups/{world.a.id}/members/{world.lea.id}/data"
    assert as_user(factories.make_admin()).post(url).status_code == 200


@pytest.mark.parametrize("who", ["edu_b", "stranger", "yanis", "lea"])
def test_others_cannot_download_a_young_persons_data(as_user, world, who):
    people = {
        "edu_b": world.edu_b,  # the twin group's educator
        "stranger": factories.make_educator(),
        "yanis": world.yanis,  # a classmate
        "lea": world.lea,  # herself, through the educators' page: she uses /account/data
    }
    url = f"/groups/{world.a.id}/members/{world.lea.id}/data"
    response = as_user(people[who]).post(url, headers=EN)
    assert response.status_code == 403
    assert b"Not allowed" in response.data


def test_the_member_page_is_for_the_groups_educators(as_user, world):
    url = f"/groups/{world.a.id}/members/{world.lea.id}/rights"
    page = as_user(world.edu_a).get(url, headers=EN)
    assert page.status_code == 200
    assert b"Data and account of L\xc3\xa9a" in page.data
    refused = as_user(world.edu_b).get(url, headers=EN)
    assert refused.status_code == 403 and b"Not allowed" in refused.data


def test_a_member_of_another_group_is_not_found(as_user, world):
    url = f"/groups/{world.a.id}/members/{world.amina.id}/data"
    assert as_user(world.edu_a).post(url).status_code == 404


def test_media_past_the_budget_are_listed_not_included(app, as_user, world, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_MAX_MEDIA_BYTES", 10)
    archive = unzip(as_user(world.lea).post("/account/data/download", headers=EN))
    data = json.loads(archive.read("data.json"))
    assert not [n for n in archive.namelist() if n.startswith("media/")]
    assert len(data["media"]) == 3
    assert all("Too large" in m["note"] and m["file"] is None for m in data["media"])


def test_an_educator_downloads_their_own_data(as_user, world):
    data = _data(as_user(world.edu_a).post("/account/data/download"))
    assert data["profile"]["email"] == world.edu_a.email
    assert [g["name"] for g in data["groups"]] == ["4e B"]
