"""Elasticsearch analyzers that fold Vietnamese the way `cms.text.fold` does.

`vi_folded`: `đ/Đ` mapped to `d/D` explicitly (as `cms.text.strip_tones` does, so the rule does
not depend on asciifolding's tables), standard tokenizer, lower case, ASCII folding (tone and
vowel marks removed). `vi_toned`: the same words with their marks kept, used only to rank
exactly-toned matches higher. Text reaches Elasticsearch NFC-normalised by `cms.text.clean`.
"""

from elasticsearch_dsl import analyzer, char_filter

d_stroke = char_filter("vi_d_stroke", type="mapping", mappings=["đ => d", "Đ => D"])

vi_folded = analyzer(
    "vi_folded",
    tokenizer="standard",
    char_filter=[d_stroke],
    filter=["lowercase", "asciifolding"],
)

vi_toned = analyzer("vi_toned", tokenizer="standard", filter=["lowercase"])
