"""Synthetic exchanges, rounds, stories with their blocks, media, reactions, comments, index.

This is the hot path of `flask generate-data` (about ten rows per story, ten million at a
million stories): rows are tuples appended to the writer's buffers, random draws are made
from `random()` by arithmetic (the `randint`/`choice`/`sample` helpers cost a microsecond
each in Python), times are whole seconds turned into text by table lookups (bulk.Clock).
"""

import bisect
import random
from datetime import date
from itertools import accumulate, permutations

from storyhub.search.text import fold_text
from storyhub.synthetic import words
from storyhub.synthetic.bulk import Clock, json_text
from storyhub.synthetic.people import SyntheticGroup

FIRST_DAY = date(2023, 1, 9)
DAYS = 1390  # rounds open between early 2023 and late 2026
DAY = 86400
# (status, weight) of a story; only approved stories of public exchanges are public
STORY_STATUSES = (
    ("approved", 85),
    ("submitted", 5),
    ("draft", 4),
    ("changes_requested", 3),
    ("unpublished", 2),
    ("rejected", 1),
)
REACTIONS = ("learned", "same_here", "thank_you", "question")
AUTHORS = (1, 1, 2, 3)  # how many young people write a story together
REACTING = (0, 0, 1, 1, 2, 3)  # how many of the twin group react to an approved story
_FOLDED: dict[str, str] = {}

# The column order of the tuples each table's rows are made of (bulk.BulkWriter.table).
EXCHANGE = (
    "id title description languages starts_on ends_on status inviting_group_id invited_group_id"
    " invited_by_id invitation_message answered_by_id answered_at decline_reason closed_at"
    " inviting_published_at inviting_published_by_id invited_published_at"
    " invited_published_by_id featured_at created_at"
)
ROUND = (
    "id exchange_id question guidance opens_on closes_on time_zone opens_at closes_at"
    " proposed_by_id created_at"
)
STORY = (
    "id round_id group_id in_reply_to_id created_by_id title language status feedback"
    " created_at updated_at submitted_at published_at"
)
BLOCK = "id story_id position kind body_html text attribution media_id"
MEDIA_ITEM = (
    "id kind status uploader_id group_id story_id storage_key width height alt_text caption"
    " renditions blur_regions face_regions processed_at created_at"
)
MODERATION_ENTRY = (
    "id target_type target_id group_id actor_id action from_status to_status reason created_at"
)
REACTION = "id story_id user_id kind created_at"
COMMENT = (
    "id story_id author_id group_id parent_id body status reason moderated_by_id moderated_at"
    " created_at"
)
SEARCH_DOCUMENT = "story_id title body terms_title terms_body indexed_at"


def folded(sentence: str) -> str:
    """fold_text, remembered: the same few sentences come back a million times."""
    if sentence not in _FOLDED:
        _FOLDED[sentence] = fold_text(sentence)
    return _FOLDED[sentence]


class Draws:
    """Random draws made by arithmetic on one `random()` each, with the distributions of the
    `random` helpers they replace."""

    def __init__(self, rng: random.Random):
        self.random = rng.random
        self._orders: dict[tuple[int, int], list[tuple[int, ...]]] = {}

    def pick(self, items):
        """rng.choice."""
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """rng.randint (both ends included)."""
        return low + int(self.random() * (high - low + 1))

    def sample(self, items, k: int) -> list:
        """rng.sample of a short sequence: one draw among every ordered choice of k items."""
        orders = self._orders.get((len(items), k))
        if orders is None:
            orders = self._orders[len(items), k] = list(permutations(range(len(items)), k))
        return [items[i] for i in orders[int(self.random() * len(orders))]]

    def distinct(self, count: int, k: int) -> list[int]:
        """k distinct positions among count, in drawn order (rng.sample(range(count), k))."""
        random_, chosen = self.random, []
        while len(chosen) < k:
            position = int(random_() * count)
            if position not in chosen:
                chosen.append(position)
        return chosen


