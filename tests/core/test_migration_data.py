"""Migrations that change existing rows, run on a database holding data from before them."""


import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from storyhub.core.confusables import name_skeleton
from storyhub.extensions import db
from tests.conftest import new_database

NOW = "2026-01-01 00:00:00"


@pytest.fixture
def blank_database(request, tmp_path):
    """A new empty database of the kind the run uses (--db), dropped afterwards."""
    yield from new_database(request.config.getoption("--db"), tmp_path, "storyhub_mig")


@pytest.fixture
def old_app(make_app, blank_database, tmp_path):
    """An app on the blank database."""
    return make_app(SQLALCHEMY_DATABASE_URI=blank_database, MEDIA_ROOT=str(tmp_path))


def _run(sql: str, **values) -> None:
    db.session.execute(sa.text(sql), values)
    db.session.commit()


def _territory(tid: int, latitude: float, longitude: float) -> None:
    _run(
        "INSERT INTO territory (id, name, slug, country, kind, latitude, longitude,"
        " presentation, status, created_at) VALUES (:id, :name, :slug, 'FR', 'commune',"
        " :lat, :lng, '', 'approved', :now)",
        id=tid,
        name=f"T{tid}",
        slug=f"t-{tid}",
        lat=latitude,
        lng=longitude,
        now=NOW,
    )


def _group(gid: int, low: int, high: int) -> None:
    _run(
        "INSERT INTO youth_group (id, name, territory_id, kind, age_min, age_max, languages,"
        " presentation, join_code_enabled, open_to_twinning, created_at)"
        " VALUES (:id, :name, 1, 'class', :low, :high, 'fr', '', :t, :f, :now)",
        id=gid,
        name=f"G{gid}",
        low=low,
        high=high,
        t=True,
        f=False,
        now=NOW,
    )


def test_group_ages_are_brought_inside_11_to_25(old_app):
    with old_app.app_context():
        upgrade(revision="0010_reports")
        _territory(1, 44.84, -0.58)
        for gid, low, high in ((1, 8, 10), (2, 9, 30), (3, 12, 15), (4, 26, 29)):
            _group(gid, low, high)
        upgrade()
        ages = db.session.execute(
            sa.text("SELECT id, age_min, age_max FROM youth_group ORDER BY id")
        ).all()
        assert [tuple(row) for row in ages] == [(1, 11, 11), (2, 11, 25), (3, 12, 15), (4, 25, 25)]
        assert db.session.execute(sa.text('SELECT age_band FROM "user"')).all() == []
        db.session.remove()
        db.engine.dispose()


def test_territory_coordinates_are_rounded_to_city_level(old_app):
    with old_app.app_context():
        upgrade(revision="0015_data_exports")
        _territory(1, 44.83781, -0.57918)  # a street in Bordeaux
        _territory(2, -12.78234, 45.22876)
        _group(1, 12, 15)
        upgrade()
        rows = db.session.execute(
            sa.text("SELECT latitude, longitude FROM territory ORDER BY id")
        ).all()
        assert [tuple(row) for row in rows] == [(44.8, -0.6), (-12.8, 45.2)]
        group = db.session.execute(sa.text("SELECT name, internal_name FROM youth_group")).one()
        assert tuple(group) == ("G1", "")
        db.session.remove()
        db.engine.dispose()


def test_existing_names_get_their_look_alike_skeleton(old_app):
    with old_app.app_context():
        upgrade(revision="0025_reflection_hidden")
        _territory(1, 44.84, -0.58)
        _group(1, 12, 15)
        _run("UPDATE youth_group SET name = :name", name="Кaweni")  # Cyrillic К
        _run(
            'INSERT INTO "user" (id, role, display_name, password_hash, email_digest,'
            " session_version, created_at) VALUES (1, 'educator', :name, 'x', :f, 0, :now)",
            name="Маrie Dupont",  # Cyrillic М
            f=False,
            now=NOW,
        )
        upgrade()
        assert db.session.execute(sa.text("SELECT name_skeleton FROM youth_group")).scalar() == (
            name_skeleton("Kaweni")
        )
        shape = db.session.execute(sa.text('SELECT display_name_skeleton FROM "user"')).scalar()
        assert shape == name_skeleton("Marie Dupont")
        db.session.remove()
        db.engine.dispose()
