"""The API's people-written fields are plain text, and its document tells clients to escape them."""

from storyhub.api.openapi import PLAIN_TEXT_NOTE
from tests import factories
from tests.search.helpers import published

PLAIN_FIELDS = {
    "Story": ("title",),
    "Block": ("text", "attribution"),
    "Media": ("alt_text", "caption", "transcript"),
    "Author": ("display_name", "group"),
    "Group": ("name",),
    "TerritoryRef": ("name",),
    "Exchange": ("title", "description"),
    "Round": ("question", "guidance"),
}


def test_the_document_says_which_fields_are_plain_text_to_escape(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert "clients must escape them" in doc["info"]["description"]
    schemas = doc["components"]["schemas"]
    for schema, fields in PLAIN_FIELDS.items():
        for field in fields:
            assert PLAIN_TEXT_NOTE in schemas[schema]["properties"][field]["description"], field
    assert "HTML" in schemas["Block"]["properties"]["html"]["description"]
    theme_names = schemas["Theme"]["properties"]["name"]["properties"]  # written by admins
    assert all(PLAIN_TEXT_NOTE in theme_names[lang]["description"] for lang in ("fr", "en"))


def test_a_title_with_markup_comes_back_as_the_same_plain_text(client):
    round_ = factories.make_round(factories.make_exchange(public=True))
    story = published(round_, title='Fish & <b>"chips"</b>')
    data = client.get(f"/api/v1/stories/{story.id}").get_json()["data"]
    assert data["title"] == 'Fish & <b>"chips"</b>'  # not escaped twice, not stripped: escape it
