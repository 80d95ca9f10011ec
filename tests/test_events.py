"""Events: triggers, types, negation, arguments and dates, on sentences written for the tests."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from timeline.model import Document
from timeline.pipeline import analyse


def events_of(text: str, published=dt.date(2022, 1, 16), lang: str = "fr"):
    return analyse([Document(id="t", text=text, source="t", published=published, lang=lang)])[0].events


@dataclass
class Row:
    text: str
    type: str
    date: str | None  # TIMEX3 value of the event date, None for undated
    actors: set
    certainty: str | None = None


GOLDEN = [
    pytest.param(Row("Le 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron à Moscou.", "CONSULT",
                     "2022-01-12", {"vladimir-putin", "emmanuel-macron"}), id="meet-dated"),
    pytest.param(Row("L’OTAN n’acceptera pas de retirer ses troupes, a déclaré Jens Stoltenberg.", "REJECT",
                     "2022-01-16", {"nato"}, "reported"), id="negated-accept-is-reject"),
    pytest.param(Row("Le Kremlin insiste pour mettre fin à la coopération.", "DEMAND", "2022-01-16", {"RUS"},
                     "reported"), id="demand-reported"),
    pytest.param(Row("Sergueï Lavrov a déclaré que la Russie attendait une réponse.", "STATEMENT", "2022-01-16",
                     {"sergey-lavrov"}, "reported"), id="statement"),
    pytest.param(Row("Antony Blinken a appelé à une désescalade.", "REQUEST", "2022-01-16", {"antony-blinken"}),
                 id="appeler-a"),
    pytest.param(Row("L'Occident avait promis la semaine prochaine de donner des réponses écrites.", "AGREE",
                     "2022-W03", {"the-west"}), id="promise-week"),
    pytest.param(Row("Les troupes russes ont attaqué des positions ukrainiennes.", "ASSAULT", None, set()),
                 id="undated-kept"),
]


@pytest.mark.parametrize("row", GOLDEN)
def test_events_golden(row):
    events = [e for e in events_of(row.text) if e.type == row.type]
    assert events, f"no {row.type} in {[e.type for e in events_of(row.text)]}"
    ev = events[0]
    assert (ev.date.value if ev.date else None) == row.date
    assert row.actors <= {p.id for p in ev.actors}
    if row.certainty:
        assert ev.date.certainty == row.certainty


def test_events_enumerated_dates_make_one_event_each():
    text = ("Les consultations ont eu lieu entre la Russie et l'OTAN : le 12 janvier lors d'une réunion "
            "du Conseil Russie-OTAN, et le 13 janvier sur le site de l'OSCE.")
    consults = {e.date.value: {p.id for p in e.actors} for e in events_of(text) if e.type == "CONSULT" and e.date}
    assert {"nato", "RUS"} <= consults["2022-01-12"]
    assert {"osce", "RUS"} <= consults["2022-01-13"]


def test_events_sources_point_into_the_text():
    text = "Intro.\nLe 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron à Moscou."
    [ev] = [e for e in events_of(text) if e.type == "CONSULT"]
    [src] = ev.sources
    assert text[src.start:src.end] == src.sentence and src.document == "t"
    assert ev.location is not None and ev.location.id == "moscow"


def test_events_no_publication_date_means_no_reported_date():
    [ev] = [e for e in events_of("Le Kremlin insiste pour mettre fin à la coopération.", published=None)
            if e.type == "DEMAND"]
    assert ev.date is None


def test_events_heading_without_verb_is_not_an_event():
    assert events_of("Négociations avec l’OTAN") == []


@pytest.mark.parametrize("text", [
    pytest.param("réunion " * 5000, id="5000-words-no-punctuation"),
    pytest.param("« « Il a dit « non » » »", id="nested-quotes"),
    pytest.param("a | b | c\n1 | 2 | 3\n" * 50, id="flattened-table"),
])
def test_events_bad_input_no_crash(text):
    for ev in events_of(text):
        for s in ev.sources:
            assert 0 <= s.start <= s.end <= len(text)


def test_events_unknown_people_in_an_enumerated_series():
    text = ("Les consultations ont eu lieu entre Marie Durand et Paul Martin : le 12 janvier à Genève, "
            "et le 13 janvier sur le site de l'OSCE. Il a déclaré que tout allait bien.")
    events = events_of(text)
    consults = [e for e in events if e.type == "CONSULT" and e.date]
    assert consults
    names = {p.name for e in events for p in e.actors}
    assert not any(n.startswith("new:") for n in names)  # unknown people keep their written name
    assert "Marie Durand" in names


EN_ARTICLE = """NATO will not withdraw its forces from countries that joined the alliance since 1997, Secretary General Jens Stoltenberg told CBC on Sunday.
Earlier this week, Russian and American diplomats held talks in Geneva on 9-10 January. The NATO-Russia Council met in Brussels on January 12, and the OSCE met in Vienna on Thursday.
Russian Foreign Minister Sergei Lavrov said the West had promised written answers next week."""


def test_events_english_dates_follow_their_clause():
    from timeline.merge import merge_events

    events = merge_events(events_of(EN_ARTICLE, lang="en"))
    consult = {e.date.value: (e.location.id if e.location else None, {p.id for p in e.actors})
               for e in events if e.type == "CONSULT"}
    assert consult["2022-01-09/2022-01-10"][0] == "geneva"
    assert consult["2022-01-12"][0] == "brussels" and "nato-russia-council" in consult["2022-01-12"][1]
    assert consult["2022-01-13"] == ("vienna", {"osce"})
    [reject] = [e for e in events if e.type == "REJECT"]  # "will not withdraw", no parse needed
    assert {p.id for p in reject.actors} == {"nato", "jens-stoltenberg"}
    assert [e.date.value for e in events if e.type == "AGREE"] == ["2022-W03"]
