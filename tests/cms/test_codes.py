import pytest

from cms import codes


def test_generated_codes_are_valid_and_unambiguous():
    for _ in range(500):
        code = codes.generate("HS", 8)
        assert code.startswith("HS")
        assert len(code) == 11
        assert codes.is_valid(code)
        assert not set(code[2:]) & set("ILOU")


def test_normalize_accepts_spaces_dashes_and_lower_case():
    code = codes.generate("", 8)
    typed = "-".join([code[:4].lower(), code[4:]])
    assert codes.normalize(" " + typed + " ") == code
    assert codes.is_valid(codes.normalize(codes.display(code)))


@pytest.mark.parametrize("position", range(9))
def test_every_single_substitution_is_caught(position):
    code = codes.generate("", 8)
    for replacement in codes.ALPHABET:
        if replacement != code[position]:
            broken = code[:position] + replacement + code[position + 1 :]
            assert not codes.is_valid(broken), (code, broken)


def test_adjacent_swap_is_caught():
    caught = 0
    for _ in range(200):
        code = codes.generate("", 8)
        if code[3] == code[4]:
            continue
        swapped = code[:3] + code[4] + code[3] + code[5:]
        caught += not codes.is_valid(swapped)
    assert caught >= 190


def test_invalid_characters_rejected():
    assert not codes.is_valid("")
    assert not codes.is_valid("AB")
    assert not codes.is_valid("HS12345#X")
