"""Photos, sounds and 360° panoramas for the demo stories, made in code and sent through the
real upload pipeline (content sniffing, metadata stripping, renditions, face suggestions).

Each story gets its media once: a story that already shows a file is left as it is, so
`flask seed-demo` stays safe to run again (and completes an older demo database).
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO

from flask import current_app

from storyhub import demo_art
from storyhub.demo_sound import demo_sound, demo_video
from storyhub.extensions import db
from storyhub.media.models import PICTURE_KINDS, MediaItem
from storyhub.media.services import create_media, set_captions, set_people
from storyhub.stories.models import Block, Story


@dataclass
class DemoMedia:
    """One file to place in a story: its kind, how to make it, its words, who appears."""

    kind: str
    make: Callable[[], bytes]
    at: int  # position among the story's blocks once placed
    alt_text: str = ""
    caption: str = ""
    transcript: str = ""
    people: list[str] = field(default_factory=list)  # display names; [] = no one recognisable
    captions: str = ""  # WebVTT, for videos


AMBIENT = "[Sons d’ambiance enregistrés pour la démo, sans paroles] "
BARGE_CAPTIONS = """WEBVTT

00:00.000 --> 00:03.000
[Les vagues du lagon contre la coque]

00:03.000 --> 00:06.000
[Le moteur de la barge ronronne]
"""

MEDIA = {
    "Le marché des Capucins, le dimanche": [
        DemoMedia(
            "image",
            demo_art.market_photo,
            0,
            "Le marché des Capucins un dimanche matin : quatre étals sous des auvents rayés "
            "rouge, vert, bleu et jaune, des cageots d’oranges, de tomates et de pommes, des "
            "façades de pierre claire au fond ; Léa et Yanis, vus de dos, au premier plan.",
            "Le dimanche matin aux Capucins.",
            people=["Léa", "Yanis"],
        ),
        DemoMedia(
            "audio",
            lambda: demo_sound("market"),
            2,
            caption="Le marché, les yeux fermés (14 secondes)",
            transcript=AMBIENT + "Le murmure des voix du marché monte et redescend. Deux fois, "
            "au loin, la cloche du tramway sonne deux notes.",
        ),
        DemoMedia(
            "panorama",
            demo_art.quays_panorama,
            5,
            "Vue à 360° depuis le miroir d’eau, sur les quais, au coucher du soleil : d’un côté "
            "les façades de pierre claire et leurs réverbères, de l’autre le pont de pierre et "
            "ses arches au-dessus de la Garonne ; le ciel orangé se reflète dans l’eau.",
            "Les quais, le soir, là où on se retrouve après le marché.",
        ),
    ],
    "La barge de 7 heures": [
        DemoMedia(
            "image",
            demo_art.lagoon_photo,
            0,
            "La barge blanche et bleue traverse le lagon au lever du soleil ; derrière, les "
            "collines violettes de Grande-Terre se reflètent dans l’eau calme, deux cocotiers "
            "au premier plan.",
            "La barge de 7 heures, vue du quai.",
        ),
        DemoMedia(
            "audio",
            lambda: demo_sound("sea"),
            2,
            caption="Sur le pont de la barge (14 secondes)",
            transcript=AMBIENT + "Les vagues du lagon frappent la coque toutes les quatre ou "
            "cinq secondes ; en dessous, le ronronnement grave du moteur.",
        ),
        DemoMedia(
            "video",
            lambda: demo_video(demo_art.lagoon_photo()),
            4,
            caption="La barge approche du quai (6 secondes, sous-titrée)",
            transcript=AMBIENT + "La caméra glisse sur le lagon vers la barge blanche et bleue ; "
            "on entend les vagues contre la coque et le moteur.",
            captions=BARGE_CAPTIONS,
        ),
        DemoMedia(
            "panorama",
            demo_art.lagoon_panorama,
            6,
            "Vue à 360° depuis le pont de la barge, au milieu du lagon : l’eau turquoise tout "
            "autour, Petite-Terre d’un côté, les collines vertes de Grande-Terre de l’autre, "
            "le soleil bas et quelques nuages.",
            "Au milieu du lagon, entre Petite-Terre et Grande-Terre.",
        ),
    ],
    "Les pirogues de Guet Ndar": [
        DemoMedia(
            "image",
            demo_art.pirogues_photo,
            0,
            "Cinq pirogues peintes en rouge, bleu, jaune et vert tirées sur le sable à l’aube, "
            "la mer calme derrière elles.",
            "Les pirogues avant le départ.",
        ),
    ],
    "Swimming at the Lee Fields": [
        DemoMedia(
            "image",
            demo_art.terraces_photo,
            0,
            "Rows of terraced houses painted red, yellow, blue and green climb the hill above "
            "the River Lee, under a pale grey sky, with a church tower in the middle.",
            "The northside hill, seen from the river.",
        ),
    ],
}


@contextmanager
def _processed_in_the_request():
    """The demo waits for its files: process inline whatever the configured mode."""
    config = current_app.config
    mode = config.get("MEDIA_PROCESSING")
    config["MEDIA_PROCESSING"] = "inline"
    try:
        yield
    finally:
        config["MEDIA_PROCESSING"] = mode


def seed_demo_media() -> int:
    """Give the demo stories their files; return how many files were made."""
    made = 0
    stories = db.session.scalars(db.select(Story).where(Story.title.in_(list(MEDIA))))
    with _processed_in_the_request():
        for story in stories:
            if any(block.media_id for block in story.blocks):
                continue
            for spec in MEDIA[story.title]:
                _place(story, spec)
                made += 1
    return made


def _place(story: Story, spec: DemoMedia) -> MediaItem:
    """Upload one file as the story's first author would, then show it in a block."""
    uploader = story.authors[0] if story.authors else story.group.educators[0]
    media = create_media(
        uploader,
        story.group,
        spec.kind,
        BytesIO(spec.make()),
        story=story,
        alt_text=spec.alt_text,
        caption=spec.caption,
        transcript=spec.transcript,
    )
    by_name = {member.display_name: member for member in story.group.members}
    people = [by_name[name] for name in spec.people if name in by_name]
    set_people(media, people)
    media.nobody_recognisable = spec.kind in (*PICTURE_KINDS, "video") and not spec.people
    if spec.captions:
        set_captions(media, spec.captions)
    blocks = sorted(story.blocks, key=lambda b: b.position)
    blocks.insert(min(spec.at, len(blocks)), Block(kind=spec.kind, media_id=media.id))
    story.blocks = blocks
    for position, block in enumerate(blocks):
        block.position = position
    db.session.commit()
    return media


