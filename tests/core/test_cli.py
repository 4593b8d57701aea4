"""The flask commands: create-admin and seed-demo."""

import re

import pytest

from storyhub.accounts.models import User
from storyhub.accounts.services import authenticate
from storyhub.extensions import db
from storyhub.groups.models import Consent, Group
from storyhub.groups.services import group_for_code
from storyhub.sandbox.services import sandbox_of
from storyhub.territories.models import Territory


@pytest.fixture
def cli(app):
    return app.test_cli_runner()


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_create_admin(cli):
    result = cli.invoke(
        args=[
            "create-admin",
            "--email",
            "Boss@Example.org",
            "--name",
            "Boss",
            "--password",
            "une longue phrase",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "boss@example.org" in result.output
    admin = authenticate("boss@example.org", "une longue phrase")
    assert admin is not None and admin.is_admin


def test_create_admin_prompts_for_what_is_missing(cli):
    result = cli.invoke(
        args=["create-admin"],
        input="boss@example.org\nBoss\nune longue phrase\nune longue phrase\n",
    )
    assert result.exit_code == 0, result.output
    assert authenticate("boss@example.org", "une longue phrase").is_admin


@pytest.mark.parametrize("password", ["court", "password123"])
def test_create_admin_refuses_a_weak_password(cli, password):
    result = cli.invoke(
        args=[
            "create-admin",
            "--email",
            "boss@example.org",
            "--name",
            "Boss",
            "--password",
            password,
        ]
    )
    assert result.exit_code != 0
    assert "Error" in result.output
    assert _count(User) == 0


def test_create_admin_refuses_a_taken_email(cli, educator):
    result = cli.invoke(
        args=[
            "create-admin",
            "--email",
            educator.email,
            "--name",
            "B",
            "--password",
            "une longue phrase",
        ]
    )
    assert result.exit_code != 0
    assert not db.session.get(User, educator.id).is_admin


def test_seed_demo_creates_what_it_prints(cli):
    # Without media: painting and processing them is tested once for the run (the `demo`
    # fixture, tests/core/test_demo_media.py); here, what the command prints.
    result = cli.invoke(args=["seed-demo", "--without-media"])
    assert result.exit_code == 0, result.output
    assert "Demo data created." in result.output
    assert _count(Territory) >= 3 and _count(Group) >= 3
    names = set(db.session.scalars(db.select(Territory.name)))
    assert {"Bordeaux", "Mamoudzou", "Saint-Louis"} <= names
    logins = re.findall(r"^\s+(admin|educator)\s+(\S+) / (\S+)", result.output, re.M)
    assert len(logins) >= 4
    for role, email, password in logins:
        user = authenticate(email, password)
        assert user is not None and user.role == role and user.is_verified
    pending = re.search(r"^\s+pending\s+(\S+) / (\S+)", result.output, re.M)
    educator = authenticate(pending.group(1), pending.group(2))
    assert educator.is_educator and not educator.is_verified  # what a new educator sees
    assert sandbox_of(educator) is not None and not sandbox_of(educator).is_public
    young_lines = re.findall(r"^\s+young\s+(.+) / (\S+)$", result.output, re.M)
    for usernames, password in young_lines:
        for username in usernames.split(", "):
            user = authenticate(username, password)
            assert user is not None and user.is_young
            kinds = {
                c.kind
                for c in db.session.scalars(
                    db.select(Consent).filter_by(user_id=user.id, granted=True)
                )
            }
            assert kinds == {"parental", "image"}
    codes = re.search(r"join codes (.+)$", result.output, re.M).group(1).split(", ")
    assert all(group_for_code(code) is not None for code in codes)


def test_seed_demo_has_french_and_english_groups(cli):
    cli.invoke(args=["seed-demo", "--without-media"])
    languages = {code for g in db.session.scalars(db.select(Group)) for code in g.language_codes}
    assert {"fr", "en"} <= languages


def test_seed_demo_runs_again_without_duplicating(cli):
    cli.invoke(args=["seed-demo", "--without-media"])
    counts = [_count(model) for model in (User, Territory, Group, Consent)]
    again = cli.invoke(args=["seed-demo", "--without-media"])
    assert again.exit_code == 0, again.output
    assert "already present" in again.output
    assert [_count(model) for model in (User, Territory, Group, Consent)] == counts


def test_seed_demo_refuses_to_run_in_production(app, cli, monkeypatch):
    monkeypatch.setitem(app.config, "STORYHUB_ENV", "production")
    result = cli.invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "for development" in result.output
    assert _count(User) == 0
