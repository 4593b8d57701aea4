"""Media from the object store in Chromium: the public story page's 360° view and sound come from
presigned URLs of a private bucket (moto's S3 server, answering CORS only as the bucket's rule
says, as S3 does). The panorama viewer reads its picture by a cross-origin request, so it needs
the bucket's CORS rule (`flask media-bucket-cors`); the sound plays without one."""

import io

import pytest

from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.media import services
from storyhub.media.appearance import record_appearance
from storyhub.stories.models import Block
from tests import factories
from tests.media import samples
from tests.stories.helpers import make_pair

pytestmark = pytest.mark.browser
LOADED = "document.querySelector('[data-panorama]').storyhubViewer.isLoaded()"
YAW = "document.querySelector('[data-panorama]').storyhubViewer.getYaw()"


@pytest.fixture
def story(s3_store, tmp_path):
    """A published story of a public exchange: a 360° view, then a sound, stored in the bucket."""
    pair = make_pair()
    pair.exchange.inviting_published_at = pair.exchange.invited_published_at = utcnow()
    story = factories.make_story(pair.round, pair.a, authors=[pair.lea], status="approved")
    view = services.create_media(
        pair.lea, pair.a, "panorama", io.BytesIO(samples.panorama((2048, 1024))),
        story=story, alt_text="The schoolyard all around: plane trees, a mural, the gate",
    )  # fmt: skip
    sound_file = samples.audio(tmp_path / "fountain.ogg", "ogg", "libopus", seconds=2.0)
    sound = services.create_media(
        pair.lea, pair.a, "audio", io.BytesIO(sound_file.read_bytes()),
        story=story, transcript="The fountain, and children laughing.",
    )  # fmt: skip
    for media in (view, sound):
        story.blocks.append(Block(kind=media.kind, position=len(story.blocks), media=media))
    db.session.commit()
    record_appearance(view, [], True, pair.edu_a)
    return story


def _open(new_page, live_server, story, s3_endpoint):
    page = new_page("en-GB")
    from_store, refused = [], []
    page.on(
        "requestfinished",
        lambda request: (
            from_store.append(request.url) if request.url.startswith(s3_endpoint) else None
        ),
    )
    page.on(
        "console", lambda message: refused.append(message.text) if "CORS" in message.text else None
    )
    page.goto(f"{live_server}/stories/{story.id}")
    return page, from_store, refused


def _sound_plays(page) -> None:
    audio = page.locator(".story-block--audio audio")
    audio.evaluate("(audio) => { audio.muted = true; return audio.play(); }")
    page.wait_for_function(
        "() => { const a = document.querySelector('.story-block--audio audio');"
        " return a.currentTime > 0.2 && a.duration > 1.5 && !a.error; }"
    )


def test_with_the_bucket_cors_rule_the_panorama_and_the_sound_play_from_the_store(
    app, live_server, new_page, story, s3_store, s3_endpoint
):
    result = app.test_cli_runner().invoke(args=["media-bucket-cors"])
    assert result.exit_code == 0, result.output
    page, from_store, refused = _open(new_page, live_server, story, s3_endpoint)
    _sound_plays(page)
    page.click("[data-panorama-open]")
    page.wait_for_selector(".panorama.is-open")
    page.wait_for_function(f"() => {LOADED}")
    before = page.evaluate(YAW)
    page.keyboard.down("ArrowRight")  # held until the view has turned
    page.wait_for_function(f"(before) => {YAW} > before + 2", arg=before)
    page.keyboard.up("ArrowRight")
    assert page.locator(".pnlm-error-msg:visible").count() == 0
    assert not [line for line in refused if "CORS" in line], refused
    assert len([url for url in from_store if "X-Amz-Signature=" in url]) >= 2, from_store


def test_without_it_the_panorama_is_refused_by_the_browser(
    live_server, new_page, story, s3_endpoint
):
    page, _from_store, _refused = _open(new_page, live_server, story, s3_endpoint)
    _sound_plays(page)  # a sound needs no CORS
    with page.expect_console_message(lambda line: "blocked by CORS policy" in line.text) as said:
        page.click("[data-panorama-open]")
    text = said.value.text
    assert (
        text.startswith(f"Access to XMLHttpRequest at '{s3_endpoint}/")
        and "X-Amz-Signature=" in text
    )
    assert "No 'Access-Control-Allow-Origin' header" in text
    assert page.evaluate(f"{LOADED} === true") is False  # never loaded
