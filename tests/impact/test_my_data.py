"""A young person's answers and reflections are theirs: in their "my data" ZIP (and nobody
else's), and gone with their account."""

import json

from storyhub.extensions import db
from storyhub.impact import services
from storyhub.impact.models import AnswerSet, Reflection, ScaleAnswer
from tests.impact.conftest import after, before
from tests.rights.conftest import EN, unzip


def _answered(twin):
    before(twin.young_a, twin.exchange, 1, 2, 3, 4)
    after(twin.young_a, twin.exchange, twin.round, 5, 4, 3, 2, reflection="They are like us.")
    before(twin.other_a, twin.exchange, 3, 3, 3, 3)
    after(twin.other_a, twin.exchange, twin.round, reflection="Someone else's secret.")
    mine = db.session.scalar(db.select(Reflection).filter_by(author_id=twin.young_a.id))
    services.take(mine, twin.young_a, "share")
    return mine


def test_my_data_holds_my_answers_and_reflections_with_their_state(as_user, twin):
    _answered(twin)
    archive = unzip(as_user(twin.young_a).post("/account/data/download", headers=EN))
    data = json.loads(archive.read("data.json"))
    sets = {a["moment"]: a for a in data["answers"]}
    assert set(sets) == {"before", f"round-{twin.round.id}"}
    assert [a["value"] for a in sets["before"]["answers"]] == [1, 2, 3, 4]
    assert sorted(a["value"] for a in sets[f"round-{twin.round.id}"]["answers"]) == [2, 3, 4, 5]
    assert all(a["statement"] for a in sets["before"]["answers"])  # the words, not an id
    assert [(r["body"], r["status"]) for r in data["reflections"]] == [
        ("They are like us.", "submitted")
    ]
    page = archive.read("index.html").decode()
    assert "They are like us." in page and "5/5" in page
    assert "They are like us." in archive.read("reflections.csv").decode()
    for name in archive.namelist():
        if not name.startswith("media/"):
            assert "Someone else" not in archive.read(name).decode()


def test_my_data_holds_nobody_elses_answers(as_user, twin):
    _answered(twin)
    data = json.loads(
        unzip(as_user(twin.other_a).post("/account/data/download", headers=EN)).read("data.json")
    )
    assert [r["body"] for r in data["reflections"]] == ["Someone else's secret."]
    assert {a["answers"][0]["value"] for a in data["answers"] if a["moment"] == "before"} == {3}
    assert "They are like us." not in json.dumps(data)


def test_deleting_the_account_removes_their_answers_and_reflections(as_user, twin):
    _answered(twin)
    young_id, other_id = twin.young_a.id, twin.other_a.id
    url = f"/groups/{twin.group_a.id}/members/{young_id}/remove"
    assert as_user(twin.educator_a).post(url, headers=EN).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(AnswerSet).filter_by(
        user_id=young_id)) == 0  # fmt: skip
    assert db.session.scalar(db.select(Reflection).filter_by(author_id=young_id)) is None
    kept = db.session.scalars(db.select(AnswerSet.id)).all()
    orphans = db.select(ScaleAnswer).where(ScaleAnswer.answer_set_id.not_in(kept))
    assert db.session.scalars(orphans).all() == []
    assert db.session.scalar(db.select(Reflection).filter_by(author_id=other_id)) is not None


def test_my_data_holds_the_decisions_on_my_reflections_and_nobody_elses(as_user, twin):
    mine = _answered(twin)
    services.take(mine, twin.educator_a, "reject", "Too many names of classmates in it.")
    other = db.session.scalar(db.select(Reflection).filter_by(author_id=twin.other_a.id))
    services.take(other, twin.other_a, "share")
    services.take(other, twin.educator_a, "reject", "A reason about someone else.")
    archive = unzip(as_user(twin.young_a).post("/account/data/download", headers=EN))
    decisions = json.loads(archive.read("data.json"))["moderation"]
    mine_log = [(d["target_type"], d["target_id"], d["action"]) for d in decisions]
    assert ("reflection", mine.id, "share") in mine_log
    assert ("reflection", mine.id, "reject") in mine_log
    assert all(d["target_id"] == mine.id for d in decisions if d["target_type"] == "reflection")
    rejected = next(d for d in decisions if d["action"] == "reject")
    assert rejected["reason"] == "Too many names of classmates in it."
    assert rejected["by"] == twin.educator_a.display_name
    page = archive.read("index.html").decode()
    assert "Too many names of classmates in it." in page
    assert "A reason about someone else." not in page
