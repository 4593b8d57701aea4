"""axe-core finds nothing serious or critical on any page a young person, an educator, a new
educator waiting for verification, an admin or a visitor reaches on the demo site, the story
editor included (one page of each shape: /stories/<n>, /rounds/<n>/read…)."""

import pytest

from storyhub.core.models import utcnow
from storyhub.core.passwords import hash_password
from storyhub.demo import seed_demo
from storyhub.extensions import db
from storyhub.main.queries import space_for
from tests import factories
from tests.browser.axe import serious_violations
from tests.browser.test_stories_editor import _sign_in
from tests.conftest import login_as
from tests.html.crawl import crawl
from tests.html.test_valid_html import STARTS, _person

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", list(STARTS))
def test_no_page_has_a_serious_accessibility_violation(live_server, new_page, client, role):
    seed_demo(with_media=False)
    person = _person(role)
    page = new_page("fr-FR")
    if person is not None:
        person.password_hash = hash_password(factories.PASSWORD)
        db.session.commit()
        login_as(client, person)
        _sign_in(page, live_server, person.username or person.email)
    starts = list(STARTS[role])
    if role == "young":  # the story editor, where they write
        space = space_for(person, utcnow())
        starts += [f"/rounds/{r.id}/stories/new" for r in space.open_rounds[:1]]
    paths = crawl(client, starts, limit=80, per_shape=1)
    editors = [p for p in paths if p.endswith(("/edit", "/stories/new"))]
    assert role not in ("young", "educator", "pending") or editors, sorted(paths)  # the editor
    if role == "pending":  # their practice exchange: its page, the exchange, the review
        assert "/practice/" in paths and any(p.startswith("/moderation/stories/") for p in paths)
    found = {}
    for path in sorted(paths):
        page.goto(live_server + path)
        violations = serious_violations(page)
        if violations:
            found[path] = violations
    assert found == {}
