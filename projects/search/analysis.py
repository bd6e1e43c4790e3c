"""Lithuanian text analysis done in Python, for the SQLite backend and for highlighting.

The same steps as PostgreSQL's `lithuanian_unaccent` configuration: split into words, casefold,
strip diacritics, then the Snowball `lithuanian` stemmer. Diacritics are stripped *before*
stemming so that "moterų" and "moteru" reach the stemmer as the same string.
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

# Letters and digits; the underscore is a word character for `\w` but not for a reader.
WORD_RE = re.compile(r"[^\W_]+")

# A Snowball stemmer keeps the word it works on in the instance: one per thread, as a server
# with threads stems in several at once (a shared one mixes their words up and can fail).
_local = threading.local()


def lithuanian_stemmer():
    """This thread's Snowball Lithuanian stemmer."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("lithuanian")
    return stemmer


def strip_diacritics(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text):
    """Casefolded, without diacritics: "Moterų" -> "moteru"."""
    return strip_diacritics(text.casefold())


@functools.lru_cache(maxsize=65536)
def stem(word):
    """The index term of one word: folded, then stemmed ("projektą" -> "projekt")."""
    return stem_uncached(word)


def stem_uncached(word):
    return lithuanian_stemmer().stemWord(fold(word))


def words(text):
    return WORD_RE.findall(text)


def analyse(text):
    """The index terms of a text, in order, separated by spaces (what FTS5 stores)."""
    return " ".join(stem(word) for word in words(text))


def word_spans(text):
    """(start, end, term) for every word of `text`, for highlighting the original text."""
    return [(match.start(), match.end(), stem(match.group())) for match in WORD_RE.finditer(text)]