class ContentMaker:
    """Writes exchanges until the number of stories asked for is reached."""

    def __init__(self, writer, rng, groups: list[SyntheticGroup], theme_ids, pictures):
        self.writer, self.rng, self.groups = writer, rng, groups
        self.draw = Draws(rng)
        self.theme_ids = theme_ids
        self.clock = Clock(writer.dialect)
        self.first_day = self.clock.number(FIRST_DAY)
        self.statuses = [s for s, _ in STORY_STATUSES]
        self.weights = list(accumulate(w for _, w in STORY_STATUSES))
        self.sentences = [(s, folded(s)) for s in words.SENTENCES]
        self.pictures = [self._picture(p) for p in pictures]
        tables = writer.tables
        self.blur_regions = json_text(tables["media_item"].c.blur_regions, [], writer.dialect)
        self.face_regions = json_text(tables["media_item"].c.face_regions, [], writer.dialect)
        self.alt_texts = [(alt, folded(alt)) for alt in words.ALT_TEXTS]
        table = writer.table
        self.exchanges = table("exchange", EXCHANGE)
        self.exchange_themes = table("exchange_theme", "exchange_id theme_id")
        self.rounds = table("round", ROUND)
        self.stories = table("story", STORY)
        self.story_authors = table("story_author", "story_id user_id")
        self.story_themes = table("story_theme", "story_id theme_id")
        self.media_items = table("media_item", MEDIA_ITEM)
        self.blocks_ = table("block", BLOCK)
        self.reactions = table("reaction", REACTION)
        self.comments = table("comment", COMMENT)
        self.moderation_entries = table("moderation_entry", MODERATION_ENTRY)
        self.search_documents = table("search_document", SEARCH_DOCUMENT)

    def _picture(self, picture: dict) -> tuple[int, int, str]:
        column = self.writer.tables["media_item"].c.renditions
        renditions = json_text(column, picture["renditions"], self.writer.dialect)
        return picture["width"], picture["height"], renditions

    def run(self, stories: int, progress=None) -> None:
        """Exchanges, each with rounds and stories, until `stories` stories exist."""
        left = stories
        while left > 0:
            left -= self.exchange(left)
            self.writer.flush_if_full()
            if progress:
                progress(stories - left)

    def _at(self, day: int) -> int:
        """An instant between 07:00 and 20:59 (UTC) of a day, to the minute."""
        return day * DAY + 25200 + int(self.draw.random() * 840) * 60

    def _pair(self) -> tuple[SyntheticGroup, SyntheticGroup]:
        a = self.draw.pick(self.groups)
        for _ in range(10):
            b = self.draw.pick(self.groups)
            if b.territory_id != a.territory_id:
                return a, b
        return a, b

    def exchange(self, budget: int) -> int:
        """One exchange, public (most), private, invited or declined; its stories written."""
        draw, ids = self.draw, self.writer.ids
        a, b = self._pair()
        kind = draw.random()
        public = kind < 0.78
        status = "active" if kind < 0.9 else ("invited" if kind < 0.95 else "declined")
        if public and draw.random() < 0.4:
            status = "closed"
        start = self.first_day + int(draw.random() * DAYS)
        published = self._at(start + 20) if public else None
        ids["exchange"] += 1
        eid = ids["exchange"]
        title = draw.pick(words.EXCHANGE_TITLES).format(a=f"#{a.id}", b=f"#{b.id}")
        self.exchanges.append(self._exchange_row(eid, title, a, b, status, start, published))
        for theme_id in draw.sample(self.theme_ids, min(len(self.theme_ids), draw.between(1, 2))):
            self.exchange_themes.append((eid, theme_id))
        if status in ("invited", "declined"):
            return 0
        written = 0
        for number in range(draw.between(1, 4)):
            if written >= budget:
                break
            written += self.round(eid, a, b, start + 30 * number, public, budget - written)
        return written

    def _exchange_row(self, eid, title, a, b, status, start, published) -> tuple:
        at, day, draw = self.clock.at, self.clock.day, self.draw
        answered = self._at(start) if status != "invited" else None
        published_at = at(published) if published else None
        return (
            eid,
            title[:160],
            " ".join(draw.sample(words.SENTENCES, 2)),
            ",".join(sorted(set(a.languages) | set(b.languages))),
            day(start),
            day(start + 150),
            status,
            a.id,
            b.id,
            a.educator_id,
            "",
            b.educator_id if answered else None,
            at(answered) if answered else None,
            "",
            at(published + 200 * DAY) if status == "closed" else None,
            published_at,
            a.educator_id if published else None,
            published_at,
            b.educator_id if published else None,
            published_at if published and draw.random() < 0.01 else None,
            self._at_text(start - 7),
        )

    def _at_text(self, day: int) -> str:
        return self.clock.at(self._at(day))

    def round(self, eid, a, b, opens: int, public: bool, budget: int) -> int:
        """A round and the stories both sides wrote for it."""
        draw, clock, ids = self.draw, self.clock, self.writer.ids
        ids["round"] += 1
        rid = ids["round"]
        self.rounds.append(
            (
                rid,
                eid,
                draw.pick(words.QUESTIONS),
                "",
                clock.day(opens),
                clock.day(opens + 28),
                "UTC",
                clock.at(opens * DAY),  # start_of_day in UTC
                clock.at((opens + 28) * DAY + DAY - 1),  # end_of_day in UTC: 23:59:59
                a.educator_id,
                self._at_text(opens - 3),
            )
        )
        written, earlier = 0, {a.id: [], b.id: []}
        random_ = draw.random
        for side, twin in ((a, b), (b, a)) * 3:
            if written >= budget:
                break
            if random_() < 0.55:
                replies = earlier[twin.id] and random_() < 0.2
                reply_to = draw.pick(earlier[twin.id]) if replies else None
                story_id = self.story(rid, side, twin, opens, public, reply_to)
                earlier[side.id].append(story_id)
                written += 1
        return written

    def story(self, rid, side, twin, opens: int, public: bool, reply_to) -> int:
        """A story with its authors, themes, blocks (text, sometimes a photo) and responses."""
        draw, at, ids = self.draw, self.clock.at, self.writer.ids
        random_ = draw.random
        ids["story"] += 1
        sid = ids["story"]
        status = self.statuses[bisect.bisect(self.weights, random_() * self.weights[-1])]
        written = self._at(opens + int(random_() * 25))
        published = written + 2 * DAY if status in ("approved", "unpublished") else None
        authors = draw.sample(side.young_ids, draw.pick(AUTHORS))
        title = (draw.pick(words.TITLES) + draw.pick(words.TITLE_ENDINGS))[:200]
        language = side.languages[0] if random_() < 0.85 else draw.pick(("fr", "en"))
        written_at = at(written)
        published_at = at(published) if published else None
        self.stories.append(
            (
                sid,
                rid,
                side.id,
                reply_to,
                authors[0],
                title,
                language,
                status,
                "",
                written_at,
                published_at or written_at,
                written_at if status != "draft" else None,
                published_at,
            )
        )
        self.story_authors.extend([(sid, user_id) for user_id in authors])
        if random_() < 0.5:
            self.story_themes.append((sid, draw.pick(self.theme_ids)))
        texts = self.blocks(sid, side, authors[0], written_at)
        if status == "approved":
            self.moderation(sid, side, at(written + 2 * DAY))
            self.responses(sid, twin, at(written + 5 * DAY))
            if public:
                self.search_document(sid, title, texts, published_at)
        return sid

    def blocks(self, sid: int, side, uploader: int, written_at: str) -> list[tuple[str, str]]:
        """1-3 paragraphs, a photo in 3 stories out of 10; [(text, folded)] for the index."""
        draw, ids, sentences, blocks = self.draw, self.writer.ids, self.sentences, self.blocks_
        texts = []
        for position in range(draw.between(1, 3)):
            chosen = [sentences[i] for i in draw.distinct(len(sentences), draw.between(2, 4))]
            body = " ".join([text for text, _ in chosen])
            texts.append((body, " ".join([terms for _, terms in chosen])))
            ids["block"] += 1
            blocks.append((ids["block"], sid, position, "text", f"<p>{body}</p>", "", "", None))
        if draw.random() < 0.3:
            media_id, alt = self.media(sid, side, uploader, written_at)
            ids["block"] += 1
            blocks.append((ids["block"], sid, len(texts), "image", "", "", "", media_id))
            texts.append(alt)
        return texts

    def media(self, sid: int, side, uploader: int, written_at: str) -> tuple[int, tuple]:
        """A ready photo row pointing at one of the few shared files (no file per row)."""
        ids = self.writer.ids
        ids["media_item"] += 1
        mid = ids["media_item"]
        width, height, renditions = self.draw.pick(self.pictures)
        alt = self.draw.pick(self.alt_texts)
        self.media_items.append(
            (
                mid,
                "image",
                "ready",
                uploader,
                side.id,
                sid,
                f"synthetic-{mid}",
                width,
                height,
                alt[0],
                "",
                renditions,
                self.blur_regions,
                self.face_regions,
                written_at,
                written_at,
            )
        )
        return mid, alt

    def moderation(self, sid: int, side, when: str) -> None:
        """The approval, in the moderation log."""
        ids = self.writer.ids
        ids["moderation_entry"] += 1
        self.moderation_entries.append(
            (
                ids["moderation_entry"],
                "story",
                sid,
                side.id,
                side.educator_id,
                "approve",
                "submitted",
                "approved",
                "",
                when,
            )
        )

    def responses(self, sid: int, twin, when: str) -> None:
        """Reactions and sometimes an approved comment from the twin group's young people."""
        draw, ids = self.draw, self.writer.ids
        for user_id in draw.sample(twin.young_ids, draw.pick(REACTING)):
            ids["reaction"] += 1
            self.reactions.append((ids["reaction"], sid, user_id, draw.pick(REACTIONS), when))
        if draw.random() < 0.35:
            ids["comment"] += 1
            self.comments.append(
                (
                    ids["comment"],
                    sid,
                    draw.pick(twin.young_ids),
                    twin.id,
                    None,
                    draw.pick(words.COMMENTS),
                    "approved",
                    "",
                    twin.educator_id,
                    when,
                    when,
                )
            )

    def search_document(self, sid: int, title: str, texts, published_at: str) -> None:
        """The index row search would write for this public story."""
        self.search_documents.append(
            (
                sid,
                title,
                "\n".join([text for text, _ in texts]),
                folded(title),
                " ".join([terms for _, terms in texts]),
                published_at,
            )
        )
