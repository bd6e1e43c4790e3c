"""The Lithuanian alphabet order for the A–Z organization list."""

# Y follows Į in Lithuanian; Q, W and X appear only in foreign names.
ALPHABET = "AĄBCČDEĘĖFGHIĮYJKLMNOPQRSŠTUŲŪVWXZŽ"
OTHER = "#"


def name_initial(name):
    """The letter a name is listed under: its first letter, "#" for a digit or a sign."""
    for character in name:
        if character.isalpha():
            return character.upper()
        if character.isdigit():
            return OTHER
    return OTHER


def initial_sort_key(initial):
    if initial in ALPHABET:
        return (0, ALPHABET.index(initial), initial)
    if initial == OTHER:
        return (2, 0, initial)
    return (1, 0, initial)
