"""Synthetic exchanges, rounds, stories with their blocks, media, reactions, comments, index."""

import random
from datetime import UTC, date, datetime, time, timedelta

from storyhub.core.timezones import end_of_day, start_of_day
from storyhub.search.text import fold_text
from storyhub.synthetic import words
from storyhub.synthetic.people import SyntheticGroup

FIRST_DAY = date(2023, 1, 9)
DAYS = 1390  # rounds open between early 2023 and late 2026
# (status, weight) of a story; only approved stories of public exchanges are public
STORY_STATUSES = (
    ("approved", 85),
    ("submitted", 5),
    ("draft", 4),
    ("changes_requested", 3),
    ("unpublished", 2),
    ("rejected", 1),
)
_FOLDED: dict[str, str] = {}


def folded(sentence: str) -> str:
    """fold_text, remembered: the same few sentences come back a million times."""
    if sentence not in _FOLDED:
        _FOLDED[sentence] = fold_text(sentence)
    return _FOLDED[sentence]


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 20), rng.randint(0, 59)), tzinfo=UTC)


class ContentMaker:
    """Writes exchanges until the number of stories asked for is reached."""

    def __init__(self, writer, rng, groups: list[SyntheticGroup], theme_ids, pictures):
        self.writer, self.rng, self.groups = writer, rng, groups
        self.theme_ids, self.pictures = theme_ids, pictures
        self.statuses = [s for s, _ in STORY_STATUSES]
        self.weights = [w for _, w in STORY_STATUSES]

    def run(self, stories: int, progress=None) -> None:
        """Exchanges, each with rounds and stories, until `stories` stories exist."""
        left = stories
        while left > 0:
            left -= self.exchange(left)
            if progress:
                progress(stories - left)

    def _pair(self) -> tuple[SyntheticGroup, SyntheticGroup]:
        a = self.rng.choice(self.groups)
        for _ in range(10):
            b = self.rng.choice(self.groups)
            if b.territory_id != a.territory_id:
                return a, b
        return a, b

    def exchange(self, budget: int) -> int:
        """One exchange, public (most), private, invited or declined; its stories written."""
        rng, w = self.rng, self.writer
        a, b = self._pair()
        kind = rng.random()
        public = kind < 0.78
        status = "active" if kind < 0.9 else ("invited" if kind < 0.95 else "declined")
        if public and rng.random() < 0.4:
            status = "closed"
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        published = _at(start + timedelta(days=20), rng) if public else None
        eid = w.new_id("exchange")
        title = rng.choice(words.EXCHANGE_TITLES).format(a=f"#{a.id}", b=f"#{b.id}")
        w.add("exchange", self._exchange_row(eid, title, a, b, status, start, published))
        for theme_id in rng.sample(self.theme_ids, min(len(self.theme_ids), rng.randint(1, 2))):
            w.add("exchange_theme", {"exchange_id": eid, "theme_id": theme_id})
        if status in ("invited", "declined"):
            return 0
        written = 0
        for number in range(rng.randint(1, 4)):
            if written >= budget:
                break
            opens = start + timedelta(days=30 * number)
            written += self.round(eid, a, b, opens, public, budget - written)
        return written

    def _exchange_row(self, eid, title, a, b, status, start, published) -> dict:
        answered = _at(start, self.rng) if status != "invited" else None
        return {
            "id": eid,
            "title": title[:160],
            "description": " ".join(self.rng.sample(words.SENTENCES, 2)),
            "languages": ",".join(sorted(set(a.languages) | set(b.languages))),
            "starts_on": start,
            "ends_on": start + timedelta(days=150),
            "status": status,
            "inviting_group_id": a.id,
            "invited_group_id": b.id,
            "invited_by_id": a.educator_id,
            "invitation_message": "",
            "answered_by_id": b.educator_id if answered else None,
            "answered_at": answered,
            "decline_reason": "",
            "closed_at": published + timedelta(days=200) if status == "closed" else None,
            "inviting_published_at": published,
            "inviting_published_by_id": a.educator_id if published else None,
            "invited_published_at": published,
            "invited_published_by_id": b.educator_id if published else None,
            "featured_at": published if published and self.rng.random() < 0.01 else None,
            "created_at": _at(start - timedelta(days=7), self.rng),
        }

    def round(self, eid, a, b, opens: date, public: bool, budget: int) -> int:
        """A round and the stories both sides wrote for it."""
        rid = self.writer.new_id("round")
        self.writer.add(
            "round",
            {
                "id": rid,
                "exchange_id": eid,
                "question": self.rng.choice(words.QUESTIONS),
                "guidance": "",
                "opens_on": opens,
                "closes_on": opens + timedelta(days=28),
                "time_zone": "UTC",
                "opens_at": start_of_day(opens, "UTC"),
                "closes_at": end_of_day(opens + timedelta(days=28), "UTC"),
                "proposed_by_id": a.educator_id,
                "created_at": _at(opens - timedelta(days=3), self.rng),
            },
        )
        written, earlier = 0, {a.id: [], b.id: []}
        for side, twin in ((a, b), (b, a)) * 3:
            if written >= budget:
                break
            if self.rng.random() < 0.55:
                replies = earlier[twin.id] and self.rng.random() < 0.2
                reply_to = self.rng.choice(earlier[twin.id]) if replies else None
                story_id = self.story(rid, side, twin, opens, public, reply_to)
                earlier[side.id].append(story_id)
                written += 1
        return written

    def story(self, rid, side, twin, opens: date, public: bool, reply_to) -> int:
        """A story with its authors, themes, blocks (text, sometimes a photo) and responses."""
        rng, w = self.rng, self.writer
        sid = w.new_id("story")
        status = rng.choices(self.statuses, self.weights)[0]
        written = _at(opens + timedelta(days=rng.randrange(25)), rng)
        published = written + timedelta(days=2) if status in ("approved", "unpublished") else None
        authors = rng.sample(side.young_ids, rng.choice((1, 1, 2, 3)))
        title = (rng.choice(words.TITLES) + rng.choice(words.TITLE_ENDINGS))[:200]
        w.add(
            "story",
            {
                "id": sid,
                "round_id": rid,
                "group_id": side.id,
                "in_reply_to_id": reply_to,
                "created_by_id": authors[0],
                "title": title,
                "language": side.languages[0] if rng.random() < 0.85 else rng.choice(("fr", "en")),
                "status": status,
                "feedback": "",
                "created_at": written,
                "updated_at": published or written,
                "submitted_at": written if status != "draft" else None,
                "published_at": published,
            },
        )
        for user_id in authors:
            w.add("story_author", {"story_id": sid, "user_id": user_id})
        if rng.random() < 0.5:
            w.add("story_theme", {"story_id": sid, "theme_id": rng.choice(self.theme_ids)})
        texts = self.blocks(sid, side, authors[0], written)
        if status == "approved":
            self.moderation(sid, side, written + timedelta(days=2))
            self.responses(sid, twin, written)
            if public:
                self.search_document(sid, title, texts, published)
        return sid

    def blocks(self, sid: int, side, uploader: int, written: datetime) -> list[tuple[str, str]]:
        """1-3 paragraphs, a photo in 3 stories out of 10; [(text, folded)] for the index."""
        rng, w, texts = self.rng, self.writer, []
        for position in range(rng.randint(1, 3)):
            sentences = rng.sample(words.SENTENCES, rng.randint(2, 4))
            body = " ".join(sentences)
            texts.append((body, " ".join(folded(s) for s in sentences)))
            w.add("block", self._block(sid, position, "text", f"<p>{body}</p>", "", None))
        if rng.random() < 0.3:
            media_id, alt = self.media(sid, side, uploader, written)
            w.add("block", self._block(sid, len(texts), "image", "", "", media_id))
            texts.append((alt, folded(alt)))
        return texts

    def _block(self, sid, position, kind, body_html, text, media_id) -> dict:
        return {
            "id": self.writer.new_id("block"),
            "story_id": sid,
            "position": position,
            "kind": kind,
            "body_html": body_html,
            "text": text,
            "attribution": "",
            "media_id": media_id,
        }

    def media(self, sid: int, side, uploader: int, written: datetime) -> tuple[int, str]:
        """A ready photo row pointing at one of the few shared files (no file per row)."""
        mid = self.writer.new_id("media_item")
        picture = self.rng.choice(self.pictures)
        alt = self.rng.choice(words.ALT_TEXTS)
        self.writer.add(
            "media_item",
            {
                "id": mid,
                "kind": "image",
                "status": "ready",
                "uploader_id": uploader,
                "group_id": side.id,
                "story_id": sid,
                "storage_key": f"synthetic-{mid}",
                "width": picture["width"],
                "height": picture["height"],
                "alt_text": alt,
                "caption": "",
                "renditions": picture["renditions"],
                "blur_regions": [],
                "face_regions": [],
                "processed_at": written,
                "created_at": written,
            },
        )
        return mid, alt

    def moderation(self, sid: int, side, when: datetime) -> None:
        """The approval, in the moderation log."""
        self.writer.add(
            "moderation_entry",
            {
                "id": self.writer.new_id("moderation_entry"),
                "target_type": "story",
                "target_id": sid,
                "group_id": side.id,
                "actor_id": side.educator_id,
                "action": "approve",
                "from_status": "submitted",
                "to_status": "approved",
                "reason": "",
                "created_at": when,
            },
        )

    def responses(self, sid: int, twin, written: datetime) -> None:
        """Reactions and sometimes an approved comment from the twin group's young people."""
        rng, w = self.rng, self.writer
        when = written + timedelta(days=5)
        for user_id in rng.sample(twin.young_ids, rng.choice((0, 0, 1, 1, 2, 3))):
            w.add(
                "reaction",
                {
                    "id": w.new_id("reaction"),
                    "story_id": sid,
                    "user_id": user_id,
                    "kind": rng.choice(("learned", "same_here", "thank_you", "question")),
                    "created_at": when,
                },
            )
        if rng.random() < 0.35:
            w.add(
                "comment",
                {
                    "id": w.new_id("comment"),
                    "story_id": sid,
                    "author_id": rng.choice(twin.young_ids),
                    "group_id": twin.id,
                    "parent_id": None,
                    "body": rng.choice(words.COMMENTS),
                    "status": "approved",
                    "reason": "",
                    "moderated_by_id": twin.educator_id,
                    "moderated_at": when,
                    "created_at": when,
                },
            )

    def search_document(self, sid: int, title: str, texts, published: datetime) -> None:
        """The index row search would write for this public story."""
        self.writer.add(
            "search_document",
            {
                "story_id": sid,
                "title": title,
                "body": "\n".join(text for text, _ in texts),
                "terms_title": folded(title),
                "terms_body": " ".join(terms for _, terms in texts),
                "indexed_at": published,
            },
        )
