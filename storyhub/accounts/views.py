"""Sign-up, sign-in, sign-out, passwords and language choice."""

from datetime import timedelta

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from storyhub.accounts import services, throttle
from storyhub.accounts.forms import (
    ChangePasswordForm,
    EducatorSignupForm,
    ForgotPasswordForm,
    LoginForm,
    ResetPasswordForm,
)
from storyhub.accounts.mail import send_mail
from storyhub.accounts.sessions import already_signed_in, keep_this_session, sign_in
from storyhub.accounts.signup import sign_up_educator
from storyhub.core.errors import DomainError
from storyhub.core.security import is_safe_next
from storyhub.core.timezones import zone_label
from storyhub.extensions import csrf, limiter

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


def _reset_limit() -> str:
    return current_app.config["RESET_RATE_LIMIT"]


def _typed_email() -> str:
    """The address typed for a reset link: resets are limited per account too."""
    return "reset:" + services.normalize_email(request.form.get("email", ""))[:254]


def _sign_in_failed(response) -> bool:
    """Only failed sign-ins count against the address: a class signing in is never limited."""
    return bool(g.get("sign_in_failed"))


def _redirect_next(default: str = "main.dashboard"):
    target = request.args.get("next") or request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for(default))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_sign_in_failed)
def login():
    """Sign in with email or username; one message for any wrong credential."""
    if current_user.is_authenticated:
        return _redirect_next()
    form = LoginForm()
    g.sign_in_failed = form.is_submitted()
    if form.validate_on_submit():
        account = services.login_key(form.identifier.data)
        wait = throttle.wait_seconds(account)
        if wait:
            return _slowed_down(form, wait)
        user = services.authenticate(form.identifier.data, form.password.data)
        if user is None:
            throttle.record_failure(account)
            flash(_("Wrong username, email or password."), "error")
        elif not user.is_active:
            flash(_("This account is suspended. Write to the StoryHub team to know more."), "error")
        else:
            g.sign_in_failed = False
            throttle.record_success(account)
            if session.get("locale") and session["locale"] != user.locale:
                services.set_locale(user, session["locale"])  # the choice made before signing in
            sign_in(user, remember=form.remember.data)
            return _redirect_next()
    return render_template("accounts/login.html", form=form, next=request.args.get("next", ""))


def _slowed_down(form: LoginForm, wait: int):
    """429: this account had too many wrong passwords; say when to try again, keep the name."""
    message = _(
        "Too many wrong passwords for this account. Try again in %(when)s.",
        when=format_timedelta(timedelta(seconds=wait), threshold=1.5),
    )
    form.password.errors.append(message)
    page = render_template("accounts/login.html", form=form, next=request.args.get("next", ""))
    return page, 429, {"Retry-After": str(wait)}


@bp.post("/logout")
@login_required
def logout():
    """Sign out on every device (POST, so no link can sign someone out).

    The session version is bumped, so a copy of this browser's cookies taken before (on a
    shared computer) no longer signs anyone in.
    """
    services.sign_out_everywhere(current_user)
    logout_user()
    flash(_("You are signed out, on every device. See you soon!"), "success")
    response = redirect(url_for("main.index"))
    # A shared computer keeps nothing of this person: the editor's kept pages and files
    # (service worker caches), the drafts and pictures waiting to be sent (browser storage).
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_signup_limit, methods=["POST"])
def signup():
    """An educator asks for an account; an admin verifies it."""
    if current_user.is_authenticated:
        return already_signed_in()
    form = EducatorSignupForm()
    if form.validate_on_submit():
        try:
            sign_up_educator(
                form.email.data,
                form.display_name.data,
                form.password.data,
                form.organisation.data or "",
                locale=session.get("locale"),
            )
        except DomainError as error:
            form.email.errors.append(error.message)
        else:
            # The same answer for a known address (its owner gets a mail): no enumeration.
            flash(
                _(
                    "Thank you! We have sent a message to this address. A new account waits "
                    "for verification by the StoryHub team: you can already sign in here."
                ),
                "success",
            )
            return redirect(url_for("accounts.login"))
    return render_template("accounts/signup.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except services.WrongPasswordError as error:
            form.current.errors.append(error.message)
        except DomainError as error:
            form.password.errors.append(error.message)
        else:
            keep_this_session(current_user._get_current_object())
            flash(
                _("Your password has been changed. You are signed out on your other devices."),
                "success",
            )
            return redirect(url_for("main.dashboard"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_signup_limit, methods=["POST"])
@limiter.limit(_reset_limit, methods=["POST"], key_func=_typed_email)
def forgot_password():
    """Send a reset link to an adult's email; same answer whether or not it exists."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_by_login(form.email.data)
        if user is not None and not user.is_young:
            link = url_for(
                "accounts.reset_password", token=services.make_reset_token(user), _external=True
            )
            send_mail(
                user.email,
                _("Reset your StoryHub password"),
                _(
                    "Hello %(name)s,\n\nTo choose a new password, open this link within two hours:\n%(link)s\n\n"
                    "If you did not ask for it, ignore this message.",
                    name=user.display_name,
                    link=link,
                ),
            )
        flash(
            _("If an account uses this address, we have sent it a link to choose a new password."),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password from an emailed link."""
    user = services.user_from_reset_token(token)
    if user is None:
        flash(_("This link is invalid or has expired. Ask for a new one."), "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        flash(_("Your password has been changed. You can sign in."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.post("/language")
@csrf.exempt
def set_language():
    """Switch the interface language and remember it. Visitors send no token (public pages
    carry none, to set no cookie); a signed-in person's choice is saved, so theirs is checked."""
    if current_user.is_authenticated and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale  # the locale cookie below keeps it beyond this session
        if current_user.is_authenticated:
            services.set_locale(current_user, locale)
    target = request.form.get("next")
    response = redirect(target if is_safe_next(target) else url_for("main.index"))
    if locale in current_app.config["LANGUAGES"]:
        response.set_cookie(
            "locale",
            locale,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


@bp.post("/account/time-zone/choose")
@login_required
def choose_time_zone():
    """The zone chosen in the account (My data and my account), with or without JavaScript."""
    try:
        services.choose_time_zone(current_user, request.form.get("time_zone", "").strip())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("rights.index", _anchor="time-zone"))
    flash(_("Saved: times are shown in %(zone)s.", zone=zone_label()), "success")
    return redirect(url_for("rights.index", _anchor="time-zone"))


@bp.post("/account/time-zone")
@login_required
def set_time_zone():
    """The browser tells the zone it is in (static/js/local-time.js): times follow it."""
    if not services.set_time_zone(current_user, request.form.get("time_zone", "")):
        return "", 400
    return "", 204
