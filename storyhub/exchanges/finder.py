"""The twin finder page: read the filters from the URL, ignore what is not understood, search."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from storyhub.accounts.models import User
from storyhub.core.countries import country_names
from storyhub.core.inputs import bounded_int
from storyhub.core.languages import language_choices
from storyhub.exchanges import queries
from storyhub.exchanges.forms import FinderForm
from storyhub.exchanges.themes import theme_choices, themes_by_group
from storyhub.extensions import db
from storyhub.groups.membership import led_group_ids
from storyhub.groups.models import Group

ANY = ("", _l("Any"))
AGE_ORDER = _l("The first age must not be above the second; both are ignored.")


def _form(user: User, args: MultiDict) -> FinderForm:
    """The filter form bound to the URL, its choices set."""
    locale = str(get_locale())
    form = FinderForm(formdata=args)
    territories = queries.finder_territories(user)
    names = country_names(locale)
    countries = sorted({t.country for t in territories}, key=lambda code: names.get(code, code))
    form.territory.choices = [ANY] + [(str(t.id), t.name) for t in territories]
    form.country.choices = [ANY] + [(code, names.get(code, code)) for code in countries]
    form.language.choices = [ANY, *language_choices()]
    form.theme.choices = [ANY, *theme_choices(locale)]
    return form


def _filters(form: FinderForm) -> queries.TwinFilters:
    """The filters that were understood; a filter with an error is ignored."""
    form.validate()
    ok = {name: form[name].data for name in FinderForm.FILTERS if not form[name].errors}
    age_from, age_to = ok.get("age_from"), ok.get("age_to")
    if age_from is not None and age_to is not None and age_from > age_to:
        form.age_to.errors = [*form.age_to.errors, AGE_ORDER]
        age_from = age_to = None
    return queries.TwinFilters(
        territory_id=int(ok["territory"]) if ok.get("territory") else None,
        country=ok.get("country") or None,
        language=ok.get("language") or None,
        age_from=age_from,
        age_to=age_to,
        theme_id=int(ok["theme"]) if ok.get("theme") else None,
    )


def _page(args: MultiDict) -> int:
    return bounded_int(args.get("page"), 1, 99_999, default=1)


def finder_context(user: User, args: MultiDict) -> dict:
    """Everything the finder template shows."""
    form = _form(user, args)
    filters = _filters(form)
    results = queries.twin_candidates(user, filters, _page(args))
    active = {
        name: args.get(name)
        for name in FinderForm.FILTERS
        if args.get(name) and not form[name].errors
    }
    mine = list(
        db.session.scalars(
            db.select(Group)
            .where(Group.id.in_(led_group_ids(user)), Group.is_sandbox.is_(False))
            .order_by(Group.name)
        )
    )
    return {
        "form": form,
        "results": results,
        "active": active,
        "group_themes": themes_by_group([g.id for g in results.items] + [g.id for g in mine]),
        "mine": mine,
        "ignored": [form[name] for name in FinderForm.FILTERS if form[name].errors],
    }
