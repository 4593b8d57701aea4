"""The basic facts of every permission, defined once in groups/membership.py: who belongs to a
group, who leads it, who wrote a story; read once per request, read again after a commit."""

import re
from pathlib import Path

from storyhub.accounts.models import AnonymousUser
from storyhub.extensions import db
from storyhub.groups.membership import is_author, leads_group, led_group_ids, member_group_ids
from tests import factories
from tests.sql import count_queries

PACKAGE = Path(__file__).resolve().parents[2] / "storyhub"


def test_a_young_person_belongs_to_their_group_and_leads_none(group, young):
    assert member_group_ids(young) == {group.id}
    assert led_group_ids(young) == set()
    assert not leads_group(young, group)
    assert not leads_group(young, group.id)


def test_a_verified_educator_belongs_to_and_leads_their_groups_only(educator, group):
    second = factories.make_group(educator)
    other = factories.make_group(factories.make_educator())
    assert member_group_ids(educator) == led_group_ids(educator) == {group.id, second.id}
    assert leads_group(educator, group) and leads_group(educator, second.id)
    assert not leads_group(educator, other)
    assert not leads_group(educator, None)


def test_an_unverified_educator_an_admin_and_a_visitor_lead_nothing(admin_user, group):
    waiting = factories.make_educator(verified=False)
    group.educators.append(waiting)
    db.session.commit()
    for person in (waiting, admin_user, AnonymousUser()):
        assert member_group_ids(person) == set()
        assert not leads_group(person, group)


def test_authors_are_the_creator_and_the_co_authors(group, young):
    round_ = factories.make_round(factories.make_exchange(group))
    co_author, classmate = factories.make_young(group), factories.make_young(group)
    story = factories.make_story(round_, group, authors=[young, co_author])
    story.created_by = young
    db.session.commit()
    assert is_author(young, story) and is_author(co_author, story)
    assert not is_author(classmate, story)
    assert not is_author(AnonymousUser(), story)


def test_a_request_reads_the_groups_once_and_again_after_a_commit(app, educator, group):
    colleague = factories.make_educator()
    with app.test_request_context():
        with count_queries() as first:
            assert not leads_group(colleague, group)
        with count_queries() as again:
            assert not leads_group(colleague, group)
            assert member_group_ids(colleague) == set()
        assert first and not again  # read once, then from the request's memory
        group.educators.append(colleague)  # as accepting an invitation does
        db.session.commit()
        assert leads_group(colleague, group)


def test_no_other_module_reads_the_educator_table_to_learn_who_leads():
    """One definition: the rest of the code asks groups/membership.py."""
    pattern = re.compile(r"group_educator\.c\.|\.educators\.any\(|def (leads_\w*group|is_\w*author)\b")
    allowed = {
        "groups/membership.py",
        # Personal data (export, erasure, rewriting names) reads every recorded row, verified
        # or not: data handling, not a permission.
        "rights/collect.py",
        "rights/erasure.py",
        "rights/rewrite.py",
    }
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if str(path.relative_to(PACKAGE)) not in allowed and pattern.search(path.read_text())
    ]
    assert found == []
