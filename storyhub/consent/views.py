"""Consent pages of one member of a group: record parental and image consent, the letter.

Under the group's addresses (/groups/<id>/members/<id>/consent), but in the consent package:
consent sits above groups, so the group pages never import it.
"""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.consent import services
from storyhub.consent.letter import LETTER_LANGUAGES, build_letter
from storyhub.core.errors import DomainError
from storyhub.groups.forms import ConsentForm
from storyhub.groups.loaders import get_group, get_member
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL

bp = Blueprint("consent", __name__, url_prefix="/groups")


@bp.route("/<int:group_id>/members/<int:user_id>/consent", methods=["GET", "POST"])
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


@bp.get("/<int:group_id>/members/<int:user_id>/consent/letter/<string:lang>")
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
