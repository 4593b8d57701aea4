"""Faces suggested for blurring: found offline (OpenCV's Haar cascades), offered to the educator,
never applied without them."""

import pytest
from PIL import Image

from storyhub.extensions import db
from storyhub.media import faces
from tests.media import samples
from tests.media.conftest import upload
from tests.media.test_services import read, variance_in

EN = {"Accept-Language": "en"}
FACE_CENTRE = (0.5, 0.45)  # of samples.face_picture(), relative
pytestmark = pytest.mark.usefixtures("face_suggestions")  # on, as in production


def _contains(region: dict, point: tuple[float, float]) -> bool:
    x, y = point
    return (
        region["x"] <= x <= region["x"] + region["w"]
        and region["y"] <= y <= region["y"] + region["h"]
    )


@pytest.mark.db_independent
def test_the_real_detector_finds_the_drawn_face():
    found = faces.find_faces(samples.face_picture())
    assert len(found) == 1 and _contains(found[0], FACE_CENTRE)
    assert found[0]["w"] < 0.7 and found[0]["h"] <= 1


@pytest.mark.db_independent
def test_the_real_detector_runs_on_a_picture_without_faces():
    noise = Image.effect_noise((1600, 1200), 60).convert("RGB")
    assert isinstance(faces.find_faces(noise), list)
    assert faces.find_faces(Image.new("L", (30, 20))) == []


def test_faces_are_looked_for_while_processing_and_never_blurred_alone(world):
    media = upload(world.lea, world.a, data=samples.face_jpeg(), alt_text="Léa")
    assert len(media.face_regions) == 1 and _contains(media.face_regions[0], FACE_CENTRE)
    assert media.blur_regions == []
    sharp = [r for r in media.renditions if r["role"] == "fallback"][-1]
    assert variance_in(read(sharp["key"]), media.face_regions[0]) > 100  # still a sharp face


def test_suggestions_can_be_switched_off(world, config):
    config(MEDIA_FACE_SUGGESTIONS="off")
    media = upload(world.lea, world.a, data=samples.face_jpeg())
    assert media.face_regions is None


def test_a_failing_detector_never_stops_a_photo(world, monkeypatch):
    def broken(image):
        raise RuntimeError("the cascade is gone")

    monkeypatch.setattr(faces, "find_faces", broken)
    media = upload(world.lea, world.a, data=samples.face_jpeg())
    assert media.is_ready and media.face_regions is None


@pytest.fixture
def suggested(world, monkeypatch):
    """A photo whose (stubbed) detector found two faces."""
    found = [{"x": 0.1, "y": 0.1, "w": 0.2, "h": 0.3}, {"x": 0.6, "y": 0.2, "w": 0.2, "h": 0.3}]
    monkeypatch.setattr(faces, "find_faces", lambda image: found)
    noise = Image.effect_noise((1000, 750), 60).convert("RGB")
    return upload(world.lea, world.a, data=samples.jpeg((1000, 750), image=noise), alt_text="x")


def test_the_educator_sees_each_suggestion_to_tick(as_user, world, suggested):
    html = as_user(world.edu_a).get(f"/media/{suggested.id}", headers=EN).get_data(as_text=True)
    assert "Faces found in the picture" in html
    assert html.count('name="faces"') == 2 and "Face 1 (10 % from the left" in html
    assert 'data-face="0.10000 0.10000 0.20000 0.30000"' in html


def test_an_author_does_not_see_the_suggestions(as_user, world, suggested):
    page = as_user(world.lea).get(f"/media/{suggested.id}", headers=EN)
    assert page.status_code == 200 and f"/media/{suggested.id}/" in page.text  # her photo's page
    assert 'name="faces"' not in page.text


def test_a_ticked_suggestion_is_blurred_in_every_rendition(as_user, world, suggested):
    face = suggested.face_regions[1]
    before = {r["width"]: variance_in(read(r["key"]), face) for r in suggested.renditions}
    page = as_user(world.edu_a).post(f"/media/{suggested.id}/blur", data={"faces": "1"})
    assert page.status_code == 302
    db.session.expire_all()
    assert suggested.blur_regions == [face]
    for rendition in suggested.renditions:
        assert variance_in(read(rendition["key"]), face) < before[rendition["width"]] / 10
    html = as_user(world.edu_a).get(f"/media/{suggested.id}", headers=EN).get_data(as_text=True)
    assert html.count('name="faces"') == 1  # the blurred one is no longer offered


def test_a_made_up_suggestion_number_is_refused(as_user, world, suggested):
    page = as_user(world.edu_a).post(f"/media/{suggested.id}/blur", data={"faces": "7"})
    assert page.status_code == 400
    assert db.session.get(type(suggested), suggested.id).blur_regions == []


def test_the_educator_can_look_for_faces_again(as_user, world, config, monkeypatch):
    config(MEDIA_FACE_SUGGESTIONS="off")
    media = upload(world.lea, world.a, data=samples.face_jpeg(), alt_text="Léa")
    assert media.face_regions is None
    config(MEDIA_FACE_SUGGESTIONS="on")
    page = as_user(world.edu_a).post(f"/media/{media.id}/faces", headers=EN)
    assert page.status_code == 302
    assert len(db.session.get(type(media), media.id).face_regions) == 1


def test_only_educators_may_look_for_faces(as_user, world):
    media = upload(world.lea, world.a, data=samples.face_jpeg())
    for person in (world.lea, world.edu_b):
        assert as_user(person).post(f"/media/{media.id}/faces").status_code == 404
