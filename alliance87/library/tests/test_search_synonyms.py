"""The synonym list read into queries (no index needed): French and Spanish terms, false friends, redundancy."""

from __future__ import annotations

from alliance87.library.search import synonyms
from alliance87.library.search.query import parse


def alternatives(text: str) -> set[tuple[str, ...]]:
    """Every term of the first group of the parsed query."""
    return {term.words for term in parse(text).groups[0]}


def test_french_and_spanish_terms_meet_the_english_ones():
    for text in ("travail forcé", "travaux forcés", "trabajo forzoso"):
        found = alternatives(text)
        assert {
            ("forced", "labour"),
            ("forced", "labor"),
            ("travail", "forcé"),
            ("trabajo", "forzoso"),
        } <= found
    # Without accents, as typed on many keyboards.
    assert {("forced", "labour"), ("trabajo", "forzoso")} <= alternatives("travail force")
    for text in ("travail des enfants", "trabajo infantil"):
        assert {("child", "labour"), ("travail", "des", "enfants"), ("trabajo", "infantil")} <= alternatives(
            text
        ), text
    assert {("modern", "slavery"), ("esclavitud", "moderna")} <= alternatives("esclavage moderne")
    assert {("traite",), ("trata",), ("trafficking",)} <= alternatives("trata")
    assert ("trafficking", "in", "persons") in alternatives("traite des êtres humains")


def test_an_english_query_gets_english_synonyms_only():
    # French and Spanish items are found through their subjects' English labels; three languages' phrases on
    # every English query would slow every search.
    assert alternatives("forced labour") == {
        ("forced", "labour"),
        ("forced", "labor"),
        ("forced", "or", "compulsory", "labour"),
    }
    assert ("trabajo", "infantil") not in alternatives("child labor")
    assert ("child", "labour") in alternatives("child labor")


def test_a_french_member_is_no_false_friend_of_an_english_word():
    # "traite" is matched as written: the English "traits" (stem "trait") does not meet it.
    assert alternatives("traits") == {("traits",)}
    assert alternatives("trait") == {("trait",)}


def test_alternatives_that_hold_another_one_are_left_out():
    found = alternatives("travail forcé")
    assert ("trabajo", "forzoso") in found
    assert ("travail", "forcé", "ou", "obligatoire") not in found
    assert ("trabajo", "forzoso", "u", "obligatorio") not in found
    # Nor phrases the English stemmer makes the same again.
    assert ("human", "trafficked") not in alternatives('"human trafficking"')


def test_the_file_marks_languages_and_every_group_reads():
    groups = synonyms.read_groups("forced labour, fr: travail forcé, es: trabajo forzoso # comment")
    assert [(member.language, member.words) for member in groups[0]] == [
        ("en", ("forced", "labour")),
        ("fr", ("travail", "forcé")),
        ("es", ("trabajo", "forzoso")),
    ]
    assert synonyms.table()  # the maintained file parses
