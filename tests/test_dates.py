"""The temporal tagger: data-file examples, golden cases, must-not-match cases, properties."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import TIMEX_VALUE, find_dates, infer_year, iter_examples


def _examples():
    for lang in ("fr", "en"):
        for i, ex in enumerate(iter_examples(lang)):
            yield pytest.param(lang, ex, id=f"{lang}-{i}-{ex['text'][:30]}")


@pytest.mark.parametrize("lang,example", list(_examples()))
def test_dates_data_file_examples(lang, example):
    published = dt.date.fromisoformat(example["published"])
    got = [[m.text, m.type, m.value] for m in find_dates(example["text"], published, lang)]
    assert got == example["expect"]


@dataclass
class Case:
    text: str
    expect: list  # [(text, value)]
    published: str | None = "2022-01-16"
    lang: str = "fr"
    tense: str | None = None


GOLDEN = [
    # sample article (issue 2)
    pytest.param(Case("En début de semaine, une série de consultations", [("début de semaine", "2022-W02")]), id="debut-semaine"),
    pytest.param(Case("les 9 et 10 janvier, la question", [("les 9", "2022-01-09"), ("10 janvier", "2022-01-10")]), id="range-et"),
    pytest.param(Case("du 9 au 12 janvier", [("9", "2022-01-09"), ("12 janvier", "2022-01-12")]), id="range-du-au"),
    pytest.param(Case("le 13 janvier sur le site de l’OSCE", [("le 13 janvier", "2022-01-13")]), id="curly-apostrophe"),
    pytest.param(Case("promis la semaine prochaine de donner", [("la semaine prochaine", "2022-W03")]), id="semaine-prochaine"),
    # year boundaries
    pytest.param(Case("le 28 décembre", [("le 28 décembre", "2021-12-28")], published="2022-01-03"), id="year-back"),
    pytest.param(Case("le 3 janvier", [("le 3 janvier", "2023-01-03")], published="2022-12-28", tense="future"), id="year-forward"),
    pytest.param(Case("le 12 janvier 2021", [("le 12 janvier 2021", "2021-01-12")]), id="explicit-year"),
    # no publication date: never invent a year
    pytest.param(Case("le 12 janvier", [("le 12 janvier", "XXXX-01-12")], published=None), id="no-dct"),
    pytest.param(Case("jeudi", [], published=None), id="no-dct-weekday"),
    # tense-aware weekdays (2022-01-16 is a Sunday)
    pytest.param(Case("La rencontre jeudi à Genève", [("jeudi", "2022-01-20")], tense="future"), id="jeudi-future"),
    pytest.param(Case("La rencontre jeudi à Genève", [("jeudi", "2022-01-20")], tense="present"), id="jeudi-present"),
    pytest.param(Case("Ils se sont vus jeudi", [("jeudi", "2022-01-13")], tense="past"), id="jeudi-past"),
    pytest.param(Case("mardi dernier", [("mardi dernier", "2022-01-11")]), id="mardi-dernier"),
    # relative and deictic
    pytest.param(Case("hier", [("hier", "2022-01-15")]), id="hier"),
    pytest.param(Case("l'édition d'hier", [("hier", "2022-01-15")]), id="d-hier"),
    pytest.param(Case("Hier à 10 h, il est parti", [("Hier à 10 h", "2022-01-15T10:00")]), id="hier-a-10h"),
    pytest.param(Case("Lundi 10 janvier, réunion à 14 h 30", [("Lundi 10 janvier", "2022-01-10"),
                                                            ("14 h 30", "2022-01-10T14:30")]), id="clock-anchored"),
    pytest.param(Case("le 12 janvier, puis le lendemain matin", [("le 12 janvier", "2022-01-12"),
                                                                 ("le lendemain matin", "2022-01-13TMO")]), id="lendemain"),
    pytest.param(Case("dimanche 9 janvier", [("dimanche 9 janvier", "2022-01-09")], tense="future"), id="weekday-fixes-year"),
    pytest.param(Case("en octobre 98", [("octobre 98", "1998-10")]), id="short-year"),
    pytest.param(Case("dans les années 60", [("les années 60", "196X")]), id="decade"),
    pytest.param(Case("à la fin du XIXe siècle", [("la fin du XIXe siècle", "18XX")]), id="century"),
    pytest.param(Case("0,38% par an", [("an", "P1Y")]), id="par-an"),
    pytest.param(Case("tous les jeudis", [("tous les jeudis", "XXXX-WXX-4")]), id="tous-les-jeudis"),
    pytest.param(Case("entre 1982-1990", [("1982", "1982"), ("1990", "1990")]), id="year-range"),
    pytest.param(Case("il y a deux jours", [("il y a deux jours", "2022-01-14")]), id="il-y-a"),
    pytest.param(Case("ce soir", [("ce soir", "2022-01-16TEV")]), id="ce-soir"),
    pytest.param(Case("désormais", [("désormais", "PRESENT_REF")]), id="desormais"),
    pytest.param(Case("chaque jour", [("chaque jour", "P1D")]), id="chaque-jour"),
    pytest.param(Case("en septembre 2021", [("septembre 2021", "2021-09")]), id="month-year"),
    pytest.param(Case("depuis 1997", [("1997", "1997")]), id="year"),
    # English
    pytest.param(Case("on 9-10 January", [("9", "2022-01-09"), ("10 January", "2022-01-10")], lang="en"), id="en-range"),
    pytest.param(Case("next Tuesday", [("next Tuesday", "2022-01-18")], lang="en"), id="en-next-tuesday"),
    pytest.param(Case("earlier this week", [("earlier this week", "2022-W02")], lang="en"), id="en-earlier-this-week"),
    pytest.param(Case("on January 12", [("January 12", "2022-01-12")], lang="en", tense="past"), id="en-month-day"),
    pytest.param(Case("between 9 and 12 January", [("9", "2022-01-09"), ("12 January", "2022-01-12")], lang="en"),
                 id="en-between"),
    pytest.param(Case("two days ago", [("two days ago", "2022-01-14")], lang="en"), id="en-ago"),
    pytest.param(Case("early next week", [("early next week", "2022-W03")], lang="en"), id="en-early-next-week"),
    pytest.param(Case("in the first quarter of 2021", [("the first quarter of 2021", "2021-Q1")], lang="en"), id="en-quarter"),
    pytest.param(Case("le premier trimestre 2021", [("le premier trimestre 2021", "2021-Q1")]), id="trimestre"),
    pytest.param(Case("since the 1990s", [("the 1990s", "199X")], lang="en"), id="en-decade"),
    pytest.param(Case("today", [("today", "2022-01-16")], lang="en"), id="en-today-is-dct"),
    pytest.param(Case("aujourd'hui", [("aujourd'hui", "PRESENT_REF")]), id="aujourdhui-present-ref"),
    pytest.param(Case("last year", [("last year", "2021")], lang="en"), id="en-last-year"),
]


@pytest.mark.parametrize("case", GOLDEN)
def test_dates_golden(case):
    published = dt.date.fromisoformat(case.published) if case.published else None
    mentions = find_dates(case.text, published, case.lang, lambda _o: case.tense)
    assert [(m.text, m.value) for m in mentions] == case.expect
    for m in mentions:
        assert case.text[m.start:m.end] == m.text


MUST_NOT_MATCH = [
    pytest.param("sa mère et je crois", id="sa-je"),
    pytest.param("Il a dit qu'il a vu a", id="a"),
    pytest.param("le 31 février", id="31-fevrier"),
    pytest.param("le 45 mars", id="45-mars"),
    pytest.param("la question a été discutée", id="ete-participle"),
    pytest.param("2000 soldats", id="number-not-year"),
    pytest.param("une réunion importante", id="no-date"),
]


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_dates_must_not_match(text, jan16):
    assert find_dates(text, jan16, "fr") == []


@pytest.mark.parametrize("text", ["un homme de 19 ans", "Jean Dupont, 19 ans, a été", "âgée de 19 ans"])
def test_dates_ages_are_not_time_expressions(text, jan16):
    # French TimeBank convention: an age is not a TIMEX3; it must never date anything either.
    assert find_dates(text, jan16, "fr") == []


@pytest.mark.parametrize("text,span,value", [
    ("une peine de 2 ans de prison", "2 ans", "P2Y"),
    ("pendant environ deux mois", "environ deux mois", "P2M"),
    ("des peines de 8 à 24 mois", "8", "P8M"),
])
def test_dates_durations(text, span, value, jan16):
    m = find_dates(text, jan16, "fr")[0]
    assert (m.text, m.type, m.value, m.first) == (span, "DURATION", value, None)


def test_dates_english_tense_from_word_forms():
    from timeline.model import Document
    from timeline.parse import parse

    text = "The ministers met on Tuesday. They will meet again on Thursday."
    parsed = parse([Document(id="e", text=text, source="e", published=dt.date(2022, 1, 16), lang="en")])[0]
    values = [m.value for m in find_dates(text, dt.date(2022, 1, 16), "en", parsed.tense_at)]
    assert values == ["2022-01-11", "2022-01-20"]


def test_dates_certainty_explicit_vs_inferred(jan16):
    explicit, inferred = find_dates("le 12 janvier 2022 et le 13 janvier", jan16, "fr")
    assert explicit.certainty == "explicit" and inferred.certainty == "inferred"


@pytest.mark.parametrize("month,day,anchor,tense,year", [
    (12, 28, dt.date(2022, 1, 3), None, 2021),
    (1, 3, dt.date(2021, 12, 28), None, 2022),
    (6, 1, dt.date(2022, 1, 16), "past", 2021),
    (6, 1, dt.date(2022, 1, 16), "future", 2022),
    (2, 29, dt.date(2024, 1, 10), None, 2024),
])
def test_dates_infer_year(month, day, anchor, tense, year):
    assert infer_year(month, day, anchor, tense) == year


@pytest.mark.parametrize("text", ["", "   ", "1" * 1_000_000, "12 " * 100_000, "Москва 12 января", "ⅫⅫ 2022-01-01 \u202f janvier"])
def test_dates_bad_input_never_crashes(text, jan16):
    for m in find_dates(text, jan16, "fr"):
        assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300), lang=st.sampled_from(["fr", "en"]),
       published=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_dates_property_spans_and_values(text, lang, published):
    for m in find_dates(text, published, lang):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert TIMEX_VALUE.match(m.value), m.value
