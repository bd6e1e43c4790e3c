"""The Python side of the Lithuanian analysis and the web-search parser."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projects.search.analysis import analyse, fold, stem
from projects.search.query import MAX_ITEMS, parse_query


def test_fold_removes_case_and_diacritics():
    assert fold("ŠEIMŲ Ąžuolas") == "seimu azuolas"


@pytest.mark.parametrize("word", ["projektas", "projekto", "projektą", "projektų", "PROJEKTAS"])
def test_word_forms_share_one_term(word):
    assert stem(word) == stem("projektas")


def test_a_word_with_and_without_diacritics_shares_one_term():
    assert stem("moterų") == stem("moteru")


def test_analyse_gives_terms_in_order():
    assert analyse("Moterų smurto prevencija") == " ".join(
        [stem("moterų"), stem("smurto"), stem("prevencija")]
    )


def test_parse_reads_words_phrases_and_exclusions():
    parsed = parse_query('vaikai "dienos centras" -stovykla')
    assert parsed.required == (("vaikai",), ("dienos", "centras"))
    assert parsed.excluded == (("stovykla",),)


def test_an_unterminated_quote_runs_to_the_end():
    assert parse_query('"dienos centras').required == (("dienos", "centras"),)


def test_a_hyphenated_word_is_a_phrase_of_its_parts():
    assert parse_query("covid-19").required == (("covid", "19"),)


def test_a_long_query_is_cut_and_marked():
    parsed = parse_query(" ".join(f"w{number}" for number in range(100)))
    assert len(parsed.required) == MAX_ITEMS
    assert parsed.truncated


def test_the_last_word_is_a_prefix_only_while_typing():
    assert parse_query("moter", prefix=True).prefix
    assert not parse_query("moter ", prefix=True).prefix
    assert not parse_query('"moter"', prefix=True).prefix


@given(st.text(max_size=300))
def test_parsed_words_hold_only_letters_and_digits(text):
    parsed = parse_query(text)
    for item in parsed.required + parsed.excluded:
        assert item
        for word in item:
            assert word.isalnum()


def test_stemming_in_many_threads_at_once_gives_each_word_its_own_stem():
    # A threaded server stems in several requests at once; a stemmer shared between threads
    # mixes their words up (wrong stems, or IndexError inside the stemmer).
    import sys
    import threading

    from projects.search.analysis import stem_uncached

    words = ["projektą", "moterų", "organizacijų", "stiprinimas", "bendruomenėms", "vaikams"]
    expected = {word: stem_uncached(word) for word in words}
    failures = []

    def work():
        try:
            for _ in range(3000):
                for word in words:
                    if stem_uncached(word) != expected[word]:
                        failures.append(word)
        except Exception as error:  # noqa: BLE001 - reported below, with its kind
            failures.append(repr(error))

    threads = [threading.Thread(target=work) for _ in range(6)]
    # Switch threads as often as possible, so that they meet inside the stemmer.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
