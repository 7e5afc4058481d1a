"""The vocabulary "did you mean" draws from: on SQLite an FTS5 table without stemming over the catalogue record's
columns of the search table (external content) and its fts5vocab table; on PostgreSQL a words column in the
search table and a table of words with the number of items each appears in. Fill them with
`alliance87 rebuild_search_index`."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_search_spelling USING fts5(title, people, abstract, subjects, "
    "content='library_search_fts', tokenize='unicode61 remove_diacritics 0', detail='none')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_search_spelling_vocabulary "
    "USING fts5vocab(library_search_spelling, 'row')",
    # ('rebuild' cannot read another FTS5 table: copy the rows instead.)
    "INSERT INTO library_search_spelling (rowid, title, people, abstract, subjects) "
    "SELECT rowid, title, people, abstract, subjects FROM library_search_fts",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS library_search_spelling_vocabulary",
    "DROP TABLE IF EXISTS library_search_spelling",
]
POSTGRES = [
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'alliance87_words') THEN "
    "CREATE TEXT SEARCH CONFIGURATION alliance87_words (COPY = simple); END IF; END $$;",
    "ALTER TABLE library_search_document ADD COLUMN IF NOT EXISTS spelling tsvector NOT NULL DEFAULT ''",
    "CREATE TABLE IF NOT EXISTS library_search_word (word text PRIMARY KEY, documents integer NOT NULL)",
]
POSTGRES_DROP = [
    "DROP TABLE IF EXISTS library_search_word",
    "ALTER TABLE library_search_document DROP COLUMN IF EXISTS spelling",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("library", "0003_search_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
