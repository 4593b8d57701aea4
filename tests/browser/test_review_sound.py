"""An educator reviews a resubmitted story in Chromium: the changes since their last reading are
shown, and its sound plays from the review page itself (never approved blind)."""

import io

import pytest

from storyhub.extensions import db
from storyhub.media.services import create_media
from storyhub.stories.models import Block
from tests.browser.test_stories_editor import _sign_in
from tests.media import samples
from tests.stories.helpers import make_pair, resent_story

pytestmark = pytest.mark.browser

PLAYING = """() => { const a = document.querySelector('main audio');
  return a && !a.paused && a.currentTime > 0.3; }"""


def test_an_educator_reads_the_diff_and_plays_the_sound_from_the_review_page(
    live_server, new_page, shoot, tmp_path
):
    pair = make_pair()
    story = resent_story(pair)
    sound = samples.audio(tmp_path / "port.ogg", "ogg", "libopus", seconds=3).read_bytes()
    media = create_media(
        pair.lea, pair.a, "audio", io.BytesIO(sound), story=story, transcript="Les mouettes."
    )
    story.blocks.append(Block(kind="audio", position=len(story.blocks), media=media))
    db.session.commit()
    assert media.is_ready

    page = new_page("fr-FR")
    _sign_in(page, live_server, pair.edu_a.email)
    page.goto(f"{live_server}/moderation/stories/{story.id}")
    diff = page.get_by_role("region", name="Ce qui a changé depuis votre dernière lecture")
    assert diff.locator("ins", has_text="rouges").is_visible()
    audio = page.locator("main audio").first
    audio.scroll_into_view_if_needed()
    audio.click()  # the educator's own gesture: the browser lets the page play
    page.evaluate("() => document.querySelector('main audio').play()")
    page.wait_for_function(PLAYING)  # it plays: time runs on the review page
    shoot(page, "review-sound")
