"""Values checked against a standard, one small module per type of value: URL, language,
country, codelist, Wikidata item."""
