"""Story pages: the pair (a round, both sides), a story, the editor, and its life's buttons."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from storyhub.accounts.services import own_agreement_given
from storyhub.core.countries import country_name
from storyhub.core.errors import DomainError
from storyhub.core.languages import CONTENT_LANGUAGES, direction
from storyhub.core.limits import per_person, upload_limit
from storyhub.core.models import load, utcnow
from storyhub.core.security import is_safe_next
from storyhub.exchanges.models import Round
from storyhub.exchanges.permissions import member_side
from storyhub.extensions import db, limiter
from storyhub.groups.models import Group
from storyhub.media.checks import missing_image_consent_in_story
from storyhub.media.faces import open_suggestions
from storyhub.media.permissions import reads_inside
from storyhub.stories import (
    editor,
    editor_form,
    media_blocks,
    queries,
    services,
    translating,
    versions,
)
from storyhub.stories.blocks import (
    KINDS,
    MAX_BLOCKS,
    BlockDraft,
    BlockProblem,
    addable_kinds,
    block_summary,
    is_empty_block,
)
from storyhub.stories.errors import EditConflict, NotSent
from storyhub.stories.forms import DecisionForm
from storyhub.stories.indexing import may_be_indexed, may_index_round
from storyhub.stories.models import BLOCK_IMAGE, BLOCK_PANORAMA, STATUS_SUBMITTED, Story
from storyhub.stories.permissions import (
    can_edit_story,
    can_moderate_story,
    can_view_round,
    can_view_story,
    can_write_story,
    writing_group_id,
)

bp = Blueprint("stories", __name__)
SUCCESS = {
    "submit": _l("Sent! Your educator reads every story before anyone else sees it."),
    "approve": _l("Published. The other group has been told."),
    "request_changes": _l("The story went back to its authors with your feedback."),
    "reject": _l("The story is not accepted; its authors see your reason."),
    "unpublish": _l("The story is no longer published."),
    "revise": _l("The story can be changed again: revise it, then send it for review."),
    "republish": _l("The story is published again."),
}


COVER_KINDS = (BLOCK_IMAGE, BLOCK_PANORAMA)


def get_round(round_id: int) -> Round:
    """A round this user may see (with its exchange and both sides loaded), or 404."""
    round_ = queries.page_round(round_id)
    if round_ is None or not can_view_round(current_user, round_):
        abort(404)
    return round_


def get_story(story_id: int) -> Story:
    """A story this user may see, or 404 (a hidden story does not exist for them)."""
    story = load(Story, story_id)
    if story is None or not can_view_story(current_user, story):
        abort(404)
    return story


def tone_for(exchange, group_id: int) -> str:
    """'here' for the viewer's own side (side A for visitors), 'there' for the other."""
    own = member_side(current_user, exchange) or exchange.inviting_group_id
    return "here" if group_id == own else "there"


@bp.app_template_global()  # a global, not a context variable: imported macros use it too
def exchange_lang(exchange) -> str:
    """The language its educators wrote the exchange's title, description and questions in
    (the first of its languages), for the lang attribute of that text."""
    return next((code for code in exchange.languages.split(",") if code), "fr")


def exchange_url(exchange) -> str:
    """The exchange's page."""
    return url_for("exchanges.detail", exchange_id=exchange.id)


def _now():
    return utcnow()


@bp.app_template_global()
def story_is(story: Story, phase: str) -> bool:
    """Templates (and their macros) ask the story's lifecycle its phase (waiting, published…)."""
    return services.STORY.is_in(story, phase)


bp.add_app_template_global(direction, "text_direction")  # imported media macros use it too


@bp.app_context_processor
def story_helpers():
    """Helpers the story templates share."""
    return {
        "text_direction": direction,
        "language_label": lambda code: str(CONTENT_LANGUAGES.get(code, code)),
        "block_summary": block_summary,
        "is_empty_block": is_empty_block,
        "status_label": services.STORY.label,
        "tone_for": tone_for,
        "exchange_url": exchange_url,
        "country_name": country_name,
        "missing_image_consent": missing_image_consent_in_story,
        "face_suggestions": open_suggestions,
    }


@bp.get("/rounds/<int:round_id>")
def round_detail(round_id: int):
    """The pair: the round's question, side A and side B with their stories."""
    round_ = get_round(round_id)
    sides = queries.round_sides(current_user, round_)
    shown = [s for side in sides for s in side.published]
    answer = queries.own_answer(sides)
    return render_template(
        "stories/round.html",
        noindex=not may_index_round(shown),
        round=round_,
        exchange=round_.exchange,
        sides=sides,
        pictures=queries.first_pictures(
            shown,
            public=not reads_inside(current_user, round_.exchange),
        ),
        can_write=can_write_story(current_user, round_, _now()),
        answer=answer,
        answer_editable=answer is not None and can_edit_story(current_user, answer),
    )


