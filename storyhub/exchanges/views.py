"""Exchange pages: my exchanges, the twin finder, the invitation, the exchange, its rounds."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from storyhub.core.countries import country_name
from storyhub.core.errors import DomainError
from storyhub.core.inputs import bounded_int
from storyhub.core.languages import CONTENT_LANGUAGES, language_choices
from storyhub.core.permissions import verified_educator_required
from storyhub.core.timezones import today_in, zone_of
from storyhub.exchanges import queries, services, showcase
from storyhub.exchanges.ages import gap_message, needs_age_confirmation
from storyhub.exchanges.finder import finder_context
from storyhub.exchanges.forms import DeclineForm, GroupThemesForm, InviteForm, RoundForm
from storyhub.exchanges.life import EXCHANGE
from storyhub.exchanges.loaders import PAGE_OPTIONS, get_exchange, get_row
from storyhub.exchanges.models import Exchange
from storyhub.exchanges.permissions import can_manage_exchange, member_side
from storyhub.exchanges.rounds import propose_round
from storyhub.exchanges.themes import set_group_themes, theme_choices, themes_by_group
from storyhub.extensions import db
from storyhub.groups.membership import led_group_ids
from storyhub.groups.models import Group
from storyhub.groups.permissions import can_manage_group

bp = Blueprint("exchanges", __name__, url_prefix="/exchanges")


@bp.context_processor
def _helpers() -> dict:
    """Names of countries and content languages for this area's templates."""
    return {"country_name": country_name, "content_languages": CONTENT_LANGUAGES}


@bp.app_template_global()
def exchange_is(exchange, phase: str) -> bool:
    """Templates ask the exchange's lifecycle its phase (pending, running, over…)."""
    return EXCHANGE.is_in(exchange, phase)


@bp.app_template_global()
def exchange_label(status: str) -> str:
    """The words for an exchange's status, from its lifecycle."""
    return EXCHANGE.label(status)


def _locale() -> str:
    from flask_babel import get_locale

    return str(get_locale())


def _field_error(form, error: DomainError) -> None:
    """Show a refused operation next to the field it is about, else as a flash."""
    name = getattr(error, "field", None)
    if name and name in form:
        form[name].errors = [*form[name].errors, error.message]
    else:
        flash(error.message, "error")


def round_url(round_) -> str:
    """The round's pair page."""
    return url_for("stories.round_detail", round_id=round_.id)


@bp.get("/")
@login_required
def index():
    """My exchanges: invitations to answer, sent, active, closed, declined."""
    return render_template("exchanges/index.html", lists=queries.my_exchanges(current_user))


@bp.get("/find")
@verified_educator_required
def find():
    """Open groups of other territories, filtered by the URL's parameters."""
    return render_template("exchanges/find.html", **finder_context(current_user, request.args))


def _my_groups() -> list[Group]:
    query = (
        db.select(Group)
        .where(Group.id.in_(led_group_ids(current_user)), Group.is_sandbox.is_(False))
        .order_by(Group.name)
    )
    return list(db.session.scalars(query))


def _target_group() -> Group | None:
    group_id = bounded_int(request.args.get("group"))
    group = db.session.get(Group, group_id) if group_id else None
    if group is None or not group.open_to_twinning or not group.territory.is_approved:
        return None
    return group


def _invite_form(target: Group, eligible: list[Group]) -> InviteForm:
    form = InviteForm()
    form.from_group.choices = [(str(g.id), f"{g.name} · {g.territory.name}") for g in eligible]
    form.themes.choices = theme_choices(_locale())
    form.languages.choices = language_choices()
    if not form.is_submitted():
        form.themes.data = [str(t.id) for t in themes_by_group([target.id]).get(target.id, [])]
        shared = [code for code in target.language_codes if code in CONTENT_LANGUAGES]
        form.languages.data = shared[:3] or ["fr"]
    return form


