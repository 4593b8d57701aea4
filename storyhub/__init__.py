"""StoryHub: paired stories between youth groups of different territories."""

from pathlib import Path

from flask import Flask

from storyhub.config import BASE_DIR, check_production, settings_for


def create_app(config: str | dict | None = None, overrides: dict | None = None) -> Flask:
    """Build the application; config is a config name or a dict of overrides (tests)."""
    from storyhub.core.assets import init_static
    from storyhub.core.compression import init_compression
    from storyhub.core.security import Request, install_url_converters

    app = Flask(
        __name__,
        instance_path=str(BASE_DIR / "instance"),
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
    )
    app.request_class = Request
    name = config if isinstance(config, str) else None
    app.config.from_mapping(settings_for(name))
    app.config.update(config if isinstance(config, dict) else {}, **(overrides or {}))
    check_production(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    install_url_converters(app)
    init_static(app)  # hashed, compressed static files (before any url_for)

    _init_extensions(app)
    init_compression(app)  # before the blueprints: it runs after their after_request hooks
    _register_blueprints(app)
    _register_template_helpers(app)

    from storyhub.cli import register_cli
    from storyhub.core.errors import init_errors
    from storyhub.core.health import init_health
    from storyhub.core.jobs import init_jobs
    from storyhub.core.security import init_security
    from storyhub.media.sweep import sweep_at_startup

    init_jobs(app)  # after the blueprints, which fill MEDIA_PROCESSING and EXPORT_PROCESSING
    init_errors(app)
    init_health(app)
    init_security(app)
    register_cli(app)
    sweep_at_startup(app)  # uploads a crash or a restart interrupted: failed, originals deleted
    return app


def _init_extensions(app: Flask) -> None:
    """Bind every extension to the app."""
    from storyhub import models  # noqa: F401  (registers the models)
    from storyhub.accounts.sessions import load_user
    from storyhub.core.i18n import select_locale
    from storyhub.core.timezones import reader_zone
    from storyhub.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=reader_zone)
    limiter.init_app(app)
    login_manager.init_app(app)
    from storyhub.browse.pagecache import init_page_cache

    init_page_cache(app)
    from storyhub.accounts.models import AnonymousUser

    login_manager.anonymous_user = AnonymousUser
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user)
    from flask_babel import lazy_gettext

    login_manager.login_message = lazy_gettext("Please sign in to see this page.")


