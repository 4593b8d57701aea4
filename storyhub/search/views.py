"""The search page: /search?q=…&theme=…&country=…&territory=…&language=…&year=…&page=…"""

from flask import Blueprint, render_template, request, url_for

from storyhub.search.forms import read_search_args
from storyhub.search.links import translation_url
from storyhub.search.presenters import all_themes, filter_choices, result_lines
from storyhub.search.queries import search_stories
from storyhub.search.sync import install as install_index_sync

bp = Blueprint("search", __name__, cli_group=None)
bp.record_once(lambda state: install_index_sync())
PER_PAGE = 10


@bp.route("/search")
def index():
    """Search the published stories."""
    args = read_search_args(request.args)
    searched = bool(args.query or args.filters.active)
    results = search_stories(args.query, args.filters, args.page, PER_PAGE) if searched else None
    return render_template(
        "search/index.html",
        args=args,
        results=results,
        choices=filter_choices(results, args.filters) if results else {},
        lines=result_lines(results.hits) if results else [],
        themes=[] if results else all_themes(),
        translation_url=translation_url,
        page_url=lambda page: url_for("search.index", **_params(page)),
    )


def _params(page: int) -> dict:
    params = {k: v for k, v in request.args.items() if k != "page" and v}
    if page > 1:
        params["page"] = page
    return params


@bp.cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the public stories."""
    import click

    from storyhub.search.services import reindex_all

    click.echo(f"{reindex_all()} public stories indexed.")
