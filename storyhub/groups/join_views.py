"""/join: a young person joins a group with the code their educator gave them.

In the groups package (joining is a group's operation, `join_group`), with a blueprint of its
own because the address is /join, not under /groups; accounts never imports groups.
"""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from storyhub.accounts.forms import JoinForm
from storyhub.accounts.sessions import already_signed_in, sign_in
from storyhub.core.errors import DomainError
from storyhub.extensions import limiter
from storyhub.groups import services

bp = Blueprint("join", __name__)


def _join_limit() -> str:
    return current_app.config["JOIN_RATE_LIMIT"]


def _join_code_limit() -> str:
    return current_app.config["JOIN_CODE_RATE_LIMIT"]


def _typed_join_code() -> str:
    """The join code typed in the form: joins are limited per code too."""
    return "join-code:" + services.normalize_code(request.form.get("join_code", ""))[:40]


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(_join_limit, methods=["POST"])
@limiter.limit(_join_code_limit, methods=["POST"], key_func=_typed_join_code)
def index():
    """A young person joins a group with the code their educator gave them."""
    if current_user.is_authenticated:
        return already_signed_in()
    form = JoinForm(join_code=request.args.get("code", ""))
    if form.validate_on_submit():
        try:
            user = services.join_group(
                form.join_code.data,
                form.display_name.data,
                form.username.data,
                form.password.data,
                locale=session.get("locale"),
            )
        except services.JoinCodeError as error:
            form.join_code.errors.append(error.message)
        except DomainError as error:
            form.username.errors.append(error.message)
        else:
            sign_in(user)
            flash(
                _(
                    "Welcome! Your educator must now say yes: you will see your group "
                    "as soon as they do."
                ),
                "success",
            )
            return redirect(url_for("main.dashboard"))
    return render_template("accounts/join.html", form=form)
