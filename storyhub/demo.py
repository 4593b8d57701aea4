"""Realistic demo data in French and English, for trying StoryHub locally.

Every piece is looked up before it is created, so `flask seed-demo` can run again safely.
"""

from datetime import date, timedelta

from storyhub.accounts.models import ROLE_ADMIN, ROLE_EDUCATOR, User
from storyhub.accounts.services import create_educator, new_young_person
from storyhub.core.models import utcnow
from storyhub.core.passwords import hash_password
from storyhub.core.text import normalize_username, slugify
from storyhub.extensions import db
from storyhub.groups.models import CONSENT_IMAGE, CONSENT_PARENTAL, Consent, Group
from storyhub.territories.models import Territory

ADMIN = ("admin@storyhub.example", "Camille Admin", "admin-demo-2026")
EDUCATOR_PASSWORD = "educator-demo-2026"
# An educator who has just signed up: waiting for the admin's verification, with the practice
# exchange open (what a new educator tries first; the admin's verification list shows them)
PENDING_EDUCATOR = ("Julien Roche", "julien.roche@mjc-lyon.example")
YOUNG_PASSWORD = "jeune-demo-26"

# slug, name, country, kind, latitude, longitude, presentation
TERRITORIES = [
    (
        "bordeaux-fr",
        "Bordeaux",
        "FR",
        "commune",
        44.84,
        -0.58,
        "Ville portuaire sur la Garonne, dans le sud-ouest de la France : quais, tramway, marchés.",
    ),
    (
        "mamoudzou-yt",
        "Mamoudzou",
        "YT",
        "commune",
        -12.78,
        45.23,
        "Chef-lieu de Mayotte, dans l'océan Indien : lagon, barges vers Petite-Terre, "
        "langue shimaoré.",
    ),
    (
        "saint-louis-sn",
        "Saint-Louis",
        "SN",
        "commune",
        16.03,
        -16.49,
        "Ancienne capitale du Sénégal, sur une île du fleuve : pêcheurs de Guet Ndar, "
        "pont Faidherbe.",
    ),
    (
        "cork-ie",
        "Cork",
        "IE",
        "commune",
        51.9,
        -8.47,
        "Ireland's second city, on the River Lee: a covered market, hills, and music in the pubs.",
    ),
]

# territory slug, group name, kind, ages, languages, join code, presentation, educator, young
# What the educators call their group among themselves (school, class): never shown publicly.
INTERNAL_NAMES = {"BORDEAUX": "4e B — Collège Jean Moulin"}

GROUPS = [
    (
        "bordeaux-fr",
        "Les Quais de Bordeaux",  # the public name; the class and school stay internal (below)
        "class",
        (13, 14),
        "fr,en",
        "BORDEAUX",
        "Une classe de 26 élèves près des quais. On aime le foot, le dessin et les marchés du "
        "dimanche.",
        ("Sophie Martin", "sophie.martin@college-bordeaux.example"),
        ["Léa", "Yanis", "Inès", "Tom"],
    ),
    (
        "mamoudzou-yt",
        "Club jeunes de Kawéni",
        "club",
        (14, 17),
        "fr,swb",
        "KAWENI26",
        "Le club se retrouve le mercredi après-midi : danse, vidéo, et sorties au lagon.",
        ("Anli Madi", "anli.madi@kaweni-club.example"),
        ["Nassim", "Faïza", "Ansufati"],
    ),
    (
        "saint-louis-sn",
        "Association Jeunesse Ndar",
        "association",
        (15, 19),
        "fr,wo",
        "NDARJEUN",
        "Des jeunes de Guet Ndar et de l'île qui racontent le fleuve, la pêche et la musique.",
        ("Awa Diop", "awa.diop@jeunesse-ndar.example"),
        ["Moussa", "Aminata", "Cheikh"],
    ),
    (
        "cork-ie",
        "Northside Youth Club",
        "club",
        (12, 16),
        "en,fr",
        "CORKYOUT",
        "We meet on Friday evenings: hurling, a small radio show, and French on Tuesdays.",
        ("Siobhán Murphy", "siobhan.murphy@northside-youth.example"),
        ["Aoife", "Cian", "Niamh"],
    ),
]


