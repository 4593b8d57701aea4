"""Property-based: any route, any role, hostile path values, query strings and form fields
(huge and negative numbers, NaN, control characters, mixed scripts) never answer 500.

The names sent are every field of every form and every name a view reads from the query string
or the form (found in the source, so a new route's parameters are sent without editing this
file), the story editor's block fields included. Path ids are hostile numbers, or the ids of
real objects (a public story, a draft, a picture, the group, the young person …), so that the
hostile values reach the code behind the 404.

Bounded: a few hundred requests per example, each a plain test-client call. Exceptions
propagate in tests: one would fail the example.
"""

import functools
import importlib
import pkgutil
import re
from pathlib import Path
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from wtforms.fields.core import UnboundField

import storyhub
from storyhub.accounts.models import User
from storyhub.core.forms import FlaskForm
from storyhub.extensions import db
from tests import factories
from tests.conftest import FreshGlobalsClient, login_as
from tests.search.helpers import add_media

ARGUMENT = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")
SKIPPED = ("static",)  # files on disk, not application code
ROLES = ("anonymous", "young", "educator", "admin")
# A name read from a request in the source: args.get("page"), form.getlist("people") …
READ_NAME = re.compile(r"""\b(args|form|values)\.get(?:list)?\(\s*["'](\w+)["']""")
BLOCK_FIELD = re.compile(r"""prefix\s*\+\s*["'](\w+)["']|\{prefix\}(\w+)""")
BLOCK_KINDS = ["text", "quote", "image", "audio", "video", "panorama"]


@functools.cache
def _names_read() -> dict[str, set[str]]:
    """Names the views read from the query string ("args") and the form ("form"), and the
    fields of an editor block ("block"), from the source."""
    found = {"args": set(), "form": set(), "block": set()}
    for path in Path(storyhub.__file__).parent.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for where, name in READ_NAME.findall(source):
            found["form" if where == "form" else "args"].add(name)
            if where == "values":
                found["form"].add(name)
        found["block"] |= {a or b for a, b in BLOCK_FIELD.findall(source)}
    found["block"] |= {"alt_text", "caption", "transcript"}  # read as prefix + name
    return found


BASE_QUERY = ["page", "per_page", "q", "year", "group", "type", "next", "code", "theme"]
BASE_QUERY += ["territory", "country", "language", "check", "kind", "sort", "status", "id"]
QUERY_NAMES = sorted(set(BASE_QUERY) | _names_read()["args"])

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(
        ["NaN", "-1", "0", "1e309", "²", "١٢", "\x01\x1b[31m", "\u202eevil", "аdmin", "ㅤ", "%00"]
    ),
)
NUMBER = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**31, 2**63, 10**30, -1, 0]),
).map(str)
HUGE = st.integers(min_value=100, max_value=4500).map(lambda n: "9" * n)
VALUE = st.one_of(HOSTILE_TEXT, NUMBER, HUGE)


def _rules(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED),
        key=lambda rule: (rule.rule, rule.endpoint),
    )


