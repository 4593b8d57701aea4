"""The CSV export: educators of the exchange only; no display name, username or e-mail; a
stable code per young person; cells starting like a formula neutralised."""

import csv
import io

from storyhub.extensions import db
from storyhub.impact.export import neutral
from storyhub.impact.models import Participant
from tests.impact.conftest import after, before


def _csv(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_export_has_codes_and_no_names(as_user, twin):
    twin.young_a.display_name = "Zoéline"
    db.session.commit()
    before(twin.young_a, twin.exchange)
    after(twin.young_a, twin.exchange, twin.round, reflection='=HYPERLINK("http://x")')
    before(twin.young_b, twin.exchange)
    response = as_user(twin.educator_b).get(f"/exchanges/{twin.exchange.id}/impact/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    for person in (twin.young_a, twin.young_b):
        assert person.display_name not in text and person.username not in text
    assert twin.educator_a.email not in text and twin.educator_a.display_name not in text
    rows = _csv(response)
    code = db.session.scalar(db.select(Participant.code).filter_by(user_id=twin.young_a.id))
    mine = [row for row in rows if row and row[0] == code]
    assert len(mine) == 2  # before and after, the same code
    assert '\'=HYPERLINK("http://x")' in [cell for row in mine for cell in row]


def test_code_is_stable_across_exports(as_user, twin):
    before(twin.young_a, twin.exchange)
    client = as_user(twin.educator_a)
    first = _csv(client.get(f"/exchanges/{twin.exchange.id}/impact/export.csv"))
    before(twin.young_a, twin.exchange, 5, 5, 5, 5)
    second = _csv(client.get(f"/exchanges/{twin.exchange.id}/impact/export.csv"))
    assert first[1][0] == second[1][0] and len(first[1][0]) == 8


def test_young_person_may_not_export(as_user, twin):
    response = as_user(twin.young_a).get(f"/exchanges/{twin.exchange.id}/impact/export.csv")
    assert response.status_code == 403


def test_educator_of_another_exchange_may_not_export(as_user, twin):
    from tests import factories

    other = factories.make_educator()
    factories.make_group(other)
    response = as_user(other).get(f"/exchanges/{twin.exchange.id}/impact/export.csv")
    assert response.status_code == 404


def test_formula_cells_are_neutralised():
    assert [neutral(v) for v in ("=1+1", "+1", "-2", "@x", "ok", 3)] == [
        "'=1+1", "'+1", "'-2", "'@x", "ok", "3",
    ]  # fmt: skip
