"""The help page, linked from every page's footer and from the young person's space."""

from flask import Blueprint, current_app, render_template

bp = Blueprint("help", __name__)


@bp.get("/help")
def index():
    """Help for young people: what to do, how to report, who to talk to, helplines."""
    return render_template("help/index.html", helplines=current_app.config["HELPLINES"])
