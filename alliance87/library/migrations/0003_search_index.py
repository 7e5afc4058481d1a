"""The search index tables: an FTS5 virtual table on SQLite; a tsvector table and unaccented configurations on
PostgreSQL. Each half does nothing on the other database. Fill them with `alliance87 rebuild_search_index`."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_search_fts USING fts5(title, people, abstract, subjects, body, extra, "
    "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')"
)

POSTGRES_CONFIGS = {
    "alliance87_en": ("english", "unaccent, english_stem"),
    "alliance87_fr": ("french", "unaccent, french_stem"),
    "alliance87_es": ("spanish", "unaccent, spanish_stem"),
    "alliance87_simple": ("simple", "unaccent, simple"),
}


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name, (parent, dictionaries) in POSTGRES_CONFIGS.items():
            schema_editor.execute(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '%s') THEN "
                "CREATE TEXT SEARCH CONFIGURATION %s (COPY = %s); "
                "ALTER TEXT SEARCH CONFIGURATION %s ALTER MAPPING FOR hword, hword_part, word, asciiword, "
                "asciihword, hword_asciipart WITH %s; END IF; END $$;" % (name, name, parent, name, dictionaries)
            )
        schema_editor.execute(
            "CREATE TABLE IF NOT EXISTS library_search_document ("
            "item_id bigint PRIMARY KEY, config regconfig NOT NULL, title text NOT NULL, abstract text NOT NULL, "
            "body text NOT NULL, document tsvector NOT NULL)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS library_search_document_gin ON library_search_document USING gin (document)"
        )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS library_search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS library_search_document")


class Migration(migrations.Migration):
    dependencies = [("library", "0002_vocabularies")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
