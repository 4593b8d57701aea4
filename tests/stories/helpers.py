"""Fixtures and helpers of the stories and moderation tests: a twinned exchange with a round."""

from types import SimpleNamespace

import pytest

from storyhub.stories.blocks import BlockDraft
from storyhub.stories.content import StoryInput
from tests import factories, snapshot


@pytest.fixture
def english(app):
    """Run service calls inside an English request, so messages are in English."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def pair():
    """Two groups of different territories in an active, private exchange with an open round
    (built once per run, its rows put back for each test: tests/snapshot.py)."""
    return snapshot.once("stories: pair", make_pair)


def make_pair():
    """Two groups (Bordeaux, Mamoudzou) in an active, private exchange with an open round."""
    edu_a, edu_b = factories.make_educator(), factories.make_educator()
    group_a = factories.make_group(edu_a, factories.make_territory("Bordeaux"), name="4e B")
    group_b = factories.make_group(edu_b, factories.make_territory("Mamoudzou"), name="Kaweni")
    exchange = factories.make_exchange(group_a, group_b)
    return SimpleNamespace(
        edu_a=edu_a,
        edu_b=edu_b,
        a=group_a,
        b=group_b,
        lea=factories.make_young(group_a, name="Léa"),
        yanis=factories.make_young(group_a, name="Yanis"),
        amina=factories.make_young(group_b, name="Amina"),
        exchange=exchange,
        round=factories.make_round(exchange),
    )


def text_input(title="Our square", body="<p>At dusk, the square fills up.</p>", **extra):
    """What the editor sends for a one-block story."""
    blocks = extra.pop("blocks", None) or [BlockDraft(kind="text", body=body)]
    return StoryInput(title=title, language=extra.pop("language", "fr"), blocks=blocks, **extra)


def editor_form(title="Our square", blocks=(("text", "<p>At dusk.</p>"),), op="save", **extra):
    """A POST body of the editor form, blocks given as (kind, value) pairs."""
    data = {"title": title, "language": extra.pop("language", "fr"), "op": op}
    for index, (kind, value) in enumerate(blocks):
        data[f"block-{index}-kind"] = kind
        if kind == "text":
            data[f"block-{index}-body"] = value
        else:
            data[f"block-{index}-text"] = value
            data[f"block-{index}-attribution"] = extra.get("attribution", "")
    data.update(extra)
    return data


def resent_story(pair):
    """Léa's story "Le port": sent for review, sent back for changes by her educator, then sent
    again with a new title and a changed sentence (what the review's diff shows)."""
    from storyhub.stories import services

    story = services.start_story(
        pair.round, pair.lea, text_input("Le port", "<p>Les bateaux rentrent la nuit.</p>"),
        submit=True,
    )  # fmt: skip
    services.request_changes(story, pair.edu_a, "Dites-en plus sur les bateaux.")
    data = text_input("Le port du soir", "<p>Les bateaux rouges rentrent à l’aube.</p>")
    data.blocks[0].id = story.blocks[0].id
    services.save_story(story, pair.lea, data, submit=True)
    return story
