"""Admin pages for the curated list of themes."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from storyhub.core.errors import DomainError
from storyhub.core.permissions import admin_required
from storyhub.exchanges import themes
from storyhub.exchanges.forms import ThemeForm
from storyhub.exchanges.models import Theme
from storyhub.extensions import db

bp = Blueprint("themes", __name__, url_prefix="/admin/themes")


def get_theme(theme_id: int) -> Theme:
    """A theme, or 404."""
    if not 0 < theme_id < 2**31:
        abort(404)
    return db.session.get(Theme, theme_id) or abort(404)


def _index(form: ThemeForm, status: int = 200):
    page = render_template(
        "exchanges/themes/index.html",
        themes=themes.all_themes(str(get_locale())),
        usage=themes.usage_counts(),
        form=form,
    )
    return page, status


@bp.get("/")
@admin_required
def index():
    """The curated themes, how often each is used, and a form to add one."""
    return _index(ThemeForm())


@bp.post("/")
@admin_required
def create():
    """Add a theme."""
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            theme = themes.create_theme(form.name_en.data, form.name_fr.data)
        except DomainError as error:
            form.name_en.errors = [*form.name_en.errors, error.message]
        else:
            flash(_("The theme “%(name)s” is added.", name=theme.name_en), "success")
            return redirect(url_for("themes.index"))
    return _index(form)


@bp.route("/<int:theme_id>/edit", methods=["GET", "POST"])
@admin_required
def edit(theme_id: int):
    """Rename a theme in both languages."""
    theme = get_theme(theme_id)
    form = ThemeForm(obj=theme)
    if form.validate_on_submit():
        try:
            themes.update_theme(theme, form.name_en.data, form.name_fr.data)
        except DomainError as error:
            form.name_en.errors = [*form.name_en.errors, error.message]
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("themes.index"))
    return render_template("exchanges/themes/edit.html", theme=theme, form=form)


@bp.post("/<int:theme_id>/delete")
@admin_required
def delete(theme_id: int):
    """Delete a theme nobody uses."""
    theme = get_theme(theme_id)
    name = theme.name_en
    try:
        themes.delete_theme(theme)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The theme “%(name)s” is deleted.", name=name), "success")
    return redirect(url_for("themes.index"))