@bp.get("/rounds/<int:round_id>/read")
def pair(round_id: int):
    """Both sides' stories of a round in full, side by side (tabs on phones), block by block."""
    round_ = get_round(round_id)
    sides = queries.round_sides(current_user, round_)
    stories = [s for side in sides for s in side.published]
    public = not reads_inside(current_user, round_.exchange)
    return render_template(
        "stories/pair.html",
        noindex=not may_index_round(stories),
        round=round_,
        exchange=round_.exchange,
        sides=sides,
        # a panorama's view rather than the first photo again, when the story has one
        covers=queries.first_pictures(stories, public=public)
        | queries.first_pictures(stories, (BLOCK_PANORAMA,), public),
    )


@bp.get("/stories/<int:story_id>")
def detail(story_id: int):
    """A story, opening on its own picture, its blocks, and the twin's answer over there."""
    page = queries.story_page(current_user, story_id)
    if page is None or not can_view_story(current_user, page.story):
        abort(404)
    story, twins = page.story, page.twins
    reply_to = page.reply_to
    if reply_to is not None and not can_view_story(current_user, reply_to):
        reply_to = None
    translations = translating.translations_of(current_user, story)
    wanted = request.args.get("translation", type=int)
    shown = next((t for t in translations if t.id == wanted and translating.is_published(t)), None)
    return render_template(
        "stories/detail.html",
        story=story,
        translations=translations,
        shown=shown,
        can_translate=translating.can_translate_story(current_user, story),
        twins=twins,
        twin_group=next(g for g in story.round.exchange.groups if g.id != story.group_id),
        covers=queries.first_pictures(
            [story, *twins], COVER_KINDS, not reads_inside(current_user, story.round.exchange)
        ),
        noindex=not may_be_indexed(story),
        reply_to=reply_to,
        replies=page.replies,
        actions=services.allowed_actions(current_user, story),
        can_edit=can_edit_story(current_user, story),
        can_moderate=can_moderate_story(current_user, story),
    )


@bp.route("/rounds/<int:round_id>/stories/new", methods=["GET", "POST"])
@login_required
def create(round_id: int):
    """Start a story for a round of an exchange the user's group is in."""
    round_ = get_round(round_id)
    group_id = writing_group_id(current_user, round_.exchange)
    if group_id is None:
        abort(403)
    if not can_write_story(current_user, round_, _now()):
        flash(_("This round does not take new stories."), "warning")
        return redirect(url_for("stories.round_detail", round_id=round_.id))
    return _run_editor(round_, group_id, story=None)


@bp.route("/stories/<int:story_id>/edit", methods=["GET", "POST"])
@login_required
def edit(story_id: int):
    """Edit a draft (authors, educators), or fix a submitted story (educators)."""
    story = get_story(story_id)
    if not can_edit_story(current_user, story):
        abort(403)
    return _run_editor(story.round, story.group_id, story=story)


def _run_editor(round_: Round, group_id: int, story: Story | None):
    form = editor_form.story_form(round_, group_id, story)
    drafts, focus, problems, conflict = editor.saved_blocks(story), None, [], None
    checking = request.args.get("check") == "1"
    if form.is_submitted():
        drafts = editor.read_blocks(request.form, request.files)
        op = editor.read_op(request.form.get("op"))
        focus = editor.apply_op(drafts, op)
        valid = form.validate()
        problems = [] if "csrf_token" in form.errors else _receive_files(drafts, group_id, story)
        media_blocks.prepare_drafts(drafts, group_id, story.id if story else None, current_user)
        problems += editor.check_blocks(drafts)
        if valid and not problems:
            sending = op.name == "submit" and (story is None or story.is_editable)
            agreed = not sending or _own_agreement_given()
            data = editor.story_input(form, drafts)
            try:
                story = editor_form.save_from_editor(round_, story, data, form, sending and agreed)
            except NotSent as refusal:
                return _not_sent(refusal.story, refusal.cause)
            except EditConflict as error:
                story, conflict = error.story, versions.content_of(error.story)
                form.revision.data = str(error.story.revision)  # sending again keeps these words
            except DomainError as error:
                problems = [error.message]
            else:
                return _after_save(story, op, focus, sending, agreed)
    needs = editor.needs_of(drafts, as_errors=checking and not form.is_submitted())
    return render_template(
        "stories/edit.html",
        form=form,
        round=round_,
        story=story,
        group_id=group_id,
        drafts=drafts,
        focus=focus,
        problems=problems,
        needs=needs,
        checking=checking,
        kinds=addable_kinds(),
        kinds_by_name=KINDS,
        blank_drafts={k.kind: BlockDraft(kind=k.kind) for k in addable_kinds()},
        unsaved=form.is_submitted(),
        max_blocks=MAX_BLOCKS,
        conflict=conflict,
        autosave=editor_form.autosave_url(round_, story),
    )


