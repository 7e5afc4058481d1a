"""The vocabulary "did you mean" draws from, and (PostgreSQL) a search table a results page can afford.

SQLite: an FTS5 table without stemming over the catalogue record's columns of the search table (external
content) and its fts5vocab table. PostgreSQL: the headline texts and the record's words move to a side table,
a table of words counts the items each word is in, and the search table gets the record's small vector and the
facet (as "facet:value" tokens) and access values of the item (filled here from the items). Run `alliance87 rebuild_search_index` after
this migration."""

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
    # The texts for headlines (read for the 20 results shown) and the words for spelling leave the search table …
    "CREATE TABLE IF NOT EXISTS library_search_text (item_id bigint PRIMARY KEY, config regconfig NOT NULL, "
    "title text NOT NULL, abstract text NOT NULL, body text NOT NULL, spelling tsvector NOT NULL DEFAULT '')",
    "INSERT INTO library_search_text (item_id, config, title, abstract, body) "
    "SELECT item_id, config, title, abstract, body FROM library_search_document ON CONFLICT DO NOTHING",
    "ALTER TABLE library_search_document DROP COLUMN IF EXISTS title, DROP COLUMN IF EXISTS abstract, "
    "DROP COLUMN IF EXISTS body",
    "CREATE TABLE IF NOT EXISTS library_search_word (word text PRIMARY KEY, documents integer NOT NULL)",
    # … which keeps, besides the document, the record's small vector and the values facets and access need.
    "ALTER TABLE library_search_document ADD COLUMN IF NOT EXISTS head tsvector NOT NULL DEFAULT '', "
    "ADD COLUMN IF NOT EXISTS year integer, ADD COLUMN IF NOT EXISTS access varchar(20) NOT NULL DEFAULT '', "
    "ADD COLUMN IF NOT EXISTS access_body_id bigint, ADD COLUMN IF NOT EXISTS published date, "
    "ADD COLUMN IF NOT EXISTS facets text[] NOT NULL DEFAULT '{}'",
    # Existing rows get their values from the items (and their title as head) until the next rebuild.
    "UPDATE library_search_document d SET year = i.year, access = i.access, access_body_id = i.access_body_id, "
    "published = i.publication_date, head = setweight(to_tsvector(t.config, t.title), 'A'), "
    "facets = ARRAY['kind:' || i.kind, 'language:' || i.language] "
    "|| ARRAY(SELECT 'year:' || i.year WHERE i.year IS NOT NULL) "
    "|| ARRAY(SELECT c.scheme || ':' || c.code FROM library_item_concepts ic "
    "JOIN library_concept c ON c.id = ic.concept_id WHERE ic.item_id = i.id AND c.scheme IN ('theme', 'exploitation')) "
    "|| ARRAY(SELECT 'country:' || country FROM library_itemcountry WHERE item_id = i.id) "
    "|| ARRAY(SELECT 'organisation:' || organisation_id FROM library_item_corporate_authors WHERE item_id = i.id "
    "UNION SELECT 'organisation:' || i.publisher_id WHERE i.publisher_id IS NOT NULL) "
    "FROM library_item i, library_search_text t WHERE i.id = d.item_id AND t.item_id = d.item_id",
    "CREATE INDEX IF NOT EXISTS library_search_document_facets ON library_search_document USING gin (facets)",
    "CREATE INDEX IF NOT EXISTS library_search_document_head ON library_search_document USING gin (head)",
    "CREATE INDEX IF NOT EXISTS library_search_document_newest ON library_search_document "
    "(published DESC NULLS LAST, item_id DESC)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS library_search_document_facets",
    "DROP INDEX IF EXISTS library_search_document_newest",
    "DROP INDEX IF EXISTS library_search_document_head",
    "ALTER TABLE library_search_document DROP COLUMN IF EXISTS head, DROP COLUMN IF EXISTS year, "
    "DROP COLUMN IF EXISTS access, DROP COLUMN IF EXISTS access_body_id, DROP COLUMN IF EXISTS published, "
    "DROP COLUMN IF EXISTS facets",
    "ALTER TABLE library_search_document ADD COLUMN IF NOT EXISTS title text NOT NULL DEFAULT '', "
    "ADD COLUMN IF NOT EXISTS abstract text NOT NULL DEFAULT '', ADD COLUMN IF NOT EXISTS body text NOT NULL DEFAULT ''",
    "UPDATE library_search_document d SET title = t.title, abstract = t.abstract, body = t.body "
    "FROM library_search_text t WHERE t.item_id = d.item_id",
    "DROP TABLE IF EXISTS library_search_word",
    "DROP TABLE IF EXISTS library_search_text",
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
    atomic = True
    dependencies = [("library", "0004_item_results_move_to_plans")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