@bp.route("/new", methods=["GET", "POST"])
@verified_educator_required
def create():
    """Invite an open group to an exchange, from one of the groups I lead."""
    target = _target_group()
    if target is None:
        flash(_("Choose a group open to twinning first."), "warning")
        return redirect(url_for("exchanges.find"))
    mine = _my_groups()
    if any(group.id == target.id for group in mine):
        flash(_("This is one of your groups: invite a group of another territory."), "warning")
        return redirect(url_for("exchanges.find"))
    eligible = [group for group in mine if group.territory_id != target.territory_id]
    form = _invite_form(target, eligible)
    if eligible and form.validate_on_submit():
        inviting = next(g for g in eligible if str(g.id) == form.from_group.data)
        details = services.ExchangeDetails(
            title=form.title.data,
            description=form.description.data or "",
            theme_ids=form.themes.data,
            languages=form.languages.data,
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
            message=form.message.data or "",
        )
        try:
            exchange = services.invite_group(
                current_user, inviting, target, details, form.confirm_age_gap.data
            )
        except DomainError as error:
            _field_error(form, error)
        else:
            flash(_("Your invitation is sent to %(group)s.", group=target.name), "success")
            return redirect(url_for("exchanges.detail", exchange_id=exchange.id))
    gaps = {g.id: gap_message(g, target) for g in eligible if needs_age_confirmation(g, target)}
    return render_template(
        "exchanges/new.html", form=form, target=target, mine=mine, eligible=eligible, gaps=gaps
    )


@bp.get("/<int:exchange_id>")
def detail(exchange_id: int):
    """The exchange: the two territories face to face, its status, its keys and its rounds."""
    exchange = get_exchange(exchange_id, options=PAGE_OPTIONS)
    side = member_side(current_user, exchange)
    sides, keys = list(exchange.groups), queries.publication_state(exchange)
    if side == exchange.invited_group_id:  # the viewer's own side comes first: "here"
        sides.reverse()
        keys.reverse()
    actions = services.allowed_actions(current_user, exchange)
    managers = current_user.is_authenticated and (
        current_user.is_admin or can_manage_exchange(current_user, exchange)
    )
    return render_template(
        "exchanges/detail.html",
        exchange=exchange,
        sides=sides,
        is_member=side is not None,
        show_private_notes=managers,
        actions=actions,
        keys=keys,
        round_url=round_url,
        locale=_locale(),
        age_gap=_age_gap_to_confirm(exchange, actions),
        showcase=_showcase(exchange),
    )


def _showcase(exchange: Exchange) -> dict | None:
    """The picture and indexing choices, for the exchange's educators and admins only."""
    if exchange.status not in ("active", "closed"):
        return None
    if not showcase.can_choose_showcase(current_user, exchange):
        return None
    return {
        "indexing": showcase.indexing_state(exchange),
        "is_side": bool(services.sides_led(current_user, exchange)),
    }


def _age_gap_to_confirm(exchange: Exchange, actions: set[str]) -> str:
    """The age-gap warning for the educator who may accept (ages stay out of public pages)."""
    if "accept" in actions and needs_age_confirmation(*exchange.groups):
        return gap_message(*exchange.groups)
    return ""


