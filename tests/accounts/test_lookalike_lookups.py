"""Look-alike names are found by one indexed lookup of their TS #39 skeleton (kept beside each
display name and group name), never by reading every name; on PostgreSQL the plan uses the
index. A young person's new name is checked against the group's names too."""

import pytest
import sqlalchemy as sa

from storyhub.accounts import services as accounts
from storyhub.accounts.models import ROLE_EDUCATOR, User
from storyhub.core.confusables import name_skeleton
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.groups.services import check_lookalike_group_name
from tests import factories
from tests.sql import count_queries

EN = {"Accept-Language": "en"}
MANY = 3000


def test_names_carry_their_skeleton_from_the_first_write():
    nadia = factories.make_educator(name="Nadia Benali")
    group = factories.make_group(nadia, name="Les Lilas")
    assert nadia.display_name_skeleton == name_skeleton("Nadi\u0430 BenaIi")
    assert group.name_skeleton == name_skeleton("Les LiIas")
    nadia.display_name, group.name = "Nadia B.", "Kaweni"
    db.session.commit()
    assert nadia.display_name_skeleton == name_skeleton("Nadia B.")
    assert group.name_skeleton == name_skeleton("Kaweni")


CHECKS = {
    "adult name": (lambda: accounts.check_lookalike_adult_name("Nadi\u0430 Benali"), "user"),
    "group name": (lambda: check_lookalike_group_name("Les LiIas"), "youth_group"),
}


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_is_one_lookup_by_skeleton(check):
    nadia = factories.make_educator(name="Nadia Benali")
    factories.make_group(nadia, name="Les Lilas")
    run, table = CHECKS[check]
    with count_queries() as sent, pytest.raises(DomainError):
        run()
    assert len(sent) == 1, sent
    assert "_skeleton = " in sent[0] and f"FROM {table}" in sent[0].replace('"', "")


def test_a_group_members_lookalike_is_one_lookup_once_the_group_is_read():
    edu = factories.make_educator()
    group = factories.make_group(edu, name="4e B")
    factories.make_young(group, name="Paul")
    group.educators  # noqa: B018  (loaded with the group on the roster page)
    with count_queries() as sent, pytest.raises(DomainError):
        accounts.check_lookalike_name(group, "P\u0430ul")
    assert len(sent) == 1 and "display_name_skeleton = " in sent[0]


@pytest.fixture
def many_names(app):
    """A site of a few thousand educators and groups, analysed, so the planner weighs them."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL (pytest --db=postgresql)")
    territory = factories.make_territory()
    names = [f"Educator number {n}" for n in range(MANY)]
    db.session.execute(
        sa.insert(User),
        [
            {
                "role": ROLE_EDUCATOR,
                "display_name": name,
                "display_name_skeleton": name_skeleton(name),
                "email": f"edu{n}@school.example",
                "password_hash": "x",
            }
            for n, name in enumerate(names)
        ],
    )
    db.session.execute(
        sa.insert(Group),
        [
            {
                "name": f"Group {n}",
                "name_skeleton": name_skeleton(f"Group {n}"),
                "territory_id": territory.id,
                "kind": "class",
                "age_min": 12,
                "age_max": 15,
            }
            for n in range(MANY)
        ],
    )
    db.session.commit()
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def _plan(run) -> str:
    sent = []

    def before(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", before)
    try:
        with pytest.raises(DomainError):
            run()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before)
    assert len(sent) == 1, sent
    with db.engine.connect() as conn:
        lines = conn.exec_driver_sql(f"EXPLAIN {sent[0][0]}", sent[0][1]).scalars().all()
    return "\n".join(lines)


@pytest.mark.parametrize(
    "run, index",
    [
        (lambda: accounts.check_lookalike_adult_name("Educat0r number 7"), "display_name_skeleton"),
        (lambda: check_lookalike_group_name("Gr0up 7"), "youth_group_name_skeleton"),
    ],
)
def test_on_postgresql_the_lookup_uses_the_index(many_names, run, index):
    plan = _plan(run)
    assert f"ix_{index}" in plan or f"_{index}" in plan, plan
    assert "Seq Scan" not in plan, plan


def test_a_young_person_cannot_ask_for_a_classmates_name_in_other_letters(as_user):
    edu = factories.make_educator()
    group = factories.make_group(edu, name="4e B")
    lea = factories.make_young(group, name="Léa")
    factories.make_young(group, name="Paul")
    page = as_user(lea).post("/account/name", data={"display_name": "P\u0430ul"}, headers=EN)
    assert page.status_code == 400
    assert b"looks like the name of someone else in the group" in page.data
    assert as_user(lea).post("/account/name", data={"display_name": "Lou"}).status_code == 302


def test_an_educator_cannot_rename_a_young_person_into_a_classmates_lookalike(as_user):
    edu = factories.make_educator()
    group = factories.make_group(edu, name="4e B")
    lea = factories.make_young(group, name="Léa")
    factories.make_young(group, name="Paul")
    url = f"/groups/{group.id}/members/{lea.id}/name"
    page = as_user(edu).post(url, data={"display_name": "P\u0430ul"}, headers=EN)
    assert page.status_code == 400 and b"looks like the name of someone else" in page.data
    db.session.expire_all()
    assert db.session.get(User, lea.id).display_name == "Léa"
    assert as_user(edu).post(url, data={"display_name": "Paul"}).status_code == 302  # a namesake
