"""Golden events: sentences written for this table, in news style, with every event each should yield.

An event is (type, TIMEX3 value of its date or None, set of its actor ids, speakers left out).
benchmarks/eval_events.py prints precision and recall over the table; rows the
extractor gets wrong today are xfail(strict=True) with the reason, so a fix shows.
Publication date of every row: Sunday 16 January 2022.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from timeline.model import Document
from timeline.pipeline import analyse

PUBLISHED = dt.date(2022, 1, 16)


@dataclass(frozen=True)
class Row:
    lang: str
    text: str
    expect: frozenset  # of (type, date value or None, frozenset of actor ids)


def R(lang, text, *events):
    return Row(lang, text, frozenset((t, d, frozenset(a)) for t, d, a in events))


FRENCH = [
    R("fr", "Le 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron à Moscou.",
      ("CONSULT", "2022-01-12", {"vladimir-putin", "emmanuel-macron"})),
    R("fr", "Olaf Scholz s'est entretenu jeudi avec Joe Biden.",
      ("CONSULT", "2022-01-13", {"olaf-scholz", "joe-biden"})),
    R("fr", "Les négociations entre la Russie et les États-Unis reprendront lundi à Genève.",
      ("CONSULT", "2022-01-17", {"RUS", "USA"})),
    R("fr", "Le Kremlin exige des garanties de sécurité juridiquement contraignantes.",
      ("DEMAND", "2022-01-16", {"RUS"})),
    R("fr", "L’OTAN rejette les exigences de Moscou.", ("REJECT", "2022-01-16", {"nato", "RUS"})),
    R("fr", "L’OTAN n’acceptera pas de fermer sa porte à l’Ukraine.", ("REJECT", "2022-01-16", {"nato", "UKR"})),
    R("fr", "Sergueï Lavrov a déclaré que la Russie attendait des réponses écrites.",
      ("STATEMENT", "2022-01-16", {"sergey-lavrov"})),
    R("fr", "Antony Blinken a appelé Moscou à la désescalade.",
      ("REQUEST", "2022-01-16", {"antony-blinken", "RUS"})),
    R("fr", "Le 10 janvier, les délégations russe et américaine se sont réunies à Genève.",
      ("CONSULT", "2022-01-10", set())),
    R("fr", "Jens Stoltenberg a souligné que l’Alliance était prête au dialogue.",
      ("STATEMENT", "2022-01-16", {"jens-stoltenberg"}), ("COOPERATE", "2022-01-16", {"nato"})),
    R("fr", "Le sommet de l’OTAN aura lieu en juin à Madrid.", ("CONSULT", "2022-06", {"nato"})),
    R("fr", "Les 9 et 10 janvier, Wendy Sherman et Sergueï Riabkov ont discuté à Genève.",
      ("CONSULT", "2022-01-09/2022-01-10", {"wendy-sherman", "sergei-ryabkov"})),
    R("fr", "Volodymyr Zelensky a rencontré Antony Blinken mercredi à Kiev.",
      ("CONSULT", "2022-01-12", {"volodymyr-zelensky", "antony-blinken"})),
    R("fr", "L’Union européenne a menacé la Russie de sanctions massives.",
      ("THREATEN", "2022-01-16", {"eu", "RUS"})),
    R("fr", "Moscou accuse l’OTAN d’encercler la Russie.", ("ACCUSE", "2022-01-16", {"RUS", "nato"})),
    R("fr", "Le président ukrainien a demandé des armes aux Occidentaux.",
      ("REQUEST", "2022-01-16", {"volodymyr-zelensky", "the-west"})),
    R("fr", "La semaine prochaine, Washington remettra ses réponses écrites à Moscou.", ),
    R("fr", "Le Conseil de sécurité de l’ONU se réunira mardi.", ("CONSULT", "2022-01-18", {"unsc"})),
    R("fr", "Le 13 janvier, la Russie et l’OSCE se sont réunies à Vienne.",
      ("CONSULT", "2022-01-13", {"RUS", "osce"})),
    R("fr", "Emmanuel Macron a promis de soutenir l’Ukraine.",
      ("AGREE", "2022-01-16", {"emmanuel-macron", "UKR"})),
    R("fr", "Le chancelier allemand a refusé de livrer des armes à Kiev.",
      ("REJECT", "2022-01-16", {"olaf-scholz", "UKR"})),
    R("fr", "Les États-Unis ont déployé des troupes en Pologne.", ("MOBILIZE", None, {"USA", "POL"})),
    R("fr", "Dmitri Peskov a affirmé que le dialogue continuait.", ("STATEMENT", "2022-01-16", {"dmitry-peskov"})),
    R("fr", "Vladimir Poutine et Joe Biden se sont parlé au téléphone le 30 décembre.",
      ("CONSULT", "2021-12-30", {"vladimir-putin", "joe-biden"})),
    R("fr", "Le ministre russe des Affaires étrangères insiste pour obtenir des garanties.",
      ("DEMAND", "2022-01-16", {"sergey-lavrov"})),
    R("fr", "La Pologne a exhorté l’OTAN à renforcer son flanc est.",
      ("REQUEST", "2022-01-16", {"POL", "nato"})),
    R("fr", "Négociations avec l’OTAN"),
    R("fr", "Les troupes russes ont attaqué des positions ukrainiennes.", ("ASSAULT", None, set())),
    R("fr", "L’OTAN ne retirera pas ses forces d’Europe de l’Est, a déclaré Jens Stoltenberg.",
      ("REJECT", "2022-01-16", {"nato"}), ("STATEMENT", "2022-01-16", {"jens-stoltenberg"})),
    R("fr", "Le 20 janvier, Antony Blinken rencontrera Sergueï Lavrov à Genève.",
      ("CONSULT", "2022-01-20", {"antony-blinken", "sergey-lavrov"})),
]

ENGLISH = [
    R("en", "On January 12, NATO and Russia met in Brussels.", ("CONSULT", "2022-01-12", {"nato", "RUS"})),
    R("en", "Vladimir Putin met Emmanuel Macron in Moscow on Monday.",
      ("CONSULT", "2022-01-10", {"vladimir-putin", "emmanuel-macron"})),
    R("en", "The Kremlin demanded security guarantees.", ("DEMAND", "2022-01-16", {"RUS"})),
    R("en", "NATO rejected Russia's demands.", ("REJECT", "2022-01-16", {"nato", "RUS"})),
    R("en", "Sergei Lavrov said Russia expected written answers.", ("STATEMENT", "2022-01-16", {"sergey-lavrov"})),
    R("en", "Antony Blinken urged Russia to de-escalate.", ("REQUEST", "2022-01-16", {"antony-blinken", "RUS"})),
    R("en", "Talks between Russia and the United States took place in Geneva on 9-10 January.",
      ("CONSULT", "2022-01-09/2022-01-10", {"RUS", "USA"})),
    R("en", "The European Union threatened Russia with sanctions.", ("THREATEN", "2022-01-16", {"eu", "RUS"})),
    R("en", "Moscow accused NATO of provocations.", ("ACCUSE", "2022-01-16", {"RUS", "nato"})),
    R("en", "Joe Biden will meet Olaf Scholz next week.",
      ("CONSULT", "2022-W03", {"joe-biden", "olaf-scholz"})),
    R("en", "Ukraine asked NATO for weapons.", ("REQUEST", "2022-01-16", {"UKR", "nato"})),
    R("en", "The OSCE Permanent Council met in Vienna on Thursday.", ("CONSULT", "2022-01-13", {"osce"})),
    R("en", "Russian troops attacked Ukrainian positions.", ("ASSAULT", None, set())),
    R("en", "Jens Stoltenberg said NATO was ready for dialogue.",
      ("STATEMENT", "2022-01-16", {"jens-stoltenberg"}), ("COOPERATE", "2022-01-16", {"nato"})),
]

GOLDEN = FRENCH + ENGLISH


def predict(row: Row) -> set:
    [analysis] = analyse([Document(id="g", text=row.text, source="g", published=PUBLISHED, lang=row.lang)])
    from timeline.merge import merge_events

    return {(e.type, e.date.value if e.date else None,
             frozenset(p.id for p in e.actors if p.role != "speaker")) for e in merge_events(analysis.events)}


KNOWN_GAPS: dict[int, str] = {
    20: "'à Kiev' after 'livrer' is the recipient (Ukraine), but after 'à' a capital is read as the place",
}


def _params():
    for i, row in enumerate(GOLDEN):
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[i])] if i in KNOWN_GAPS else []
        yield pytest.param(row, id=f"{row.lang}-{i:02d}", marks=marks)


@pytest.mark.parametrize("row", list(_params()))
def test_events_golden(row):
    assert predict(row) == set(row.expect)


def test_events_golden_table_size():
    assert len(GOLDEN) >= 40 and {r.lang for r in GOLDEN} == {"fr", "en"}
