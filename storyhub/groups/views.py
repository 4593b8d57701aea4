"""Group pages: create, edit, join code, roster, members (consent: storyhub/consent/views.py)."""

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.accounts.models import User
from storyhub.core.errors import DomainError
from storyhub.core.languages import language_choices
from storyhub.core.permissions import verified_educator_required
from storyhub.extensions import db
from storyhub.groups import educators, invitations, services
from storyhub.groups.ages import AGE_BAND_LABELS, record_age_band
from storyhub.groups.forms import (
    AgeBandForm,
    BulkMembersForm,
    CoEducatorForm,
    GroupForm,
)
from storyhub.groups.loaders import get_group, get_member
from storyhub.groups.membership import lead_id_of
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL, Group
from storyhub.groups.names import school_hints
from storyhub.groups.permissions import (
    can_lead_group,
    can_leave_group,
    can_manage_group,
    can_remove_educator,
)
from storyhub.territories.services import approved_territories

bp = Blueprint("groups", __name__, url_prefix="/groups")


def _cards(group: Group, cards: list):
    """Credential cards: shown once, never kept by a cache."""
    response = make_response(render_template("groups/cards.html", group=group, cards=cards))
    response.headers["Cache-Control"] = "no-store"
    return response


def _group_form(group: Group | None = None) -> GroupForm:
    form = GroupForm(obj=group)
    form.territory_id.choices = [(t.id, f"{t.name} ({t.country})") for t in approved_territories()]
    form.languages.choices = language_choices()
    if group is not None and not form.is_submitted():
        form.languages.data = group.language_codes
    return form


def _public_name_checked(form: GroupForm) -> bool:
    """False (with a warning on the name) when the public name seems to tell the school or the
    class and the educator has not ticked "keep this name"."""
    hints = school_hints(form.name.data)
    if not hints or form.keep_name.data:
        return True
    form.school_hints = hints  # the template offers "keep this name"
    form.name.errors = [
        _(
            "This name seems to tell the school or the class (%(found)s): with a first name and "
            "the town, that is enough to find a child. Choose a public name that does not, and "
            "write the school and class in the internal name; or tick the box below if it says "
            "nothing about them.",
            found=", ".join(f"“{hint}”" for hint in hints),
        )
    ]
    return False


def _details(form: GroupForm) -> services.GroupDetails:
    from storyhub.territories.models import Territory

    territory = db.session.get(Territory, form.territory_id.data)
    if territory is None:
        abort(400)
    return services.GroupDetails(
        name=form.name.data,
        internal_name=form.internal_name.data or "",
        territory=territory,
        kind=form.kind.data,
        age_min=form.age_min.data,
        age_max=form.age_max.data,
        languages=form.languages.data,
        presentation=form.presentation.data or "",
        open_to_twinning=form.open_to_twinning.data,
    )


@bp.get("/")
@verified_educator_required
def index():
    """The groups I lead."""
    return render_template("groups/index.html", groups=services.groups_led_by(current_user))


@bp.route("/new", methods=["GET", "POST"])
@verified_educator_required
def create():
    """Create a group in a territory."""
    form = _group_form()
    if form.validate_on_submit() and _public_name_checked(form):
        try:
            group = services.create_group(current_user, _details(form))
        except DomainError as error:
            form.age_max.errors.append(error.message)
        else:
            flash(
                _("Your group is created. Share its join code with your young people."), "success"
            )
            return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/form.html", form=form, group=None)


@bp.get("/<int:group_id>")
@login_required
def detail(group_id: int):
    """The group's page; its educators see the roster, join code and consent."""
    return _render_detail(get_group(group_id, manage=False), CoEducatorForm())


