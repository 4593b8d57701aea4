"""Every page a role reaches on the demo site, signed in in a browser page: the one crawl that
the whole-site browser checks (axe, the 360 px phone fit) walk."""

from storyhub.core.models import utcnow
from storyhub.core.passwords import hash_password
from storyhub.demo import seed_demo
from storyhub.extensions import db
from storyhub.main.queries import space_for
from tests import factories
from tests.browser.test_stories_editor import _sign_in
from tests.conftest import login_as
from tests.html.crawl import crawl
from tests.html.test_valid_html import STARTS, _person

ROLES = list(STARTS)  # visitor, young, educator, pending, admin


def every_page(role, live_server, new_page, client, viewport=None):
    """(page, paths): a browser page signed in as role on the seeded demo, and the sorted paths
    of every page the role reaches (one of each shape: /stories/<n>, /rounds/<n>/read…), the
    story editor included for those who write."""
    seed_demo(with_media=False)
    person = _person(role)
    page = new_page("fr-FR")
    if viewport:
        page.set_viewport_size(viewport)
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
    return page, sorted(paths)
