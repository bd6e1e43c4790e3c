"""Snippets with highlighted matches: the source text is escaped, only <mark> is markup."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from projects.search.analysis import stem, word_spans

SNIPPET_WORDS = 30


def _exact_spans(text, phrase):
    pattern = re.compile(re.escape(phrase), re.IGNORECASE)
    return [(match.start(), match.end()) for match in pattern.finditer(text)]


def _term_spans(text, terms):
    return [(start, end) for start, end, term in word_spans(text) if term in terms]


def match_spans(text, criteria):
    if not text or not criteria.has_text:
        return []
    if criteria.exact:
        return _exact_spans(text, criteria.exact_phrase)
    terms = {stem(word) for word in criteria.parsed.all_words}
    return _term_spans(text, terms)


def _render(text, spans):
    pieces, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        pieces.append(escape(text[position:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of source text is escaped


def highlight(text, criteria):
    """The whole `text`, escaped, with the matched words in <mark>."""
    return _render(text, match_spans(text, criteria))


def snippet(text, criteria, *, words=SNIPPET_WORDS):
    """About `words` words of `text` around its first match, escaped, matches in <mark>.

    Returns None when `text` has no match."""
    spans = match_spans(text, criteria)
    if not spans:
        return None
    words_at = [match.start() for match in re.finditer(r"\S+", text)]
    first = spans[0][0]
    index = max(0, sum(1 for start in words_at if start <= first) - 1 - words // 3)
    start = words_at[index] if words_at else 0
    end_index = index + words
    end = words_at[end_index] if end_index < len(words_at) else len(text)
    window = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    body = _render(text[start:end].rstrip(), window)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - body is escaped above


def project_snippet(project, criteria):
    """The best snippet of a result: the excerpt's or the content's match, else the excerpt."""
    fields = [name for name in ("excerpt", "content") if name in criteria.fields]
    for name in fields:
        found = snippet(getattr(project, name), criteria)
        if found:
            return found
    plain = project.excerpt or project.content
    words = plain.split()
    text = " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")
    return escape(text)