def _render_detail(group: Group, co_form: CoEducatorForm, status: int = 200):
    """The group page, with the co-educator form as given (it may carry errors)."""
    manage = can_manage_group(current_user, group)
    lead_id = lead_id_of(group)
    consents = services.consents_by_member(group) if manage else {}
    page = render_template(
        "groups/detail.html",
        group=group,
        manage=manage,
        consents=consents,
        join_code=services.format_code(group.join_code),
        code_expires_at=services.join_code_expires_at(group),
        code_expired=services.join_code_expired(group),
        co_form=co_form,
        lead_id=lead_id,
        can_lead=can_lead_group(current_user, group),
        can_leave=can_leave_group(current_user, group) and len(group.educators) > 1,
        can_remove=lambda educator: can_remove_educator(current_user, group, educator),
        PARENTAL=CONSENT_PARENTAL,
        IMAGE=CONSENT_IMAGE,
        age_band_labels=AGE_BAND_LABELS,
    )
    return page, status


@bp.route("/<int:group_id>/edit", methods=["GET", "POST"])
@login_required
def edit(group_id: int):
    """Edit the group's details."""
    group = get_group(group_id)
    form = _group_form(group)
    if form.validate_on_submit() and _public_name_checked(form):
        try:
            services.update_group(group, _details(form))
        except DomainError as error:
            form.age_max.errors.append(error.message)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/form.html", form=form, group=group)


@bp.post("/<int:group_id>/code/regenerate")
@login_required
def regenerate_code(group_id: int):
    """New join code; the old one stops working."""
    group = get_group(group_id)
    services.regenerate_join_code(group)
    flash(
        _(
            "New join code: %(code)s. The old one no longer works.",
            code=services.format_code(group.join_code),
        ),
        "success",
    )
    return redirect(url_for("groups.detail", group_id=group.id))


@bp.post("/<int:group_id>/code/<any(enable, disable):action>")
@login_required
def toggle_code(group_id: int, action: str):
    """Enable or disable joining with the code."""
    group = get_group(group_id)
    services.set_join_code_enabled(group, action == "enable")
    message = (
        _("Joining with the code is open.")
        if action == "enable"
        else _("Joining with the code is closed.")
    )
    flash(message, "success")
    return redirect(url_for("groups.detail", group_id=group.id))


@bp.post("/<int:group_id>/requests/<int:request_id>/<any(approve, refuse):action>")
@login_required
def decide_join(group_id: int, request_id: int, action: str):
    """Let a young person who joined with the code into the group, or refuse them (one click)."""
    group = get_group(group_id)
    try:
        if action == "approve":
            member = services.approve_join(group, request_id)
            flash(_("%(name)s is now a member of the group.", name=member.display_name), "success")
        else:
            name = services.refuse_join(group, request_id)
            flash(_("%(name)s was refused and their account deleted.", name=name), "success")
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("groups.detail", group_id=group.id) + "#join-requests")


@bp.post("/<int:group_id>/educators")
@login_required
def add_educator(group_id: int):
    """Invite a co-educator by email: the same answer whether or not the address is known."""
    group = get_group(group_id)
    if not can_lead_group(current_user, group):
        abort(403)
    form = CoEducatorForm()
    if form.validate_on_submit():
        invitations.invite_co_educator(group, current_user, form.email.data)
        flash(
            _(
                "If a verified educator uses this address, we have sent them an invitation: "
                "they will lead the group once they accept it."
            ),
            "info",
        )
        return redirect(url_for("groups.detail", group_id=group.id))
    return _render_detail(group, form)


def _educator_of(group: Group, user_id: int) -> User:
    """An educator of this group, or 404."""
    educator = db.session.get(User, user_id)
    if educator is None or educator not in group.educators:
        abort(404)
    return educator


@bp.post("/<int:group_id>/educators/<int:user_id>/remove")
@login_required
def remove_educator(group_id: int, user_id: int):
    """The lead takes a co-educator off the group."""
    group = get_group(group_id)
    educator = _educator_of(group, user_id)
    if not can_remove_educator(current_user, group, educator):
        abort(403)
    try:
        educators.remove_co_educator(group, current_user, educator)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s no longer leads the group.", name=educator.display_name), "success")
    return redirect(url_for("groups.detail", group_id=group.id, _anchor="edu-title"))


