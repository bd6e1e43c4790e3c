from organizations.alphabet import OTHER, initial_sort_key, name_initial


def test_a_name_is_listed_under_its_first_letter_in_capitals():
    assert name_initial("šeimos institutas") == "Š"


def test_a_leading_quote_mark_does_not_decide_the_letter():
    assert name_initial("„Ryto“ gimnazija") == "R"


def test_a_name_starting_with_a_digit_is_listed_under_the_sign_group():
    assert name_initial("4H klubas") == OTHER


def test_lithuanian_letters_follow_their_base_letters():
    letters = sorted(["Z", "Š", "T", "S", "Ž", "C", "Č"], key=initial_sort_key)
    assert letters == ["C", "Č", "S", "Š", "T", "Z", "Ž"]


def test_y_sorts_right_after_i_and_į():
    assert sorted(["J", "Y", "I", "Į"], key=initial_sort_key) == ["I", "Į", "Y", "J"]


def test_the_sign_group_comes_last():
    assert sorted([OTHER, "A", "Ž"], key=initial_sort_key) == ["A", "Ž", OTHER]
