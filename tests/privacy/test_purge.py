"""`flask purge`: a dry run by default that counts what the schedule would delete; `--apply`
deletes exactly that, and nothing inside its period."""

import io
import os
from datetime import timedelta

import pytest

from storyhub.core.errors import DomainError
from storyhub.core.models import utcnow
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.media import services as media
from storyhub.media.models import MediaItem
from storyhub.media.storage import get_storage
from storyhub.notifications.models import Notification
from storyhub.privacy.purge import plan, purge
from storyhub.responses.models import Comment
from storyhub.stories.models import Block, Story
from tests import factories
from tests.media import samples

NOW = utcnow()
KINDS_EMPTY = {
    "interrupted_uploads": 0,
    "stray_originals": 0,
    "unused_uploads": 0,
    "unblurred_masters": 0,
    "rejected_stories": 0,
    "rejected_comments": 0,
    "old_notifications": 0,
    "expired_join_codes": 0,
    "inactivity_notices": 0,
    "inactive_accounts": 0,
}


@pytest.fixture(autouse=True)
def media_root(app, tmp_path, monkeypatch):
    """Each test stores its files in a folder of its own."""
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(tmp_path / "media"))
    return tmp_path / "media"


def _aged(row, **ago):
    row.created_at = NOW - timedelta(**ago)
    db.session.commit()
    return row


def _photo(world, story=None, placed=False, **ago):
    item = media.create_media(
        world.young, world.group, "image", io.BytesIO(samples.jpeg()), story=story, alt_text="A"
    )
    if placed:
        story.blocks.append(Block(kind="image", position=len(story.blocks), media=item))
    return _aged(item, **ago) if ago else item


def _files(item) -> list[str]:
    keys = [r["key"] for r in item.renditions] + [k for k in (item.master_key,) if k]
    return [k for k in keys if get_storage().exists(k)]


@pytest.fixture
def world():
    educator = factories.make_educator()
    group = factories.make_group(educator)
    exchange = factories.make_exchange(group, public=True)
    round_ = factories.make_round(exchange)
    young = factories.make_young(group, name="Léa")
    return type(
        "World",
        (),
        {
            "educator": educator,
            "group": group,
            "young": young,
            "round": round_,
            "story": lambda status="draft": factories.make_story(
                round_, group, [young], status=status
            ),
        },
    )


def test_nothing_to_purge_counts_zero_of_each_kind(app):
    assert purge(apply=False) == KINDS_EMPTY


def test_unused_uploads_go_after_24_hours_and_placed_ones_stay(world):
    draft = world.story()
    old_loose = _photo(world, hours=25)
    new_loose = _photo(world, hours=23)
    old_trial = _photo(world, story=draft, hours=25)  # sent to a story, never placed
    old_placed = _photo(world, story=draft, placed=True, hours=25)
    loose_files = _files(old_loose)
    assert loose_files
    found = plan(NOW)["unused_uploads"]
    assert {m.id for m in found} == {old_loose.id, old_trial.id}
    ids = (old_loose.id, new_loose.id, old_trial.id, old_placed.id)
    assert purge(apply=False, now=NOW)["unused_uploads"] == 2
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 4  # dry run: untouched
    assert purge(apply=True, now=NOW)["unused_uploads"] == 2
    kept = set(db.session.scalars(db.select(MediaItem.id).where(MediaItem.id.in_(ids))))
    assert kept == {new_loose.id, old_placed.id}
    assert not any(get_storage().exists(key) for key in loose_files)


def test_the_unblurred_master_goes_once_the_story_is_approved(world):
    approved, draft = world.story("approved"), world.story("draft")
    published = _photo(world, story=approved, placed=True)
    waiting = _photo(world, story=draft, placed=True)
    master = published.master_key
    assert master and get_storage().exists(master) and waiting.master_key
    assert [m.id for m in plan(NOW)["unblurred_masters"]] == [published.id]
    purge(apply=True, now=NOW)
    assert published.master_key is None and not get_storage().exists(master)
    assert published.renditions and all(
        get_storage().exists(r["key"]) for r in published.renditions
    )
    assert waiting.master_key is not None and get_storage().exists(waiting.master_key)


