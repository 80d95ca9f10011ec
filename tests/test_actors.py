"""Actors and places: canonical identities from the knowledge base and the NER."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline.actors import find_mentions, load_kb
from timeline.model import Document
from timeline.parse import parse


def mentions_of(text: str, lang: str = "fr", published=dt.date(2022, 1, 16)):
    doc = Document(id="t", text=text, source="t", published=published, lang=lang)
    return find_mentions(parse([doc])[0])


@pytest.mark.parametrize("text,surface,ref", [
    pytest.param("L’OTAN a refusé.", "OTAN", "nato", id="otan-curly"),
    pytest.param("L'OTAN a refusé.", "OTAN", "nato", id="otan-straight"),
    pytest.param("Le Kremlin insiste.", "Kremlin", "RUS", id="kremlin"),
    pytest.param("Moscou a besoin d'une réponse.", "Moscou", "RUS", id="moscou-metonym"),
    pytest.param("La partie américaine a répondu.", "partie américaine", "USA", id="partie-americaine"),
    pytest.param("Les États-Unis ont répondu.", "États-Unis", "USA", id="etats-unis"),
    pytest.param("Les Etats-Unis ont répondu.", "Etats-Unis", "USA", id="etats-unis-no-accent"),
    pytest.param("Jens Stoltenberg a parlé.", "Jens Stoltenberg", "jens-stoltenberg", id="full-name"),
    pytest.param("Le secrétaire général de l’OTAN a parlé.", "secrétaire général de l’OTAN", "jens-stoltenberg", id="role-2022"),
    pytest.param("Le ministre russe des Affaires étrangères a parlé.", "ministre russe des Affaires étrangères", "sergey-lavrov", id="role-lavrov"),
    pytest.param("Une réunion du Conseil Russie-OTAN.", "Conseil Russie-OTAN", "nato-russia-council", id="nrc"),
    pytest.param("Le Kazakhstan a demandé.", "Kazakhstan", "KAZ", id="pycountry-fr"),
    pytest.param("L'Occident a promis.", "Occident", "the-west", id="west"),
    pytest.param("NATO and Russia met.", "NATO", "nato", id="en-nato"),
])
def test_actors_resolve(text, surface, ref):
    found = {(m.text, m.ref) for m in mentions_of(text, "en" if text.startswith("NATO") else "fr")}
    assert (surface, ref) in found


def test_actors_role_depends_on_publication_date():
    found = {m.ref for m in mentions_of("Le secrétaire général de l'OTAN a parlé.", published=dt.date(2025, 3, 1))}
    assert "mark-rutte" in found and "jens-stoltenberg" not in found


def test_actors_context_alias_needs_its_organisation():
    assert "nato" not in {m.ref for m in mentions_of("L'alliance des partis a gagné.")}
    assert [m.ref for m in mentions_of("L'OTAN a parlé. L'alliance est prête.")].count("nato") == 2


def test_actors_place_after_preposition():
    [m] = [m for m in mentions_of("Ils se sont réunis à Genève.") if m.text == "Genève"]
    assert (m.kind, m.ref) == ("place", "geneva")


def test_actors_common_noun_is_not_a_country():
    assert all(m.ref != "REU" for m in mentions_of("Lors d'une réunion à Vienne."))


def test_actors_ner_noise_is_filtered():
    refs = {m.text for m in mentions_of("Lire aussi : Vidéo. Marie Durand a parlé. Durand a ajouté.")}
    assert "Lire" not in refs and "Vidéo" not in refs


def test_actors_unknown_person_kept_with_surname_link():
    ms = [m for m in mentions_of("Marie Durand, diplomate, a parlé hier. Ensuite Durand a ajouté une phrase.")
          if m.ref.startswith("new:")]
    assert len({m.ref for m in ms}) == 1 and len(ms) == 2


def test_actors_kb_countries_and_roles_loaded():
    kb = load_kb()
    assert len([a for a in kb.actors.values() if a.kind == "state"]) >= 240
    assert kb.holder("secretary-general", "nato", dt.date(2022, 1, 16)) == "jens-stoltenberg"


@pytest.mark.parametrize("text,surface,ref", [
    pytest.param("Dominique de Villepin a parlé.", "Dominique de Villepin", "new:person:dominique-de-villepin",
                 id="first-name-is-not-dominica"),
    pytest.param("Les Américains ont répondu.", "Américains", "USA", id="demonym-noun"),
    pytest.param("L'URSS s'est effondrée.", "URSS", "SUN", id="former-state"),
    pytest.param("Le président\u00a0russe a parlé.", "président\u00a0russe", "vladimir-putin", id="nbsp-role"),
])
def test_actors_hard_cases(text, surface, ref):
    assert (surface, ref) in {(m.text, m.ref) for m in mentions_of(text)}


def test_actors_long_document_offsets(monkeypatch):
    from timeline import parse as parse_module

    monkeypatch.setattr(parse_module, "MAX_CHUNK", 400)  # paragraphs cut as a 2 MB page's would be
    unit = "Le Kremlin insiste. " + "mot " * 300 + "Le Kremlin refuse.\n"
    text = unit * 2
    ms = [m for m in mentions_of(text) if m.ref == "RUS"]
    assert len(ms) == 4 and all(text[m.start:m.end] == "Kremlin" for m in ms)


def test_actors_malformed_demonyms_names_the_file(monkeypatch):
    from timeline import actors, data

    real = data.resource_text
    monkeypatch.setattr(actors, "read_lines", lambda rel: ["XXQ\trusse"] if rel.endswith("demonyms.tsv") else
                        data.read_lines(rel))
    with pytest.raises(data.DataFileError, match="demonyms.tsv"):
        actors._role_phrases("fr", load_kb())
    assert data.resource_text is real
