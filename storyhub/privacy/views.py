"""The notices: privacy for young people and for adults, rules, legal, accessibility, security.txt."""

from datetime import timedelta

from flask import Blueprint, Response, current_app, render_template, url_for
from flask_babel import lazy_gettext as _l

from storyhub.browse.settings import tile_host
from storyhub.core.models import utcnow
from storyhub.privacy.settings import init_privacy_settings

bp = Blueprint("privacy", __name__)
bp.record_once(lambda state: init_privacy_settings(state.app))

# What the footer of every page links to (storyhub/core/footer.py), in this order.
FOOTER_LINKS = (
    ("privacy.young", _l("Privacy")),
    ("privacy.full", _l("Privacy for parents and educators")),
    ("privacy.rules", _l("Community rules")),
    ("privacy.legal", _l("Legal notice")),
    ("privacy.accessibility", _l("Accessibility")),
)


def notice_settings() -> dict:
    """The configuration values the notices quote (names, contacts, retention periods)."""
    config = current_app.config
    return {"settings": config, "tile_host": tile_host(config.get("MAP_TILE_URL", ""))}


@bp.get("/privacy")
def young():
    """Privacy in plain words, for young people of 11 to 15."""
    return render_template("privacy/young.html", **notice_settings())


@bp.get("/privacy/full")
def full():
    """Privacy notice for parents and educators: controller, bases, recipients, retention, rights."""
    return render_template("privacy/full.html", **notice_settings())


@bp.get("/rules")
def rules():
    """Community rules: how we write and react to each other."""
    return render_template("privacy/rules.html", **notice_settings())


@bp.get("/legal")
def legal():
    """Legal notice: publisher, contact, host."""
    return render_template("privacy/legal.html", **notice_settings())


@bp.get("/accessibility")
def accessibility():
    """Accessibility statement."""
    return render_template("privacy/accessibility.html", **notice_settings())


@bp.get("/.well-known/security.txt")
def security_txt():
    """RFC 9116: whom to tell about a vulnerability."""
    config = current_app.config
    expires = (utcnow() + timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{config['SECURITY_CONTACT_EMAIL']}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: fr, en",
        f"Canonical: {url_for('privacy.security_txt', _external=True)}",
        f"Policy: {url_for('privacy.legal', _external=True)}#security",
    ]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")
