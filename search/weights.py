"""How search ranks, in one place: every backend (database, PostgreSQL, the engine's queries)
reads these, so the three rank alike: title >> lead > body; exact tones reward."""

TITLE_WEIGHT = 10.0
LEAD_WEIGHT = 4.0
BODY_WEIGHT = 1.0
TONED_WEIGHT = 6.0
RECENCY_BOOST = 0.15  # a news article of today scores up to 15 % more than an old one