@bp.post("/<int:group_id>/educators/<int:user_id>/lead")
@login_required
def hand_over(group_id: int, user_id: int):
    """The lead hands the lead over to another educator of the group."""
    group = get_group(group_id)
    educator = _educator_of(group, user_id)
    if not can_lead_group(current_user, group):
        abort(403)
    try:
        educators.hand_over_lead(group, current_user, educator)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s now leads the group.", name=educator.display_name), "success")
    return redirect(url_for("groups.detail", group_id=group.id, _anchor="edu-title"))


@bp.post("/<int:group_id>/educators/leave")
@login_required
def leave(group_id: int):
    """A co-educator stops leading the group (never the last one, never the lead)."""
    group = get_group(group_id)
    try:
        educators.leave_group(group, current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("groups.detail", group_id=group.id, _anchor="edu-title"))
    flash(_("You no longer lead %(group)s.", group=group.name), "success")
    return redirect(url_for("groups.index"))


@bp.route("/<int:group_id>/educators/accept/<token>", methods=["GET", "POST"])
@login_required
def accept_educator(group_id: int, token: str):
    """The invited educator reads the invitation and accepts it with one button."""
    group = db.session.get(Group, group_id) or abort(404)
    try:
        inviter = invitations.read_invitation(group, token, current_user)
        if request.method == "POST":
            invitations.accept_invitation(group, token, current_user)
            flash(_("You now lead %(group)s.", group=group.name), "success")
            return redirect(url_for("groups.detail", group_id=group.id))
    except DomainError as error:
        page = render_template("groups/accept_educator.html", group=group, error=error.message)
        return page, 403
    return render_template("groups/accept_educator.html", group=group, inviter=inviter)


@bp.route("/<int:group_id>/members/new", methods=["GET", "POST"])
@login_required
def create_members(group_id: int):
    """Create accounts in bulk and print their credential cards."""
    group = get_group(group_id)
    form = BulkMembersForm()
    if form.validate_on_submit():
        try:
            created = services.create_members(
                group, form.names.data.splitlines(), form.age_band.data or None
            )
        except DomainError as error:
            form.names.errors.append(error.message)
        else:
            return _cards(group, created)
    return render_template("groups/members_new.html", form=form, group=group)


@bp.post("/<int:group_id>/members/<int:user_id>/age-band")
@login_required
def age_band(group_id: int, user_id: int):
    """Record the age band of one member (it decides which rules for minors apply)."""
    group = get_group(group_id)
    member = get_member(group, user_id)
    form = AgeBandForm()
    if not form.validate_on_submit():
        flash(_("Choose an age band from the list."), "error")
        return redirect(url_for("groups.detail", group_id=group.id) + "#roster")
    record_age_band(group, member, form.age_band.data or None)
    flash(_("Age band saved for %(name)s.", name=member.display_name), "success")
    return redirect(url_for("groups.detail", group_id=group.id) + "#roster")


@bp.post("/<int:group_id>/members/<int:user_id>/sign-out")
@login_required
def sign_out_member(group_id: int, user_id: int):
    """Sign a member out on every device."""
    group = get_group(group_id)
    member = get_member(group, user_id)
    services.sign_out_member(group, member)
    flash(_("%(name)s is signed out on every device.", name=member.display_name), "success")
    return redirect(url_for("groups.detail", group_id=group.id) + "#roster")


@bp.post("/<int:group_id>/members/<int:user_id>/password")
@login_required
def reset_password(group_id: int, user_id: int):
    """Give a member a new password and show their card."""
    group = get_group(group_id)
    member = get_member(group, user_id)
    password = services.reset_member_password(group, member)
    return _cards(group, [(member, password)])
