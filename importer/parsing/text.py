"""Turning an uploaded page into clean lines of text: HTML to text, encoding repair, noise."""

import re
import unicodedata
from html.parser import HTMLParser

UPPER = "A-ZĄČĘĖĮŠŲŪŽ"
LOWER = "a-ząčęėįšųūž"

# UTF-8 bytes read as Windows-1252 / Latin-1: "Ä—" for "ė", "Å¡" for "š", "Ä…" for "ą".
MOJIBAKE = re.compile("[ÃÄÅ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u017d\u017e\u2013-\u203a\u20ac]")

# Lines of site furniture that pages of this genre carry around the article.
NOISE_LINES = {
    "generic filters",
    "exact matches only",
    "search in title",
    "search in content",
    "search in excerpt",
    "rask mus facebook'e",
    "rask mus facebook’e",
}

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "table", "section", "article", "header", "footer", "blockquote",
}  # fmt: skip


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip_depth = 0
        self.canonical_url = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "style", "noscript", "nav"}:
            self.skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "link" and (attributes.get("rel") or "").lower() == "canonical":
            self.canonical_url = attributes.get("href") or ""
        elif tag == "meta" and attributes.get("property") == "og:url" and not self.canonical_url:
            self.canonical_url = attributes.get("content") or ""
        if tag == "li":
            self.parts.append("\n• ")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "noscript", "nav"} and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self._in_title = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)


def looks_like_html(text):
    return bool(re.search(r"<\s*(html|body|p|div|h1|article)\b", text[:5000], re.IGNORECASE))


def html_to_text(text):
    """(plain text, canonical URL) of an HTML page; the <title> is used if no <h1> leads."""
    extractor = _TextExtractor()
    extractor.feed(text)
    extractor.close()
    body = "".join(extractor.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in body.splitlines()]
    plain = "\n".join(lines)
    plain = re.sub(r"\n{3,}", "\n\n", plain).strip()
    if extractor.title.strip() and not plain.startswith(extractor.title.strip()[:20]):
        plain = extractor.title.strip() + "\n\n" + plain
    return plain, extractor.canonical_url.strip()


def has_mojibake(text):
    return bool(MOJIBAKE.search(text))


def repair_mojibake(text):
    """The text decoded as it was meant to be, or None when it cannot be repaired whole."""
    for codec in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if not has_mojibake(repaired):
            return repaired
    return None


def clean_lines(text):
    """Non-empty, whitespace-normalized lines without the site's search widget and the like."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = re.sub(r"[ \t\u00a0\u202f]+", " ", raw).strip()
        if not line or line.casefold() in NOISE_LINES:
            continue
        lines.append(line)
    return lines


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize_for_comparison(text):
    """Casefolded, accent-free, quote- and space-normalized text, for comparing statements."""
    text = strip_accents((text or "").casefold())
    text = re.sub(r"[„“”\"«»‘’'`]", "", text)
    text = re.sub(r"[\s\u00a0]+", " ", text)
    return text.strip(" .;:,–-•")


def capitalize_first(text):
    return text[:1].upper() + text[1:] if text else text


def split_sentences(line):
    """Sentences of one line; "2017 m. rugsėjo" and "d. – 2019" do not end a sentence."""
    return [
        part.strip() for part in re.split(rf"(?<=[.!?])\s+(?=[{UPPER}„“\"])", line) if part.strip()
    ]