@functools.cache
def _form_field_names():
    """Every field name of every form of the site (each area's forms module imported first)."""
    for module in pkgutil.walk_packages(storyhub.__path__, "storyhub."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    names = set()
    stack = list(FlaskForm.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        names |= {n for n in dir(cls) if isinstance(getattr(cls, n, None), UnboundField)}
    names |= {"op", "body", "reason", "kind", "state", "next", "names"} | _names_read()["form"]
    blocks = {f"block-{n}-{field}" for n in (0, 1) for field in _names_read()["block"]}
    return sorted(names | blocks)


def _form_values():
    """A strategy for one form: hostile values everywhere, the blocks' kinds often real."""
    kinds = st.one_of(st.sampled_from(BLOCK_KINDS), VALUE)
    return st.fixed_dictionaries(
        {n: kinds if n.endswith("-kind") else VALUE for n in _form_field_names()}
    )


def _path(rule, number: str, text: str, pick_option: bool, real: dict | None = None) -> str:
    """The rule's URL with every argument filled: numbers where it takes numbers, text elsewhere;
    with `real`, the id (or slug) of a real object where one is known for the argument's name."""
    real = real or {}

    def value(match):
        converter, options, name = match.groups()
        if name in real:
            raw = str(real[name])
        elif converter in ("int", "api_id"):
            raw = number
        elif converter == "any" and pick_option:
            raw = options.split(",")[0].strip(" '\"")
        else:
            raw = text
        return quote(raw, safe="") or "x"

    return ARGUMENT.sub(value, rule.rule)


PICTURE = [
    {"name": f"w{w}.webp", "role": role, "format": "webp", "width": w, "height": w // 2}
    for w, role in ((480, "image"), (960, "image"), (960, "fallback"))
]
for _rendition in PICTURE:
    _rendition["key"] = f"ab/fuzz/{_rendition['name']}"


def make_world():
    """Each role's account, and under "ids" the ids and slugs of real objects by argument name.

    Made anew for each example: an earlier example may have closed the exchange, sent the
    draft for review or deleted the picture."""
    educator = factories.make_educator()
    group = factories.make_group(educator, factories.make_territory())
    young = factories.make_young(group)
    exchange = factories.make_exchange(group, public=True)
    round_ = factories.make_round(exchange)
    public = factories.make_story(round_, group, authors=[young], status="approved")
    draft = factories.make_story(round_, group, authors=[young], status="draft")
    picture = add_media(draft, renditions=PICTURE, uploader_id=young.id, alt_text="A square")
    theme = factories.make_theme()
    ids = {
        "group_id": group.id,
        "user_id": young.id,
        "exchange_id": exchange.id,
        "round_id": round_.id,
        "story_id": draft.id,
        "target_id": public.id,
        "media_id": picture.id,
        "territory_id": group.territory_id,
        "theme_id": theme.id,
        "slug": group.territory.slug,
        "lang": "en",
        "number": 1,
    }
    return {
        "anonymous": None,
        "young": young,
        "educator": educator,
        "admin": factories.make_admin(),
        "ids": ids,
    }


ENDS = re.compile(
    r"delete|remove|close|withdraw|decline|unpublish|reject|refuse|logout|sign-out|<any"
)


def _requests(app):
    """(method, rule) of every route: reading first, then writing, ending or removing last, so
    that the real objects of an example are there for most requests."""
    pairs = [(method, rule) for rule in _rules(app) for method in rule.methods & {"GET", "POST"}]
    return sorted(
        pairs, key=lambda p: (p[0] == "POST", bool(ENDS.search(p[1].rule)), p[1].rule, p[0])
    )


def _sign_in(client, user) -> None:
    """Sign the client in as the account as it is now: an earlier request (the sign-out, a
    password change) bumped its session version, and a stale one would leave every later route
    tried as an anonymous visitor."""
    if user is None:
        return
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user is not None and user.is_active, "a request deleted or suspended the account"
    login_as(client, user)


@settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the failures list says it all
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    role=st.sampled_from(ROLES),
    number=st.one_of(NUMBER, HUGE),
    text=VALUE,
    pick_option=st.booleans(),
    real=st.booleans(),
    query=st.fixed_dictionaries({n: VALUE for n in QUERY_NAMES}),
    form=_form_values(),
)
@example(  # always tried first, before the random ones: the values that broke pages before
    role="educator",
    number=str(2**63),
    text="\u202e\x01",
    pick_option=True,
    real=False,
    query={n: str(2**63) for n in QUERY_NAMES},
    form={n: "9" * 4000 for n in _form_field_names()},
)
@example(  # real ids: the hostile values reach the forms behind the 404 (the editor's blocks)
    role="young",
    number="-1",
    text="\x01\u202e",
    pick_option=True,
    real=True,
    query={n: "9" * 4000 for n in QUERY_NAMES},
    form={n: "text" if n.endswith("-kind") else "NaN\x01" for n in _form_field_names()},
)
@example(
    role="educator",
    number="0",
    text="NaN",
    pick_option=True,
    real=True,
    query={n: "-1" for n in QUERY_NAMES},
    form={n: "image" if n.endswith("-kind") else "9" * 4000 for n in _form_field_names()},
)
@example(
    role="admin",
    number="9" * 5000,
    text="аdmin\n",
    pick_option=False,
    real=False,
    query={n: "9" * 4000 for n in QUERY_NAMES},
    form={n: "-1" for n in _form_field_names()},
)
def test_no_route_answers_500_to_hostile_input(
    app, role, number, text, pick_option, real, query, form
):
    """Each example: one role and one set of hostile values, sent to every route and method
    (every GET first, then the POSTs, those that end or remove something last)."""
    # Each request with an empty `g`: the signed-in user cached there by one request would
    # otherwise be every later request's, whoever the client signs in as.
    app.test_client_class = FreshGlobalsClient
    people, failures = make_world(), []
    if people[role] is not None:  # the role's routes are tried signed in, not as a visitor
        client = app.test_client()
        _sign_in(client, people[role])
        assert "/login" not in client.get("/dashboard").headers.get("Location", "")
    for method, rule in _requests(app):
        path = _path(rule, number, text, pick_option, people["ids"] if real else None)
        client = app.test_client()  # no cookie of the previous request
        _sign_in(client, people[role])
        url = f"{path}?{urlencode(query)}"
        try:
            response = client.open(url, method=method, data=form if method == "POST" else None)
            status = response.status_code
        except Exception as error:  # noqa: BLE001 - propagated by the test app: a 500
            status = f"{type(error).__name__}: {str(error)[:120]}"
        if not isinstance(status, int) or status >= 500:
            failures.append((method, url[:120], status))
    assert failures == [], (role, failures)


def test_the_names_sent_include_every_name_a_view_reads():
    """The scan of the source finds the parameters of recent routes (the impact page's
    statements, the API's cursor, the pair page's translation, the editor's blocks)."""
    assert {"cursor", "translation", "round", "page", "q"} <= set(QUERY_NAMES)
    form = set(_form_field_names())
    assert {"reflection", "thoughts", "own_agreement", "observed_on", "unselect"} <= form
    assert {"block-0-kind", "block-0-text", "block-0-media_id", "block-1-caption"} <= form
