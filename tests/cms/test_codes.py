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


def test_adjacent_swaps_are_caught_except_zero_and_z():
    """Every swap of two different neighbours, at every position, is caught, except 0<->Z:
    Luhn mod N cannot see swaps of the first and last symbol (like 09<->90 in decimal Luhn)."""
    missed = set()
    seen_pairs = set()
    for a in codes.ALPHABET:
        for b in codes.ALPHABET:
            for position in range(8):  # position 7 swaps the last symbol with the check character
                body = list("23456789")
                body[position] = a
                if position < 7:
                    body[position + 1] = b
                code = "".join(body)
                code += codes._check_char(code)
                if code[position] == code[position + 1]:
                    continue
                seen_pairs.add(frozenset(code[position : position + 2]))
                swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
                if codes.is_valid(swapped):
                    missed.add(frozenset(code[position : position + 2]))
    assert len(seen_pairs) == 32 * 31 // 2
    assert missed == {frozenset("0Z")}


def test_invalid_characters_rejected():
    assert not codes.is_valid("")
    assert not codes.is_valid("AB")
    assert not codes.is_valid("HS12345#X")


def test_allocate_skips_taken_codes_and_gives_up_after_its_bound():
    seen = []

    def taken(code):
        seen.append(code)
        return len(seen) < 3

    code = codes.allocate("HS", taken)
    assert code == seen[-1] and len(seen) == 3 and codes.is_valid(code)
    with pytest.raises(RuntimeError):
        codes.allocate("HS", lambda code: True, attempts=5)
