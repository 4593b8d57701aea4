"""Territory pages: list, propose (educators), manage (admins)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storyhub.core.countries import country_names
from storyhub.core.errors import DomainError
from storyhub.core.permissions import admin_required, verified_educator_required
from storyhub.extensions import db
from storyhub.territories import services
from storyhub.territories.forms import KIND_LABELS, TerritoryForm
from storyhub.territories.models import Territory

bp = Blueprint("territories", __name__, url_prefix="/territories")


def _form(territory: Territory | None = None) -> TerritoryForm:
    form = TerritoryForm(obj=territory)
    form.country.choices = [("", _("Choose a country"))] + list(country_names().items())
    return form


def _details(form: TerritoryForm) -> services.TerritoryDetails:
    return services.TerritoryDetails(
        name=form.name.data,
        country=form.country.data,
        kind=form.kind.data,
        latitude=float(form.latitude.data),
        longitude=float(form.longitude.data),
        presentation=form.presentation.data or "",
    )


@bp.get("/")
@verified_educator_required
def index():
    """Approved territories, and proposals waiting (admins act on them)."""
    return render_template(
        "territories/index.html",
        territories=services.approved_territories(),
        proposals=services.proposed_territories(None if current_user.is_admin else current_user),
        kinds=KIND_LABELS,
        countries=country_names(),
    )


@bp.route("/new", methods=["GET", "POST"])
@verified_educator_required
def create():
    """Admins add a territory; educators propose one."""
    form = _form()
    if form.validate_on_submit():
        try:
            territory = services.create_territory(_details(form), current_user)
        except DomainError as error:
            form.name.errors.append(error.message)
        else:
            if territory.is_approved:
                flash(_("Territory added."), "success")
            else:
                flash(
                    _("Thank you! Your proposal will be reviewed by the StoryHub team."), "success"
                )
            return redirect(url_for("territories.index"))
    return render_template("territories/form.html", form=form, territory=None)


def _get(territory_id: int) -> Territory:
    return db.session.get(Territory, territory_id) or abort(404)


@bp.route("/<int:territory_id>/edit", methods=["GET", "POST"])
@admin_required
def edit(territory_id: int):
    """Admin edits a territory."""
    territory = _get(territory_id)
    form = _form(territory)
    if form.validate_on_submit():
        try:
            services.update_territory(territory, _details(form))
        except DomainError as error:
            form.name.errors.append(error.message)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("territories.index"))
    return render_template("territories/form.html", form=form, territory=territory)


@bp.post("/<int:territory_id>/<any(approve, reject):decision>")
@admin_required
def decide(territory_id: int, decision: str):
    """Admin approves or refuses a proposal."""
    territory = _get(territory_id)
    try:
        if decision == "approve":
            services.approve_territory(territory)
            flash(_("%(name)s is approved.", name=territory.name), "success")
        else:
            services.reject_territory(territory)
            flash(_("The proposal was refused."), "success")
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("territories.index"))
