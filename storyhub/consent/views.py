"""Consent pages: record a member's parental and image consent, the letter; turn an
exchange's publication key and say which stories stay inside it, and why.

At the group's and the exchange's addresses, but in the consent package: consent sits above
groups and exchanges, so their pages never import it (the exchange page shows what stays
inside through the `kept_inside_notice` template global).
"""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.consent import exchange as consent_exchange
from storyhub.consent import services
from storyhub.consent.letter import LETTER_LANGUAGES, build_letter
from storyhub.core.errors import DomainError
from storyhub.exchanges import services as exchanges
from storyhub.exchanges.loaders import get_exchange
from storyhub.exchanges.models import Exchange
from storyhub.groups.forms import ConsentForm
from storyhub.groups.loaders import get_group, get_member
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL

bp = Blueprint("consent", __name__)


@bp.app_template_global()
def kept_inside_notice(exchange: Exchange) -> str:
    """For the exchange page's keys: which stories stay inside it, and why ('' if none)."""
    kept = consent_exchange.kept_inside(exchange)
    return consent_exchange.kept_inside_message(kept, exchange.is_public)


@bp.route("/groups/<int:group_id>/members/<int:user_id>/consent", methods=["GET", "POST"])
@login_required
def record(group_id: int, user_id: int):
    """Record parental and image consent for one member: scope, date, form reference; their
    history, and what a withdrawal took out of view."""
    group = get_group(group_id)
    member = get_member(group, user_id)
    form = ConsentForm()
    if not form.is_submitted():
        choices = services.current_choices(member)
        form.parental.data, form.image.data = choices[CONSENT_PARENTAL], choices[CONSENT_IMAGE]
        parental = next((c for c in member.consents if c.kind == CONSENT_PARENTAL), None)
        if parental is not None:
            form.given_on.data, form.form_reference.data = (
                parental.given_on,
                parental.form_reference,
            )
    if form.validate_on_submit():
        choices = {CONSENT_PARENTAL: form.parental.data, CONSENT_IMAGE: form.image.data}
        try:
            effects = services.record_member_consents(
                group, member, choices, form.given_on.data, form.form_reference.data, current_user
            )
        except DomainError as error:
            form.given_on.errors.append(error.message)
        else:
            flash(_("Consent recorded for %(name)s.", name=member.display_name), "success")
            for effect in effects:
                flash(services.effect_message(effect), "warning")
            return redirect(url_for("consent.record", group_id=group.id, user_id=member.id))
    history = services.history_of(member)
    return render_template(
        "consent/record.html", form=form, group=group, member=member, history=history
    )


@bp.get("/groups/<int:group_id>/members/<int:user_id>/consent/letter/<string:lang>")
@login_required
def letter(group_id: int, user_id: int, lang: str):
    """The parental consent letter of one member, to print, in French or English."""
    group = get_group(group_id)
    member = get_member(group, user_id)
    if lang not in LETTER_LANGUAGES:
        abort(404)
    built = build_letter(group, member, date.today())
    with force_locale(lang):
        page = render_template("consent/letter.html", letter=built, lang=lang)
    return page


@bp.post("/exchanges/<int:exchange_id>/publish")
@login_required
def publish_exchange(exchange_id: int):
    """Turn my side's key; say which stories stay inside the exchange, and why."""
    exchange = get_exchange(exchange_id, manage=True)
    try:
        public = exchanges.publish_exchange(exchange, current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("exchanges.detail", exchange_id=exchange.id))
    if public:
        flash(_("Both sides have published: the exchange is now public."), "success")
    else:
        flash(
            _(
                "Your side has published. The exchange becomes public when the other side "
                "publishes too."
            ),
            "success",
        )
    kept = consent_exchange.tell_what_stays_inside(exchange)
    if kept:
        flash(consent_exchange.kept_inside_message(kept, public), "warning")
    return redirect(url_for("exchanges.detail", exchange_id=exchange.id))
