"""flask generate-data: a synthetic site, written in bulk, that the public pages can show."""

import contextlib
import re

import pytest

from storyhub.accounts.models import User
from storyhub.core.confusables import name_skeleton
from storyhub.exchanges.models import Exchange, Round
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.media.models import MediaItem
from storyhub.public.queries import public_stories
from storyhub.responses.models import Comment, Reaction
from storyhub.search.models import SearchDocument
from storyhub.search.queries import StoryFilters, search_stories
from storyhub.stories.models import Block, Story
from storyhub.territories.models import Territory
from tests import factories


@pytest.fixture
def cli(app):
    return app.test_cli_runner()


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _printed(output: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r"^(\w+): (\d+)$", output, re.M)}


def _public_story_ids() -> set[int]:
    return set(db.session.scalars(public_stories().with_only_columns(Story.id)))


def test_generate_data_writes_the_stories_asked_for(cli):
    result = cli.invoke(args=["generate-data", "--stories", "300"])
    assert result.exit_code == 0, result.output
    printed = _printed(result.output)
    assert _count(Story) == printed["story"] == 300
    for model, table in (
        (Territory, "territory"),
        (Exchange, "exchange"),
        (Round, "round"),
        (Block, "block"),
        (MediaItem, "media_item"),
        (Reaction, "reaction"),
        (Comment, "comment"),
    ):
        assert _count(model) == printed[table] > 0, table


def test_generated_names_carry_their_look_alike_keys(cli):
    cli.invoke(args=["generate-data", "--stories", "50"])
    young = db.session.scalars(db.select(User).where(User.username.is_not(None))).first()
    assert young.display_name_skeleton == name_skeleton(young.display_name)
    assert young.username_skeleton == name_skeleton(young.username)
    group = db.session.scalars(db.select(Group)).first()
    assert group.name_skeleton == name_skeleton(group.name)


def test_generated_site_has_public_and_private_exchanges(cli):
    cli.invoke(args=["generate-data", "--stories", "300"])
    public = _public_story_ids()
    assert 0 < len(public) < 300
    private = db.session.scalars(
        db.select(Exchange).where(Exchange.inviting_published_at.is_(None))
    ).all()
    assert private, "some exchanges stay private"


def test_search_index_holds_exactly_the_public_stories(cli):
    cli.invoke(args=["generate-data", "--stories", "300"])
    indexed = set(db.session.scalars(db.select(SearchDocument.story_id)))
    assert indexed == _public_story_ids()


def _search_index_parts() -> set[str]:
    """The indexes of search_document, and on SQLite the triggers that feed FTS5."""
    names = {index["name"] for index in db.inspect(db.engine).get_indexes("search_document")}
    if db.engine.dialect.name == "sqlite":
        triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        names |= set(db.session.scalars(db.text(triggers)))
    return names


def test_generated_stories_are_found_by_search(cli):
    before = _search_index_parts()
    cli.invoke(args=["generate-data", "--stories", "300"])
    assert _search_index_parts() == before  # set aside during the bulk writes, restored
    story = db.session.get(Story, max(_public_story_ids()))
    word = max(story.title.split(), key=len)
    found = search_stories(word, StoryFilters(), per_page=300)
    assert story.id in {hit.story.id for hit in found.hits}


def test_generated_pages_render_for_the_public(cli, client):
    cli.invoke(args=["generate-data", "--stories", "300"])
    story = db.session.get(Story, min(_public_story_ids()))
    territory = db.session.scalars(db.select(Territory).order_by(Territory.id)).first()
    pages = [
        "/",
        "/explore",
        "/explore?language=fr",
        "/map",
        "/map/data.json",
        "/search?q=marche",
        "/sitemap.xml",
        "/feeds/stories.atom",
        "/api/v1/stories",
        "/api/v1/exchanges",
        f"/stories/{story.id}",
        f"/exchanges/{story.round.exchange_id}",
        f"/rounds/{story.round_id}",
        f"/places/{territory.slug}",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert story.title in client.get(f"/stories/{story.id}").get_data(as_text=True)


def test_generated_photo_is_served(cli, client):
    cli.invoke(args=["generate-data", "--stories", "300"])
    item = db.session.scalars(
        db.select(MediaItem)
        .join(Story, Story.id == MediaItem.story_id)
        .where(Story.id.in_(_public_story_ids()))
    ).first()
    response = client.get(f"/media/{item.id}/{item.renditions[0]['name']}")
    assert response.status_code == 200
    assert response.mimetype.startswith("image/")


def test_private_generated_story_stays_private(cli, client):
    cli.invoke(args=["generate-data", "--stories", "300"])
    hidden = db.session.scalars(
        db.select(Story.id).where(Story.id.not_in(_public_story_ids()))
    ).first()
    assert client.get(f"/stories/{hidden}").status_code == 404


def test_generate_data_adds_to_a_database_and_ids_stay_free(cli):
    cli.invoke(args=["generate-data", "--stories", "50"])
    again = cli.invoke(args=["generate-data", "--stories", "50", "--seed", "7"])
    assert again.exit_code == 0, again.output
    assert _count(Story) == 100
    territory = factories.make_territory()  # the id sequences moved past the generated ids
    assert territory.id > db.session.scalar(db.select(db.func.min(Territory.id)))


def test_generate_data_refuses_zero_stories(cli):
    result = cli.invoke(args=["generate-data", "--stories", "0"])
    assert result.exit_code == 2
    assert "--stories" in result.output and _count(Story) == 0


def test_generate_data_refuses_to_run_in_production(app, cli, monkeypatch):
    monkeypatch.setitem(app.config, "STORYHUB_ENV", "production")
    result = cli.invoke(args=["generate-data", "--stories", "10"])
    assert result.exit_code != 0
    assert "not production" in result.output
    assert _count(Story) == 0


def _all_index_definitions() -> set[str]:
    if db.engine.dialect.name == "sqlite":
        query = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    else:
        query = "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
    return set(db.session.scalars(db.text(query)))


def _settings(conn) -> dict:
    if db.engine.dialect.name == "sqlite":
        names = ("foreign_keys", "journal_mode", "synchronous", "cache_size", "temp_store")
        return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in names}
    names = ("session_replication_role", "synchronous_commit", "maintenance_work_mem")
    return {name: conn.exec_driver_sql(f"SHOW {name}").scalar() for name in names}


