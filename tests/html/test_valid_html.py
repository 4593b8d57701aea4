"""The Nu Html Checker finds no error on any page a visitor, a young person, an educator, a
new educator waiting for verification (their practice exchange included) and an admin reach on the demo site (the pages each
one reaches by following links from their start pages, in French)."""

import pytest

from storyhub.accounts.models import User
from storyhub.demo import seed_demo
from storyhub.extensions import db
from storyhub.sandbox.services import create_sandbox
from tests import factories
from tests.conftest import login_as
from tests.html.crawl import crawl
from tests.html.vnu import check, require_vnu

STARTS = {
    "visitor": ["/", "/explore", "/map", "/join", "/login", "/signup", "/help", "/privacy"],
    "young": ["/dashboard", "/notifications/", "/exchanges/", "/me/data"],
    "educator": ["/dashboard", "/groups/", "/moderation/", "/moderation/log", "/exchanges/",
                 "/notifications/", "/notifications/preferences", "/territories/",
                 "/account/password"],
    "pending": ["/dashboard", "/notifications/", "/account/password", "/practice/",
                "/moderation/"],
    "admin": ["/admin/", "/moderation/", "/territories/", "/groups/", "/dashboard"],
}  # fmt: skip


def _person(role: str) -> User | None:
    if role == "visitor":
        return None
    if role == "pending":  # with the practice exchange they open while they wait
        pending = factories.make_educator(verified=False)
        create_sandbox(pending)
        return pending
    query = db.select(User).filter_by(role="educator" if role == "educator" else role)
    if role == "educator":
        query = query.where(User.verified_at.is_not(None))
    return db.session.scalars(query.order_by(User.id)).first()


@pytest.mark.parametrize("role", list(STARTS))
def test_every_page_is_valid_html(app, client, role, tmp_path, request):
    if request.config.getoption("--db") != "sqlite":
        pytest.skip("the pages' HTML does not depend on the database: the SQLite run checks it")
    java = require_vnu()
    seed_demo(with_media=False)
    person = _person(role)
    if person is not None:
        login_as(client, person)
    pages = crawl(client, STARTS[role])
    assert len(pages) >= 3, sorted(pages)
    if role == "pending":  # their practice exchange is checked: its page, review, editor
        assert "/practice/" in pages, sorted(pages)
        assert any(p.startswith("/moderation/stories/") for p in pages), sorted(pages)
        assert any(p.endswith("/stories/new") for p in pages), sorted(pages)
    errors = check(java, {f"{role} {path}": html for path, html in pages.items()}, tmp_path)
    assert errors == [], "\n".join(errors[:40])
