"""Text normalisation for search, the same at index and query time on every database.

`fold(word)` is the one normalisation: lower case, accents and ligatures removed (NFKD, then
combining marks dropped; œ→oe, æ→ae, ß→ss), then a light French/English plural folding:
a trailing "s" or "x" is dropped, then a trailing "e", and a final consonant + "y" becomes
"i". So "écoles", "ecoles", "école" and "ecole" all fold to "ecol"; "jeux" to "jeu";
"stories" and "story" to "stori"; "boxes" and "box" to "box". Words of three letters or
fewer are kept whole ("les", "bus"). It is deliberately not a stemmer: it only makes the
singular and plural of a word meet, and it never needs a dictionary.
"""

import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser

from markupsafe import Markup, escape

# A word: letters and digits (no underscore), with the combining marks that may follow them
# (Latin, Hebrew and Arabic), so that decomposed or vocalised text is not cut mid-word.
WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670])*")
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ı": "i", "ł": "l", "ø": "o"})
VOWELS = frozenset("aeiouy")
MAX_QUERY_TERMS = 12
SNIPPET_WORDS = 36
MARK, END_MARK = Markup("<mark>"), Markup("</mark>")


def strip_accents(text: str) -> str:
    """Lower case without accents or ligatures."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)  # the words of the stories shown repeat: folded once per process
def fold(word: str) -> str:
    """The searchable form of one word: unaccented, lower case, plural folded."""
    word = strip_accents(word)
    if len(word) <= 3:
        return word
    if word[-1] in "sx":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("y") and word[-2] not in VOWELS:
        word = word[:-1] + "i"
    return word


def fold_text(text: str) -> str:
    """Every word of text folded, separated by spaces: what the full-text index stores."""
    return " ".join(fold(word) for word in WORD.findall(unicodedata.normalize("NFC", text or "")))


def query_terms(query: str) -> list[str]:
    """The distinct folded words of a visitor's query, in order, at most MAX_QUERY_TERMS."""
    terms: list[str] = []
    for word in WORD.findall(unicodedata.normalize("NFC", query or "")):
        term = fold(word)
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_QUERY_TERMS]


class _TextExtractor(HTMLParser):
    """Collects the text of sanitised HTML, a space at every tag so words never glue."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (entities decoded), whitespace collapsed."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    return " ".join("".join(extractor.parts).split())


def highlight(text: str, terms: list[str]) -> Markup:
    """text escaped, with every word whose folded form is a query term wrapped in <mark>."""
    text = text or ""
    wanted = set(terms)
    out, last = [], 0
    for match in WORD.finditer(text):
        if fold(match.group()) in wanted:
            out += (escape(text[last : match.start()]), MARK, escape(match.group()), END_MARK)
            last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def snippet(text: str, terms: list[str], size: int = SNIPPET_WORDS) -> Markup:
    """A window of about `size` words around the first match, highlighted and escaped."""
    text = text or ""
    wanted = set(terms)
    words, first = [], None
    for match in WORD.finditer(text):
        if first is None and fold(match.group()) in wanted:
            first = len(words)
        words.append(match)
        if first is not None and len(words) > max(0, first - size // 3) + size:
            break  # one word past the window: the rest of a long story is not read
    if not words:
        return Markup("")
    start_word = max(0, (first or 0) - size // 3)
    end_word = min(len(words), start_word + size)
    start = 0 if start_word == 0 else words[start_word].start()
    end = len(text) if end_word == len(words) else words[end_word - 1].end()
    body = highlight(text[start:end], terms)
    prefix = Markup("… ") if start > 0 else Markup("")
    suffix = Markup(" …") if end < len(text) else Markup("")
    return prefix + body + suffix