def seed_demo(with_media: bool = True) -> list[str]:
    """Create whatever demo data is missing; return the lines to print. `with_media`: also
    paint and upload the stories' photos, sounds and panoramas (a few seconds)."""
    created = db.session.scalar(db.select(User.id).filter_by(email=ADMIN[0])) is None
    admin = _adult(ROLE_ADMIN, ADMIN[1], ADMIN[0], ADMIN[2], None)
    territories = {row[0]: _territory(*row) for row in TERRITORIES}
    for slug, name, kind, ages, languages, code, text, (edu_name, edu_email), young in GROUPS:
        educator = _adult(ROLE_EDUCATOR, edu_name, edu_email, EDUCATOR_PASSWORD, admin)
        group = _group(territories[slug], name, kind, ages, languages, code, text, educator)
        for display_name in young:
            _young(group, display_name, _username(display_name, slug), educator)
    db.session.commit()
    from storyhub.demo_stories import seed_demo_exchanges, seed_demo_translation

    seed_demo_exchanges()
    from storyhub.demo_impact import seed_demo_impact

    seed_demo_impact()
    seed_demo_translation()
    if with_media:
        from storyhub.demo_media import (
            seed_demo_media,
            seed_demo_portals,
            seed_territory_pictures,
        )

        seed_demo_media()
        seed_demo_portals()
        seed_territory_pictures(admin)
    _pending_educator()  # last: the demo's real exchanges keep their numbers
    db.session.commit()
    head = "Demo data created." if created else "Demo data already present (completed if needed)."
    return [head, *credentials()]


def _adult(role: str, name: str, email: str, password: str, verifier: User | None) -> User:
    user = db.session.scalar(db.select(User).filter_by(email=email))
    if user is None:
        user = User(
            role=role, display_name=name, email=email, password_hash=hash_password(password)
        )
        user.verified_at = utcnow()
        user.verified_by_id = verifier.id if verifier else None
        db.session.add(user)
        db.session.flush()
    return user


def _pending_educator() -> None:
    """Signed up as any educator does (accounts.create_educator), then their practice exchange."""
    name, email = PENDING_EDUCATOR
    if db.session.scalar(db.select(User.id).filter_by(email=email)) is not None:
        return
    from storyhub.sandbox.services import create_sandbox

    user = create_educator(email, name, EDUCATOR_PASSWORD, "MJC de Lyon", locale="fr")
    create_sandbox(user)


def _territory(slug, name, country, kind, latitude, longitude, presentation) -> Territory:
    territory = db.session.scalar(db.select(Territory).filter_by(slug=slug))
    if territory is None:
        territory = Territory(
            slug=slug,
            name=name,
            country=country,
            kind=kind,
            latitude=latitude,
            longitude=longitude,
            presentation=presentation,
        )
        db.session.add(territory)
        db.session.flush()
    return territory


def _group(territory, name, kind, ages, languages, code, text, educator) -> Group:
    group = db.session.scalar(db.select(Group).filter_by(join_code=code))
    if group is None:
        group = Group(
            name=name,
            territory=territory,
            kind=kind,
            age_min=ages[0],
            age_max=ages[1],
            languages=languages,
            join_code=code,
            join_code_enabled=True,
            open_to_twinning=True,
            presentation=text,
        )
        group.educators.append(educator)
        db.session.add(group)
        db.session.flush()
    group.internal_name = group.internal_name or INTERNAL_NAMES.get(code, "")
    return group


def _young(group: Group, display_name: str, username: str, educator: User) -> None:
    key = normalize_username(username)
    if db.session.scalar(db.select(User.id).filter_by(username_key=key)) is not None:
        return
    member = new_young_person(group, display_name, username, YOUNG_PASSWORD)
    member.own_agreement_at = utcnow()  # demo stories are published: their authors said yes
    db.session.add(member)
    db.session.flush()
    signed_on = date.today() - timedelta(days=30)
    for kind in (CONSENT_PARENTAL, CONSENT_IMAGE):
        db.session.add(
            Consent(
                user_id=member.id,
                kind=kind,
                granted=True,
                given_on=signed_on,
                recorded_by_id=educator.id,
            )
        )


def _username(display_name: str, territory_slug: str) -> str:
    return f"{slugify(display_name)}.{territory_slug[:3]}"


def credentials() -> list[str]:
    """The demo sign-in lines (open http://127.0.0.1:5000/login)."""
    lines = [f"  admin      {ADMIN[0]} / {ADMIN[2]}"]
    for slug, name, *_rest, (_n, email), young in GROUPS:
        lines.append(f"  educator   {email} / {EDUCATOR_PASSWORD}   ({name})")
        users = ", ".join(_username(y, slug) for y in young)
        lines.append(f"  young      {users} / {YOUNG_PASSWORD}")
    lines.append(
        f"  pending    {PENDING_EDUCATOR[1]} / {EDUCATOR_PASSWORD}   (an educator waiting for"
        " verification, with a practice exchange)"
    )
    codes = ", ".join(f"{row[5][:4]}-{row[5][4:]}" for row in GROUPS)
    lines.append(f"  join codes {codes}")
    return lines