def _act(exchange_id: int, operation, success: str):
    """Run one operation on the exchange and come back to its page with the outcome."""
    exchange = get_exchange(exchange_id, manage=True)
    try:
        outcome = operation(exchange, current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(success(outcome) if callable(success) else success, "success")
    return redirect(url_for("exchanges.detail", exchange_id=exchange.id))


@bp.post("/<int:exchange_id>/accept")
@login_required
def accept(exchange_id: int):
    """Accept the invitation (ticking the age-gap box when asked): the exchange starts."""
    confirmed = request.form.get("confirm_age_gap") == "y"
    return _act(
        exchange_id,
        lambda exchange, user: services.accept_exchange(exchange, user, confirmed),
        _("You accepted the invitation: the exchange has started. Propose a first round!"),
    )


@bp.route("/<int:exchange_id>/decline", methods=["GET", "POST"])
@login_required
def decline(exchange_id: int):
    """Decline the invitation, with an optional reason."""
    exchange = get_exchange(exchange_id, manage=True)
    if "decline" not in services.allowed_actions(current_user, exchange):
        flash(_("Only an educator of the invited group can decline a pending invitation."), "error")
        return redirect(url_for("exchanges.detail", exchange_id=exchange.id))
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            services.decline_exchange(exchange, current_user, form.reason.data or "")
        except DomainError as error:
            _field_error(form, error)
        else:
            flash(_("You declined the invitation."), "success")
            return redirect(url_for("exchanges.detail", exchange_id=exchange.id))
    return render_template("exchanges/decline.html", exchange=exchange, form=form)


@bp.post("/<int:exchange_id>/indexing")
@login_required
def indexing(exchange_id: int):
    """Let search engines index the minors' stories, for my side (`allow`: 1 or 0)."""
    allow = request.form.get("allow") == "1"
    return _act(
        exchange_id,
        lambda exchange, user: showcase.set_indexing(exchange, user, allow),
        _("Saved: search engines may index the stories once both groups allow it.")
        if allow
        else _("Saved: search engines are asked not to index the young people's stories."),
    )


@bp.post("/<int:exchange_id>/withdraw")
@login_required
def withdraw(exchange_id: int):
    """Take back my group's invitation before it is answered."""
    return _act(exchange_id, services.withdraw_invitation, _("The invitation is withdrawn."))


@bp.post("/<int:exchange_id>/close")
@login_required
def close(exchange_id: int):
    """Close the exchange: no new rounds; what was published stays."""
    return _act(exchange_id, services.close_exchange, _("The exchange is closed."))


@bp.post("/<int:exchange_id>/unpublish")
@login_required
def unpublish(exchange_id: int):
    """Remove my side's key: the exchange is private again."""
    return _act(
        exchange_id,
        services.unpublish_exchange,
        _("Your side withdrew its publication: the exchange is private."),
    )


def _round_defaults(form: RoundForm, exchange: Exchange) -> None:
    today = today_in(zone_of(current_user))  # the educator's calendar, in their zone
    opens = max(today, exchange.starts_on or today)
    closes = opens + timedelta(days=28)
    if exchange.ends_on and closes > exchange.ends_on:
        closes = exchange.ends_on
    form.opens_on.data, form.closes_on.data = opens, closes


@bp.route("/<int:exchange_id>/rounds/new", methods=["GET", "POST"])
@login_required
def create_round(exchange_id: int):
    """Propose a round: a question both sides answer."""
    exchange = get_exchange(exchange_id, manage=True)
    if "propose_round" not in services.allowed_actions(current_user, exchange):
        flash(_("Rounds can be proposed only while the exchange is active."), "warning")
        return redirect(url_for("exchanges.detail", exchange_id=exchange.id))
    form = RoundForm()
    if not form.is_submitted():
        _round_defaults(form, exchange)
    if form.validate_on_submit():
        details = form.details()
        try:
            round_ = propose_round(exchange, current_user, details)
        except DomainError as error:
            _field_error(form, error)
        else:
            if not round_.has_opened():
                when = format_date(round_.opens_on)
                flash(_("The round opens to both groups on %(date)s.", date=when), "success")
            else:
                flash(_("The round is open to both groups."), "success")
            return redirect(
                url_for("exchanges.detail", exchange_id=exchange.id, _anchor=f"round-{round_.id}")
            )
    return render_template("exchanges/round_form.html", exchange=exchange, form=form)


@bp.route("/groups/<int:group_id>/themes", methods=["GET", "POST"])
@verified_educator_required
def group_themes(group_id: int):
    """Choose the themes my group would like to explore with a twin."""
    group = get_row(Group, group_id)
    if not can_manage_group(current_user, group):
        abort(403)
    form = GroupThemesForm()
    form.themes.choices = theme_choices(_locale())
    if not form.is_submitted():
        form.themes.data = [str(t.id) for t in themes_by_group([group.id]).get(group.id, [])]
    if form.validate_on_submit():
        try:
            set_group_themes(group, current_user, form.themes.data or [])
        except DomainError as error:
            form.themes.errors = [*form.themes.errors, error.message]
        else:
            flash(_("The themes of %(group)s are saved.", group=group.name), "success")
            return redirect(url_for("exchanges.find"))
    return render_template("exchanges/group_themes.html", group=group, form=form)