def test_blurring_again_after_the_master_is_gone_says_why(world, app):
    approved = world.story("approved")
    published = _photo(world, story=approved, placed=True)
    purge(apply=True, now=NOW)
    with (
        app.test_request_context(headers={"Accept-Language": "en"}),
        pytest.raises(DomainError, match="unblurred original of this picture was deleted"),
    ):
        media.set_blur_regions(published, [{"x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2}])


def test_rejected_stories_and_comments_go_after_90_days(world):
    old, recent = world.story("rejected"), world.story("rejected")
    old_photo = _photo(world, story=old, placed=True)
    old_files = _files(old_photo)
    old.updated_at = NOW - timedelta(days=91)
    recent.updated_at = NOW - timedelta(days=89)
    approved = world.story("approved")
    comments = {}
    for name, status, days in (
        ("old", "rejected", 91),
        ("recent", "rejected", 89),
        ("kept", "approved", 400),
    ):
        comments[name] = Comment(
            story=approved,
            author_id=world.young.id,
            group_id=world.group.id,
            body=name,
            status=status,
            moderated_at=NOW - timedelta(days=days),
        )
        db.session.add(comments[name])
    db.session.commit()
    old_id, old_comment = old.id, comments["old"].id
    counts = purge(apply=True, now=NOW)
    assert counts["rejected_stories"] == 1 and counts["rejected_comments"] == 1
    assert db.session.get(Story, old_id) is None
    assert db.session.get(Story, recent.id) is not None
    assert not any(get_storage().exists(key) for key in old_files)
    assert db.session.get(Comment, old_comment) is None
    assert {c.body for c in db.session.scalars(db.select(Comment))} == {"recent", "kept"}


def test_notifications_go_after_180_days(world):
    for days in (181, 179):
        note = Notification(user_id=world.educator.id, kind="invitation_received", params={})
        db.session.add(note)
        db.session.flush()
        _aged(note, days=days)
    assert purge(apply=False, now=NOW)["old_notifications"] == 1
    purge(apply=True, now=NOW)
    left = db.session.scalars(db.select(Notification.created_at)).all()
    assert len(left) == 1


def test_expired_join_codes_are_deleted_and_the_educator_is_told(world, as_user):
    fresh = factories.make_group(world.educator)
    world.group.join_code_created_at = NOW - timedelta(days=31)
    fresh.join_code_created_at = NOW - timedelta(days=29)
    db.session.commit()
    code = world.group.join_code
    assert purge(apply=True, now=NOW)["expired_join_codes"] == 1
    assert world.group.join_code is None and fresh.join_code is not None
    assert db.session.scalar(db.select(Group).filter_by(join_code=code)) is None
    page = as_user(world.educator).get(
        f"/groups/{world.group.id}", headers={"Accept-Language": "en"}
    )
    assert page.status_code == 200 and b"This code has expired" in page.data


def test_the_periods_come_from_the_configuration(world, app, monkeypatch):
    _photo(world, hours=5)
    monkeypatch.setitem(app.config, "RETENTION_UPLOAD_HOURS", 4)
    assert purge(apply=False, now=NOW)["unused_uploads"] == 1
    monkeypatch.setitem(app.config, "RETENTION_UPLOAD_HOURS", 6)
    assert purge(apply=False, now=NOW)["unused_uploads"] == 0


def test_the_command_is_a_dry_run_by_default_and_applies_on_request(world, app):
    _photo(world, hours=25)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["purge"])
    assert dry.exit_code == 0, dry.output
    assert "unused_uploads: 1 would be deleted" in dry.output
    assert "Dry run: nothing was deleted." in dry.output
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 1
    assert "unused_uploads: 1 would be deleted" in runner.invoke(args=["purge", "--dry-run"]).output
    applied = runner.invoke(args=["purge", "--apply"])
    assert applied.exit_code == 0 and "unused_uploads: 1 deleted" in applied.output
    assert "expired_join_codes: 0 deleted" in applied.output
    assert db.session.scalar(db.select(db.func.count(MediaItem.id))) == 0
    both = runner.invoke(args=["purge", "--apply", "--dry-run"])
    assert both.exit_code != 0 and "not both" in both.output


def test_stray_originals_on_disk_go_after_the_timeout(app, media_root):
    old = media_root / "ab" / "ab12" / "upload"
    new = media_root / "cd" / "cd34" / "upload"
    for path in (old, new):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"GPS and all")
    hour_ago = (NOW - timedelta(hours=1)).timestamp()
    os.utime(old, (hour_ago, hour_ago))
    assert purge(apply=False)["stray_originals"] == 1
    purge(apply=True)
    assert not old.exists() and new.exists()


def test_an_unused_account_is_announced_to_its_educator_then_deleted(world):
    from storyhub.accounts.models import User

    idle, active = world.young, factories.make_young(world.group, name="Active")
    ancient = factories.make_young(world.group, name="Ancient")
    idle.last_login_at = NOW - timedelta(days=701)  # 730 - 30: time to tell the educator
    active.last_login_at = NOW - timedelta(days=699)
    ancient.last_login_at = NOW - timedelta(days=900)  # never told: told first, not deleted
    db.session.commit()
    counts = purge(apply=True, now=NOW)
    assert counts["inactivity_notices"] == 2 and counts["inactive_accounts"] == 0
    assert db.session.get(User, ancient.id) is not None
    notes = db.session.scalars(db.select(Notification).filter_by(user_id=world.educator.id))
    assert {(n.kind, n.params["name"]) for n in notes} == {
        ("account_inactive", "Léa"),
        ("account_inactive", "Ancient"),
    }
    assert idle.inactivity_notice_at is not None and active.inactivity_notice_at is None
    assert purge(apply=False, now=NOW)["inactivity_notices"] == 0  # told once
    later = NOW + timedelta(days=31)  # the whole period has passed, the notice too
    assert purge(apply=False, now=later)["inactive_accounts"] == 2
    idle_id = idle.id
    purge(apply=True, now=later)
    assert db.session.get(User, idle_id) is None
    assert db.session.get(User, active.id) is not None


def test_signing_in_after_the_notice_cancels_the_deletion(world, client):
    world.young.last_login_at = NOW - timedelta(days=701)
    db.session.commit()
    purge(apply=True, now=NOW)
    assert world.young.inactivity_notice_at is not None
    response = client.post(
        "/login", data={"identifier": world.young.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    db.session.refresh(world.young)
    assert world.young.inactivity_notice_at is None
    assert purge(apply=False, now=NOW + timedelta(days=31))["inactive_accounts"] == 0
