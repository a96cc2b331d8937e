"""Elasticsearch analyzers that fold Vietnamese the way `cms.text.fold` does.

`vi_folded`: `đ/Đ` mapped to `d/D` explicitly (as `cms.text.strip_tones` does, so the rule does
not depend on asciifolding's tables), standard tokenizer, lower case, ASCII folding (tone and
vowel marks removed). `vi_toned`: the same words with their marks kept, used only to rank
exactly-toned matches higher. Text reaches Elasticsearch NFC-normalised by `cms.text.clean`.
"""

from elasticsearch_dsl import analyzer, char_filter, token_filter

from search.folding import ABBREVIATIONS, FOLDED_ABBREVIATIONS

d_stroke = char_filter("vi_d_stroke", type="mapping", mappings=["đ => d", "Đ => D"])

# The same abbreviation expansion as `search.folding.search_fold` (ANTQ → an ninh to quoc).
vi_abbreviations_folded = token_filter(
    "vi_abbreviations_folded",
    type="synonym",
    synonyms=[f"{key} => {value}" for key, value in sorted(FOLDED_ABBREVIATIONS.items())],
)
vi_abbreviations_toned = token_filter(
    "vi_abbreviations_toned",
    type="synonym",
    synonyms=[f"{key} => {value}" for key, value in sorted(ABBREVIATIONS.items())],
)

vi_folded = analyzer(
    "vi_folded",
    tokenizer="standard",
    char_filter=[d_stroke],
    filter=["lowercase", "asciifolding", vi_abbreviations_folded],
)

vi_toned = analyzer("vi_toned", tokenizer="standard", filter=["lowercase", vi_abbreviations_toned])
