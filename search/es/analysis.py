"""Analyzers of the search engine index (OpenSearch / Elasticsearch), no ICU plugin needed.

Matching and ranking use fields that receive text already folded in Python by
`search.folding.search_fold` (the function the database backends index with and every query
goes through), split by `vi_words` on the same `[a-z0-9]+` rule as `ParsedQuery`: index and
query agree exactly, whatever the server's folding tables say.

The original text is indexed too: `vi_toned` (lower case, marks kept) ranks exactly-toned words
higher, and `vi_folded` folds it on the server (`đ/Đ` mapped explicitly, as
`cms.text.strip_tones` does, then lower case and ASCII folding) so the highlighter can mark
"Đà Nẵng" in the original text for the query "da nang". `vi_prefix` indexes edge n-grams of the
folded title for tone-less search-as-you-type. Text reaches the server NFC-normalised by
`cms.text.clean`.
"""

from elasticsearch_dsl import analyzer, char_filter, token_filter, tokenizer

from search.folding import ABBREVIATIONS, FOLDED_ABBREVIATIONS

d_stroke = char_filter("vi_d_stroke", type="mapping", mappings=["đ => d", "Đ => D"])
words_tokenizer = tokenizer("vi_words", type="pattern", pattern="[^a-z0-9]+")

# The same abbreviation expansion as `search.folding.search_fold` (ANTQ → an ninh to quoc), for
# text that reaches the server without it (the pre-folded fields are expanded in Python).
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
vi_edge = token_filter("vi_edge", type="edge_ngram", min_gram=1, max_gram=20)

vi_words = analyzer("vi_words", tokenizer=words_tokenizer, filter=["lowercase"])

vi_prefix = analyzer("vi_prefix", tokenizer=words_tokenizer, filter=["lowercase", vi_edge])

vi_folded = analyzer(
    "vi_folded",
    tokenizer="standard",
    char_filter=[d_stroke],
    filter=["lowercase", "asciifolding", vi_abbreviations_folded],
)

vi_toned = analyzer("vi_toned", tokenizer="standard", filter=["lowercase", vi_abbreviations_toned])