def _register_blueprints(app: Flask) -> None:
    """Register one blueprint per area."""
    from storyhub.accounts.views import bp as accounts_bp
    from storyhub.admin.views import bp as admin_bp
    from storyhub.groups.join_views import bp as join_bp
    from storyhub.groups.views import bp as groups_bp
    from storyhub.main.views import bp as main_bp
    from storyhub.territories.views import bp as territories_bp

    for blueprint in (main_bp, accounts_bp, admin_bp, groups_bp, join_bp, territories_bp):
        app.register_blueprint(blueprint)

    # A new educator's practice exchange (never public: storyhub/sandbox).
    from storyhub.notifications.services import SANDBOX_CHECK
    from storyhub.sandbox.services import link_in_sandbox
    from storyhub.sandbox.views import bp as sandbox_bp

    app.extensions[SANDBOX_CHECK] = link_in_sandbox  # notices about practice: never mailed

    app.register_blueprint(sandbox_bp)

    # Exchanges (finding a twin, the exchange, rounds) and the admin's curated themes.
    from storyhub.exchanges.theme_views import bp as themes_bp
    from storyhub.exchanges.views import bp as exchanges_bp
    from storyhub.stories.round_views import bp as rounds_bp

    app.register_blueprint(exchanges_bp)
    app.register_blueprint(rounds_bp)
    app.register_blueprint(themes_bp)

    # Stories (the pair page, the editor, a story) and review (moderation queue, review, log).
    from storyhub.review.views import bp as moderation_bp
    from storyhub.stories.autosave_views import bp as autosave_bp
    from storyhub.stories.translation_views import bp as translating_bp
    from storyhub.stories.views import bp as stories_bp

    app.register_blueprint(stories_bp)
    app.register_blueprint(autosave_bp)
    app.register_blueprint(translating_bp)
    app.register_blueprint(moderation_bp)

    # Responses and notifications also register their Jinja globals, the bell and `send-digests`.
    from storyhub.notifications.views import bp as notifications_bp
    from storyhub.responses.views import bp as responses_bp

    app.register_blueprint(responses_bp)
    app.register_blueprint(notifications_bp)

    # Public discovery for machines and search: /search, Atom feeds, sitemap, robots, /api/v1.
    from storyhub.api.views import bp as api_bp
    from storyhub.feeds.views import bp as feeds_bp
    from storyhub.search.views import bp as search_bp

    for blueprint in (search_bp, feeds_bp, api_bp):
        app.register_blueprint(blueprint)

    # Media: uploads checked by content and cleaned, files served by their story's visibility.
    from storyhub.media_pages.cover_views import bp as covers_bp
    from storyhub.media_pages.views import bp as media_bp
    from storyhub.media_pages.walk_views import bp as walks_bp

    app.register_blueprint(media_bp)
    app.register_blueprint(covers_bp)
    app.register_blueprint(walks_bp)

    # Public discovery pages: /explore, /places/<slug>, /map; ETags on the public pages.
    from storyhub.browse.views import bp as browse_bp

    app.register_blueprint(browse_bp)

    # Help (helplines) and reports of a problem on anything visible; first link of every footer
    # (storyhub/core/footer.py: one list of footer links, which each area extends).
    from flask_babel import lazy_gettext

    from storyhub.core.footer import add_footer_link
    from storyhub.help.views import bp as help_bp
    from storyhub.reports.views import bp as reports_bp

    app.register_blueprint(help_bp)
    add_footer_link(app, "help.index", lazy_gettext("Help: something worries you?"))

    # Notices (privacy for young people and adults, rules, legal, accessibility, security.txt).
    from storyhub.privacy.views import FOOTER_LINKS
    from storyhub.privacy.views import bp as privacy_bp

    app.register_blueprint(privacy_bp)
    for endpoint, label in FOOTER_LINKS:
        add_footer_link(app, endpoint, label)
    app.register_blueprint(reports_bp)

    # Consent of each member of a group (recording, history, the parental letter) and the
    # exchange's publication keys, which say what consent keeps inside.
    from storyhub.consent.views import bp as consent_bp

    app.register_blueprint(consent_bp)

    # Rights over one's data: export, deletion, rectification (storyhub/rights).
    from storyhub.rights.views import bp as rights_bp

    app.register_blueprint(rights_bp)

    # Impact: before/after answers, reflections, most significant change, the impact page.
    from storyhub.impact.views import bp as impact_bp

    app.register_blueprint(impact_bp)


def _register_template_helpers(app: Flask) -> None:
    """Expose helpers every template needs."""
    from flask_babel import format_date, get_locale

    from storyhub.core.footer import footer_links
    from storyhub.core.i18n import LANGUAGE_NAMES, epoch_ms, timesince, utc_iso
    from storyhub.core.lifecycle import is_hidden_after_reports
    from storyhub.core.timezones import iso_instant, reader_zone, zone_groups, zone_label
    from storyhub.groups.membership import leads_group

    app.add_template_filter(format_date, "format_date")
    app.add_template_global(leads_group)
    app.add_template_global(is_hidden_after_reports, "hidden_after_reports")
    from storyhub.reports.queries import is_under_appeal

    app.add_template_global(is_under_appeal, "under_appeal")
    app.add_template_filter(timesince, "timesince")
    app.add_template_filter(epoch_ms, "epoch_ms")
    app.add_template_filter(utc_iso, "utc_iso")
    app.add_template_filter(iso_instant, "iso_instant")
    app.add_template_global(zone_label)
    app.add_template_global(reader_zone)
    app.add_template_global(zone_groups)
    from storyhub.accounts.services import needs_own_agreement

    app.add_template_global(needs_own_agreement, "needs_own_agreement")

    @app.context_processor
    def inject_globals():
        return {
            "current_locale": str(get_locale()),
            "language_names": LANGUAGE_NAMES,
            "footer_links": footer_links(app),
        }
