"""Web-search syntax: words, "quoted phrases" and -excluded words or -"phrases".

Every required word or phrase must match; an excluded one must not. Anything else in the
query (operators, brackets, stray quotes, control characters) is treated as a word separator,
so no user input reaches a database query language as syntax.
"""

from dataclasses import dataclass, field

from projects.search.analysis import words

# A longer query is cut: nobody types more, and each item costs an index lookup.
MAX_ITEMS = 32


@dataclass(frozen=True)
class ParsedQuery:
    # Each item is a tuple of words: one word, or the words of a quoted phrase.
    required: tuple = field(default_factory=tuple)
    excluded: tuple = field(default_factory=tuple)
    truncated: bool = False
    # The last required word is still being typed: match it as a prefix (live results).
    prefix: bool = False

    def __bool__(self):
        return bool(self.required or self.excluded)

    @property
    def all_words(self):
        return [word for item in self.required for word in item]


def parse_query(text, *, prefix=False):
    """Parse `text` into required and excluded items (tuples of words).

    `prefix`: the last word, when typed last and not in quotes, is matched as a prefix."""
    required, excluded = [], []
    position, length = 0, len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            position += 1
            continue
        negated = char == "-"
        if negated:
            position += 1
            if position >= length or text[position].isspace():
                continue
            char = text[position]
        if char == '"':
            closing = text.find('"', position + 1)
            end = length if closing == -1 else closing
            item = tuple(words(text[position + 1 : end]))
            position = end + 1
        else:
            end = position
            while end < length and not text[end].isspace() and text[end] != '"':
                end += 1
            item = tuple(words(text[position:end]))
            position = end
            # "covid-19" or "a.b" is one phrase of its parts, as a search engine reads it.
        if not item:
            continue
        (excluded if negated else required).append(item)
    items = len(required) + len(excluded)
    stripped = text.rstrip()
    typing = (
        prefix
        and bool(required)
        and items <= MAX_ITEMS
        and stripped == text
        and not stripped.endswith('"')
        and stripped.endswith(required[-1][-1])
    )
    return ParsedQuery(
        prefix=typing,
        required=tuple(required[:MAX_ITEMS]),
        excluded=tuple(excluded[: max(0, MAX_ITEMS - len(required))]),
        truncated=items > MAX_ITEMS,
    )
