"""Snippets: a window of words around the first match, escaped, with the matches marked."""

from projects.search import SearchCriteria
from projects.search.highlight import SNIPPET_WORDS, snippet


def test_a_late_match_is_shown_in_a_window_of_words_around_it():
    text = " ".join(["žodis"] * 200 + ["Projektą", "baigėme"] + ["žodis"] * 200)
    shown = str(snippet(text, SearchCriteria(q="projektas")))
    assert shown.startswith("… ")
    assert shown.endswith(" …")
    assert len(shown.split()) == SNIPPET_WORDS + 2  # the two ellipses
    assert shown.split()[1 + SNIPPET_WORDS // 3] == "<mark>Projektą</mark>"


def test_exact_mode_marks_the_phrase_in_any_case_and_escapes_the_rest():
    text = "Įvadas <i>. " + "tekstas " * 50 + "Moterų Informacijos centras & partneriai"
    shown = str(snippet(text, SearchCriteria(q="moterų informacijos", exact=True)))
    assert "<mark>Moterų Informacijos</mark> centras &amp; partneriai" in shown
    assert "<i>" not in shown


def test_no_match_gives_no_snippet():
    assert snippet("Vasaros stovykla vaikams", SearchCriteria(q="projektas")) is None