def test_indexes_and_settings_are_back_after_the_bulk_load(cli):
    before = _all_index_definitions()
    assert any("ix_story_status_published_at" in definition for definition in before)
    fresh = db.create_engine(db.engine.url)
    with fresh.connect() as conn:
        defaults = _settings(conn)
    fresh.dispose()
    result = cli.invoke(args=["generate-data", "--stories", "120"])
    assert result.exit_code == 0, result.output
    assert "building the indexes" in result.output
    assert _all_index_definitions() == before  # dropped for the load, built again
    if db.engine.dialect.name == "sqlite":
        assert defaults["foreign_keys"] == 1 and defaults["journal_mode"] != "off"
    else:
        assert defaults["session_replication_role"] == "origin"
    with contextlib.ExitStack() as stack:  # every pooled connection the generator used
        pooled = [stack.enter_context(db.engine.connect()) for _ in range(4)]
        for conn in pooled:
            assert _settings(conn) == defaults


def test_bulk_dates_are_stored_as_the_orm_stores_them(app):
    from datetime import UTC, date, datetime

    from sqlalchemy import Date, DateTime

    from storyhub.synthetic.bulk import _converter

    dialect = db.engine.dialect
    for column_type, value in (
        (DateTime(timezone=True), datetime(2024, 3, 5, 7, 9, 0, tzinfo=UTC)),
        (DateTime(timezone=True), datetime(2026, 12, 31, 23, 59, 59, 123456, tzinfo=UTC)),
        (DateTime(), datetime(2023, 1, 9, 0, 0)),
        (Date(), date(2025, 9, 15)),
        (DateTime(timezone=True), None),
    ):
        orm = column_type._cached_bind_processor(dialect)
        bulk = _converter(column_type, dialect)
        expected = orm(value) if orm else value
        got = bulk(value) if bulk else value
        assert got == expected, (column_type, value)


def test_generated_times_are_read_back_as_written(app):
    """The generator writes dates and times as text (bulk.Clock): stored, they are the instants
    the ORM would have stored (the same text on SQLite, the same timestamptz on PostgreSQL)."""
    from datetime import UTC, date, datetime

    from sqlalchemy import DateTime

    from storyhub.synthetic.bulk import Clock

    clock = Clock(db.engine.dialect)
    if db.engine.dialect.name == "postgresql":  # the text must carry its offset
        db.session.execute(db.text("SET LOCAL TIME ZONE 'Indian/Mayotte'"))
    orm = DateTime(timezone=True)._cached_bind_processor(db.engine.dialect)
    for value in (
        datetime(2024, 3, 5, 7, 9, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(2023, 1, 9, 0, 0, tzinfo=UTC),
    ):
        written = clock.text(value)
        if db.engine.dialect.name == "sqlite":
            assert written == orm(value)
        else:
            read = db.session.scalar(db.text("SELECT CAST(:v AS timestamptz)"), {"v": written})
            assert read == value
    day = date(2025, 9, 15)
    assert clock.day(clock.number(day)) == day.isoformat()


def test_generated_rows_point_at_existing_parents(cli):
    """Foreign keys are not checked during the load: the generator must be right by itself."""
    cli.invoke(args=["generate-data", "--stories", "200"])
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    orphans = db.session.scalar(
        db.select(db.func.count())
        .select_from(Block)
        .where(Block.story_id.not_in(db.select(Story.id)))
    )
    assert orphans == 0


def test_an_account_that_is_not_a_superuser_generates_on_one_connection(app):
    """On PostgreSQL a database's owner who is not a superuser cannot turn the foreign-key
    triggers off: the load then runs on one connection, each row checked as it comes (the
    parents first). Its own database, owned by its own role."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's roles: the SQLite run has no superuser to do without")
    import os
    import uuid
    from unittest import mock

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from storyhub import create_app
    from tests.conftest import POSTGRES_ADMIN_URL

    name = f"storyhub_owner_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN PASSWORD '{name}' NOSUPERUSER")
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" OWNER {name}')
    url = sa.engine.make_url(POSTGRES_ADMIN_URL).set(username=name, password=name, database=name)
    try:
        with mock.patch.dict(os.environ, {"STORYHUB_ENV": "testing"}):
            owned = create_app({"SQLALCHEMY_DATABASE_URI": url.render_as_string(False)})
        with owned.app_context():
            upgrade()
            superuser = db.session.scalar(
                sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            )
            assert superuser is False
            result = owned.test_cli_runner().invoke(args=["generate-data", "--stories", "150"])
            assert result.exit_code == 0, result.output
            assert _count(Story) == 150
            assert _count(SearchDocument) == len(_public_story_ids()) > 0
            db.session.remove()
            db.engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")
        admin.dispose()
