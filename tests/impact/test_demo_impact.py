"""The demo's finished exchange has a real impact page: change stories, chart, balance."""

from storyhub.demo import seed_demo
from storyhub.demo_impact import HEROES
from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.impact.models import Reflection


def test_demo_finished_exchange_shows_a_real_impact_page(client):
    seed_demo(with_media=False)
    exchange = db.session.scalar(db.select(Exchange).filter_by(title=HEROES))
    assert exchange.is_public and exchange.status == "closed"
    page = client.get(f"/exchanges/{exchange.id}/impact").text
    assert page.count('class="change change--') == 5
    assert 'class="shift-chart"' in page
    assert "Moussa, Association Jeunesse Ndar" in page
    assert page.count('class="data-table rounds-balance__table"') == 2  # two rounds, both ways
    french = client.get(f"/exchanges/{exchange.id}/impact", headers={"Accept-Language": "fr"}).text
    assert "<td>1,9</td>" in french and "<td>+1,4</td>" in french  # means in French
    assert "les jeunes du territoire jumeau" in french
    private = db.session.scalar(db.select(Reflection).filter_by(status="private"))
    assert private.body not in page
    seed_demo(with_media=False)  # again: nothing doubled
    assert db.session.scalar(db.select(db.func.count(Exchange.id)).filter_by(title=HEROES)) == 1
