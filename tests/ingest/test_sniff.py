"""The input sniffer: dumps in any common European language, plain text, its confidence."""

from __future__ import annotations

import pytest

from newsift.document import Document, Meta
from newsift.errors import ModelError
from newsift.ingest import document_from_text
from newsift.ingest import sniff as sniff_module
from newsift.ingest.sniff import Sniffed, shipped_model, sniff_text
from newsift.ingest.sniff_features import FEATURE_NAMES, sniff_features

GERMAN = """Startseite
Politik
Wirtschaft
Sport
Stadtrat schließt die Bibliothek im Westend
Von Lea Brenner
Der Stadtrat hat am Dienstag beschlossen, die Bibliothek im Westend zu schließen, weil die Sanierung zu teuer wäre.
Viele Anwohner zeigten sich enttäuscht und kündigten Widerstand gegen den Beschluss an.
2 Kommentare
Anna Schmidt sagt:
5. Januar 2020 um 10:15 Uhr
Schade, ich war als Kind oft dort.
Antworten
Jonas Keller sagt:
6. Januar 2020 um 08:02 Uhr
Wer soll das bezahlen?
Antworten
Impressum
Datenschutz
"""
FRENCH = """Accueil
Politique
Culture
La mairie ferme la bibliothèque du quartier
Par Marie Dufresne
Le conseil municipal a voté mardi la fermeture de la bibliothèque du quartier, jugée trop coûteuse à rénover.
De nombreux habitants se sont dits déçus et promettent de se mobiliser.
3 commentaires
Hugo Moreau a dit :
5 janvier 2020 à 10 h 15
Dommage.
Répondre
Inès Quintal a dit :
il y a 2 jours
Qui va payer ?
Répondre
© 2020 Le Courrier. Tous droits réservés.
"""
SPANISH = """Inicio
Política
Deportes
El ayuntamiento cierra la biblioteca del barrio
Por Ana García
El ayuntamiento aprobó el martes el cierre de la biblioteca del barrio porque la reforma costaría demasiado.
Muchos vecinos se mostraron decepcionados y anunciaron protestas.
Comentarios
Mateo Ferrandiz dice:
5 de enero de 2020 a las 10:15
Una pena.
Responder
Lucía Castellano dice:
hace 3 horas
¿Quién lo paga?
Responder
"""
PLAIN_GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die Bibliothek im Westend zu schließen. "
    "Die Sanierung wäre zu teuer gewesen.\n\nViele Anwohner zeigten sich enttäuscht und "
    "kündigten Widerstand an. Eine Sprecherin sagte, man prüfe andere Räume.\n\n"
    "Bis zum Sommer soll eine Lösung gefunden werden, die alle Seiten zufriedenstellt.\n"
)
PLAIN_FRENCH = (
    "Le conseil municipal a voté mardi la fermeture de la bibliothèque du quartier. "
    "Selon la mairie, la rénovation aurait coûté trop cher.\n\nDe nombreux habitants se "
    "sont dits déçus. L'opposition dénonce une décision précipitée et mal préparée.\n"
)
PLAIN_ENGLISH = (
    "The council voted on Tuesday to close the branch library. The renovation would have "
    "cost too much, the city said.\n\nMany residents were disappointed and promised to "
    "fight the decision at the next meeting on March 4.\n"
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (GERMAN, "dump"),
        (FRENCH, "dump"),
        (SPANISH, "dump"),
        (GERMAN.replace("\n", "\n\n"), "dump"),
        (PLAIN_GERMAN, "text"),
        (PLAIN_FRENCH, "text"),
        (PLAIN_ENGLISH, "text"),
        ("One paragraph of plain text, nothing else.", "text"),
        ("plain text body", "text"),  # too short to weigh
        ("A title\n\nplain text body", "text"),
        ("Title\nby Ana Ruiz\n\nBody.", "dump"),  # the anchor rule: a byline at the top
    ],
)
def test_sniffed_kind(text: str, kind: str) -> None:
    assert sniff_text(text).kind == kind


def test_features_have_one_value_per_name() -> None:
    for text in (GERMAN, PLAIN_ENGLISH, "", "\n\n\n"):
        assert len(sniff_features(text)) == len(FEATURE_NAMES)


def test_confidence_is_the_probability_of_the_kind_chosen() -> None:
    assert Sniffed("dump", 0.9).confidence == pytest.approx(0.9)
    assert Sniffed("text", 0.1).confidence == pytest.approx(0.9)


def test_meta_says_how_sure_the_sniffer_was() -> None:
    sniffed = document_from_text(GERMAN)
    assert sniffed.meta.kind == "dump"
    assert sniffed.meta.kind_confidence is not None
    assert 0.5 <= sniffed.meta.kind_confidence <= 1.0
    assert document_from_text(GERMAN, kind="text").meta.kind_confidence is None


def test_kind_confidence_round_trips_and_is_absent_when_not_sniffed() -> None:
    doc = document_from_text(GERMAN)
    data = doc.to_dict()
    assert data["meta"]["kind_confidence"] == doc.meta.kind_confidence
    assert Document.from_dict(data).meta == doc.meta
    given = document_from_text(GERMAN, kind="dump").to_dict()
    assert "kind_confidence" not in given["meta"]  # what an older reader reads
    assert Meta.from_dict({"kind_confidence": 1}).kind_confidence == 1.0


@pytest.mark.parametrize("bad", ["0.9", 1.5, -0.1, True])
def test_kind_confidence_must_be_a_probability(bad: object) -> None:
    from newsift.errors import SchemaError

    with pytest.raises(SchemaError, match="kind_confidence"):
        Meta.from_dict({"kind_confidence": bad})


def test_a_model_file_with_another_digest_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped_model.cache_clear()
    monkeypatch.setattr(sniff_module, "SNIFF_SHA256", "0" * 64)
    try:
        with pytest.raises(ModelError, match=r"sniff-v1\.npz"):
            shipped_model()
    finally:
        shipped_model.cache_clear()