def _receive_files(drafts: list[BlockDraft], group_id: int, story: Story | None) -> list[str]:
    """Files sent with the form (no script): counted like the uploader's, then processed."""
    if not any("upload" in d.extra for d in drafts):
        return []
    with limiter.limit(upload_limit, key_func=per_person):
        group = db.session.get(Group, group_id)
        return media_blocks.receive_uploads(drafts, current_user, group, story)


def _own_agreement_given() -> bool:
    """A young person under 15 says yes themself when sending a story (asked once); the yes is
    committed with the submission."""
    return own_agreement_given(current_user, request.form.get("own_agreement"))


def _not_sent(story: Story, refusal: DomainError):
    """The words are saved; say why the story was not sent, and where."""
    edit_url = url_for("stories.edit", story_id=story.id)
    if isinstance(refusal, BlockProblem):
        flash(_("Draft saved, but not sent yet: a part needs a few more words."), "warning")
        return redirect(f"{edit_url}?check=1#block-{refusal.index}")
    flash(_("Draft saved.") + " " + refusal.message, "error")
    return redirect(edit_url)


def _after_save(story: Story, op: editor.Op, focus: int | None, sending: bool, agreed: bool):
    edit_url = url_for("stories.edit", story_id=story.id)
    detail_url = url_for("stories.detail", story_id=story.id)
    if sending and not agreed:
        flash(_("Draft saved. To send it, first say whether you agree to be published."), "error")
        return redirect(f"{edit_url}#own-agreement")
    if sending and story.status == STATUS_SUBMITTED:
        flash(SUCCESS["submit"], "success")
        return redirect(detail_url)
    moderating = can_moderate_story(current_user, story)
    if story.status == STATUS_SUBMITTED and op.name == "save" and moderating:
        flash(_("Correction saved. Every change is recorded in the moderation log."), "success")
        return redirect(url_for("moderation.review", story_id=story.id))
    if not can_edit_story(current_user, story):  # the same form sent twice, after submitting
        return redirect(detail_url)
    if op.name == "save":
        flash(_("Draft saved."), "success")
    anchor = f"#block-{focus}" if focus is not None else ""
    return redirect(edit_url + anchor)


@bp.post(
    "/stories/<int:story_id>/<any(submit, approve, request_changes, reject, unpublish, revise, republish):action>"
)
@login_required
def act(story_id: int, action: str):
    """Move the story along its life (submit, approve, ask for changes, reject, unpublish)."""
    story = get_story(story_id)
    transition = services.STORY[action]
    if not transition.may(current_user, story):
        abort(403)
    form = DecisionForm()
    back = form.next.data if is_safe_next(form.next.data) else None
    if not form.validate():
        flash(next(iter(form.errors.values()))[0], "error")
        return redirect(back or url_for("stories.detail", story_id=story.id))
    if action == "submit" and not _own_agreement_given():
        flash(_("To send it, first say whether you agree to be published."), "error")
        return redirect(url_for("stories.detail", story_id=story.id) + "#own-agreement")
    try:
        services.take_action(story, current_user, action, form.reason.data or "")
    except services.ConsentMissing as error:
        flash(error.message, "error")
        return redirect(url_for("moderation.review", story_id=story.id))
    except BlockProblem as problem:
        flash(problem.message, "error")
        if story.is_editable and can_edit_story(current_user, story):
            edit_url = url_for("stories.edit", story_id=story.id, check=1)
            return redirect(f"{edit_url}#block-{problem.index}")
        return redirect(back or url_for("stories.detail", story_id=story.id))
    except DomainError as error:
        flash(error.message, "error")
        return redirect(back or url_for("stories.detail", story_id=story.id))
    flash(SUCCESS[action], "success")
    return redirect(back or url_for("stories.detail", story_id=story.id))