# Portals between the two places: (story here, story over there, where the door stands in each).
PORTALS = [("Le marché des Capucins, le dimanche", "La barge de 7 heures", 90, -90)]


def seed_demo_portals() -> int:
    """Join the demo panoramas of the two sides by their portals, as an educator of the first
    side would (through the service and its rules); return how many were placed."""
    from storyhub.media_pages.portals import place_portal, portal_of

    placed = 0
    for here_title, there_title, yaw_here, yaw_there in PORTALS:
        here, there = (_panorama_of(title) for title in (here_title, there_title))
        if here is None or there is None or portal_of(here) or portal_of(there):
            continue
        place_portal(here.group.educators[0], here, there.id, yaw_here, yaw_there)
        placed += 1
    return placed


def _panorama_of(title: str) -> MediaItem | None:
    query = (
        db.select(MediaItem)
        .join(Story, MediaItem.story_id == Story.id)
        .where(Story.title == title, MediaItem.kind == "panorama", MediaItem.status == "ready")
    )
    return db.session.scalars(query).first()


# The admin's picture of each place (what the home page, the directory and the places show):
# painted scenes of their own, never a young person's story photo.
TERRITORY_PICTURES = {
    "bordeaux-fr": (
        lambda: demo_art.market_photo(seed=11),
        "Les quais de Bordeaux un matin de marché, étals colorés sous les auvents (peinture)",
    ),
    "mamoudzou-yt": (
        lambda: demo_art.lagoon_photo(seed=12),
        "Le lagon de Mamoudzou au lever du soleil, la barge et les collines (peinture)",
    ),
    "saint-louis-sn": (
        lambda: demo_art.pirogues_photo(seed=13),
        "Pirogues peintes sur la plage de Saint-Louis à l'aube (peinture)",
    ),
    "cork-ie": (
        lambda: demo_art.terraces_photo(seed=14),
        "Maisons colorées en terrasses au-dessus de la rivière, à Cork (peinture)",
    ),
}


def seed_territory_pictures(admin) -> int:
    """Give each demo place without a picture its admin picture; return how many were set."""
    from storyhub.browse.services import set_territory_picture
    from storyhub.territories.models import Territory

    made = 0
    for slug, (paint, alt_text) in TERRITORY_PICTURES.items():
        territory = db.session.scalar(db.select(Territory).filter_by(slug=slug))
        if territory is not None and territory.picture is None:
            set_territory_picture(territory, admin, BytesIO(paint()), alt_text)
            made += 1
    return made
