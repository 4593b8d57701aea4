"""My data and my account (/account/data), and the same rights used by an educator for a member."""

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.extensions import db
from storyhub.groups.models import Group
from storyhub.media.storage import get_storage
from storyhub.rights import email as change_email
from storyhub.rights import jobs, services
from storyhub.rights.erasure import deletion_refusal
from storyhub.rights.export import file_name, write_export
from storyhub.rights.forms import DeleteAccountForm, EmailForm, NameForm, ProfileForm
from storyhub.rights.models import DataExport
from storyhub.rights.permissions import can_act_for_member, is_member

bp = Blueprint("rights", __name__)


def _zip_of(person: User, back: str):
    """The person's data as a download; a large account's is prepared in the background."""
    if jobs.is_large(person):
        jobs.start_export(person, _me())
        flash(_("Your file is being prepared: this page shows how far it has got."), "info")
        return redirect(back + "#download")
    response = send_file(
        write_export(person),
        mimetype="application/zip",
        as_attachment=True,
        download_name=file_name(person),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _me() -> User:
    return current_user._get_current_object()


def _page(name_form=None, profile_form=None, status: int = 200, email_form=None):
    me = _me()
    if profile_form is None and not me.is_young:
        profile_form = ProfileForm(obj=me)
    return (
        render_template(
            "rights/data.html",
            name_form=name_form or NameForm(),
            profile_form=profile_form,
            email_form=email_form or (None if me.is_young else EmailForm()),
            decides_alone=services.decides_alone(me),
            export=jobs.latest_export(me),
            refusal=deletion_refusal(me),
        ),
        status,
    )


@bp.get("/account/data")
@login_required
def index():
    """My data: download it, my name, publishing my stories, deleting my account."""
    return _page()


@bp.post("/account/data/download")
@login_required
def download():
    """Everything StoryHub keeps about me, as a ZIP."""
    return _zip_of(_me(), url_for("rights.index"))


@bp.get("/account/data/exports/<int:export_id>")
@login_required
def export_file(export_id: int):
    """A ZIP prepared in the background: for the person, or their group's educators."""
    export = db.session.get(DataExport, export_id)
    if export is None:
        abort(404)
    if export.user_id != current_user.id and not can_act_for_member(current_user, export.user):
        abort(403)
    if not export.is_ready:
        abort(404)
    response = send_file(
        get_storage().open(export.storage_key),
        mimetype="application/zip",
        as_attachment=True,
        download_name=file_name(export.user),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/account/name")
@login_required
def name():
    """A young person asks for a new name; an adult changes theirs (and their organisation)."""
    me = _me()
    form = ProfileForm() if not me.is_young else NameForm()
    if form.validate_on_submit():
        try:
            if me.is_young:
                services.request_name(me, form.display_name.data)
                flash(_("Your educator will see your request."), "success")
            else:
                services.update_adult_profile(me, form.display_name.data, form.organisation.data)
                flash(_("Your name is changed everywhere."), "success")
            return redirect(url_for("rights.index") + "#name")
        except DomainError as error:
            form.display_name.errors.append(error.message)
    if me.is_young:
        return _page(name_form=form, status=400)
    return _page(profile_form=form, status=400)


@bp.post("/account/email")
@login_required
def email():
    """An adult asks to use a new address: a link is mailed to it."""
    if current_user.is_young:
        abort(404)
    form = EmailForm()
    if form.validate_on_submit():
        try:
            address = change_email.request_email_change(
                _me(),
                form.email.data,
                form.password.data,
                lambda token: url_for("rights.confirm_email", token=token, _external=True),
            )
        except services.WrongPassword as error:
            form.password.errors.append(error.message)
        except DomainError as error:
            form.email.errors.append(error.message)
        else:
            flash(
                _(
                    "We have sent a link to %(email)s: your address changes when you open it.",
                    email=address,
                ),
                "info",
            )
            return redirect(url_for("rights.index") + "#name")
    return _page(email_form=form, status=400)


@bp.get("/account/email/confirm/<token>")
@login_required
def confirm_email(token: str):
    """The link from the mail: the new address replaces the old one."""
    try:
        change_email.confirm_email_change(_me(), token)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("rights.index") + "#name"), 303
    flash(_("Your address is now %(email)s.", email=current_user.email), "success")
    return redirect(url_for("rights.index") + "#name")


@bp.post("/account/agreement")
@login_required
def agreement():
    """A young person says yes to their approved stories being published."""
    if not current_user.is_young:
        abort(404)
    services.agree_to_publish(_me())
    flash(_("Thank you. You said yes to publishing your stories."), "success")
    return redirect(url_for("rights.index") + "#publishing")


@bp.post("/account/delete/request")
@login_required
def request_deletion():
    """A young person asks their educator to delete their account."""
    try:
        services.request_deletion(_me())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Your educator will see your request and delete your account."), "success")
    return redirect(url_for("rights.index") + "#delete")


@bp.post("/account/delete/cancel")
@login_required
def cancel_deletion():
    """The young person keeps their account after all."""
    services.cancel_deletion_request(_me())
    flash(_("Your request is cancelled: your account stays."), "success")
    return redirect(url_for("rights.index") + "#delete")


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete():
    """An adult deletes their own account after typing their password."""
    me = _me()
    if not services.decides_alone(me):
        return redirect(url_for("rights.index") + "#delete")
    form = DeleteAccountForm()
    refusal = deletion_refusal(me)
    if form.validate_on_submit() and not refusal:
        try:
            services.delete_own_account(me, form.password.data)
        except services.WrongPassword as error:
            form.password.errors.append(error.message)
        except DomainError as error:
            refusal = error.message
        else:
            logout_user()
            flash(_("Your account is deleted. Goodbye, and thank you."), "success")
            return redirect(url_for("main.index"))
    status = 409 if refusal else (400 if form.errors else 200)
    return render_template("rights/delete.html", form=form, refusal=refusal), status


def _member(group_id: int, user_id: int) -> tuple[Group, User]:
    """The group and its young person; 404 unless a member, 403 unless the user may act."""
    group = db.session.get(Group, group_id) or abort(404)
    member = db.session.get(User, user_id)
    if member is None or not is_member(member, group):
        abort(404)
    if not can_act_for_member(current_user, member):
        abort(403)
    return group, member


def _member_page(group: Group, member: User, form: NameForm | None = None, status: int = 200):
    form = form or NameForm(display_name=member.requested_name or member.display_name)
    export = jobs.latest_export(member)
    page = render_template(
        "rights/member.html", group=group, member=member, form=form, export=export
    )
    return page, status


@bp.get("/groups/<int:group_id>/members/<int:user_id>/rights")
@login_required
def member(group_id: int, user_id: int):
    """An educator's page for one young person: their data, their name, their account."""
    group, person = _member(group_id, user_id)
    return _member_page(group, person)


@bp.post("/groups/<int:group_id>/members/<int:user_id>/data")
@login_required
def member_download(group_id: int, user_id: int):
    """An educator downloads a young person's data for them."""
    group, person = _member(group_id, user_id)
    return _zip_of(person, url_for("rights.member", group_id=group.id, user_id=person.id))


@bp.post("/groups/<int:group_id>/members/<int:user_id>/name")
@login_required
def member_name(group_id: int, user_id: int):
    """An educator changes a young person's name (or approves the one they asked for)."""
    group, person = _member(group_id, user_id)
    form = NameForm()
    if form.validate_on_submit():
        try:
            services.rename(person, form.display_name.data, _me())
        except DomainError as error:
            form.display_name.errors.append(error.message)
        else:
            flash(_("The name is now %(name)s, everywhere.", name=person.display_name), "success")
            return redirect(url_for("groups.detail", group_id=group.id) + "#roster")
    return _member_page(group, person, form, status=400)


@bp.post("/groups/<int:group_id>/members/<int:user_id>/name/refuse")
@login_required
def member_name_refuse(group_id: int, user_id: int):
    """An educator says no to the name a young person asked for."""
    group, person = _member(group_id, user_id)
    services.refuse_name(person)
    flash(_("The request is refused; %(name)s is told.", name=person.display_name), "success")
    return redirect(url_for("groups.detail", group_id=group.id) + "#roster")


@bp.post("/groups/<int:group_id>/members/<int:user_id>/remove")
@login_required
def remove_member(group_id: int, user_id: int):
    """An educator deletes a young person's account and takes their name out of everything."""
    group, person = _member(group_id, user_id)
    name = person.display_name
    services.delete_member(_me(), person)
    flash(_("%(name)s was removed from the group and their account deleted.", name=name), "success")
    return redirect(url_for("groups.detail", group_id=group.id) + "#roster")
