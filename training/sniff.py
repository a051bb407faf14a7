"""Fit the input sniffer (dump or plain text): ``python -m training.sniff``.

The model behind ``src/newsift/models/sniff-v1.npz`` (card beside it): logistic
regression over :data:`newsift.ingest.sniff_features.FEATURE_NAMES`, fitted by
Newton's method with an L2 penalty and classes weighted equally, on standardised
features (the standardisation is folded into the weights it writes). Deterministic:
no random numbers beyond a seeded generator for the synthetic pages, and the npz
is written with fixed ZIP timestamps (``training.confidence.save``: ``names``,
``weights``, ``meta`` = bias and threshold), so a rerun writes the same bytes (the
SHA-256 it prints goes into ``newsift.ingest.sniff.SNIFF_SHA256``).

Examples (``examples()``; ``benchmarks/sniff.py`` reads the same):

- dumps: every HTML page of ``../shared/data/extraction/adbar_eval`` rendered line
  by line (:func:`newsift.ingest.dom.render.render_lines`), as web corpora
  store pages; plain text: the same page's body paragraphs from the DOM side
  (trafilatura's body), half of them under their headline;
- plain text: PolNeAR article texts (``../shared/data/attribution/polnear``) and
  verified-claim pages (``../shared/data/claims/checkthat2022_task2a_en``);
- synthetic pages in de, fr, es, it, nl, pt (and en) from templates with invented
  names: a dump (menu, headline, byline, date, body, comment thread, footer) and
  the same body as plain text.

Parts: a site in the held-out 30% of :func:`newsift.eval.lines.held_out` (and all
of ``zyte_aeb``, PolNeAR ``dev``, a fifth of the claims, synthetic seeds >= 300)
is ``held-out``, never fitted and reported only by the benchmark; of the rest, a
fifth of the sites (another salt) is ``tune`` (threshold and penalty chosen
there), the others ``train``.
"""

# ruff: noqa: E501  (the synthetic pages' sentences are prose, kept one to a line)
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.eval.lines import held_out
from newsift.eval.metrics import balanced_accuracy_at_threshold
from newsift.ingest.dom.page import read_html_page
from newsift.ingest.dom.render import render_lines
from newsift.ingest.html_decode import decode_html
from newsift.ingest.sniff_features import FEATURE_NAMES, sniff_features
from training.confidence import save
from training.paths import MODELS, SHARED_DATA

SYNTHETIC_PAGES = 400  # seeds 0..399: < 300 fit (train/tune), >= 300 held out
SYNTHETIC_HELD_OUT = 300
PENALTY = 1.0


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    dump: bool
    part: str  # train, tune or held-out
    source: str  # adbar, zyte, polnear, claims, synthetic-<lang>


def _part(key: str) -> str:
    if held_out(key):
        return "held-out"
    return "tune" if held_out(key, salt="newsift-sniff-tune", share=0.2) else "train"


def _text_part(key: str) -> str:
    """train or tune for a text with no site: a fifth to tune, by the key's hash."""
    return "tune" if _hashed(f"tune|{key}", 0.2) else "train"


def _hashed(key: str, share: float) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 2**32 < share


def rendered_pages(shared: Path) -> Iterator[tuple[str, str, str, str]]:
    """``(source, key, dump, body text)`` for every HTML page newsift can read."""
    adbar = shared / "extraction" / "adbar_eval"
    entries = json.loads((adbar / "trafilatura_evaldata.json").read_text(encoding="utf-8"))
    for key, entry in entries.items():
        with gzip.open(adbar / entry["page"]) as handle:
            pair = _render(handle.read(), key if key.startswith("http") else None)
        if pair is not None:
            yield "adbar", key, *pair
    zyte = shared / "extraction" / "zyte_aeb"
    truth = json.loads((zyte / "ground-truth.json").read_text(encoding="utf-8"))
    for name, record in sorted(truth.items()):
        with gzip.open(zyte / "html" / f"{name}.html.gz") as handle:
            pair = _render(handle.read(), record.get("url"))
        if pair is not None:
            yield "zyte", str(record.get("url") or name), *pair


def _render(raw: bytes, url: str | None) -> tuple[str, str] | None:
    try:
        page = read_html_page(decode_html(raw)[0], url=url)
    except Exception:  # noqa: BLE001 - pages newsift refuses are not examples
        return None
    if page.root is None:
        return None
    lines = render_lines(page.root)
    body = [p.strip() for p in page.body if p.strip()]
    if not lines or not body:
        return None
    dump = "\n\n".join(line.text for line in lines)
    text = "\n\n".join(body)
    if page.meta.headline and _hashed(dump[:200], 0.5):
        text = f"{page.meta.headline}\n\n{text}"
    return dump, text


def prose(shared: Path) -> Iterator[Example]:
    """Plain-text articles and claims, never dumps."""
    polnear = shared / "attribution" / "polnear"
    for compartment in ("train", "dev"):
        for path in sorted((polnear / compartment / "text").glob("*")):
            text = path.read_text(encoding="utf-8", errors="replace")
            part = "held-out" if compartment == "dev" else _text_part(f"polnear-{path.name}")
            yield Example(text, False, part, "polnear")
    vclaims = shared / "claims" / "checkthat2022_task2a_en" / "vclaims.jsonl"
    with vclaims.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= 3000:
                break
            record = json.loads(line)
            parts = [record.get(k) or "" for k in ("title", "subtitle", "vclaim")]
            text = "\n\n".join(p.strip() for p in parts if p.strip())
            key = str(record.get("vclaim_id"))
            part = "held-out" if _hashed(key, 0.2) else _text_part(f"claims-{key}")
            yield Example(text, False, part, "claims")


# synthetic pages -------------------------------------------------------------
_FIRST = ("Anna", "Jonas", "Lea", "Paul", "Marie", "Luca", "Sofia", "Mateo", "Inès", "Bram",
          "Chiara", "Tiago", "Elif", "Noah", "Clara", "Hugo", "Lucía", "Joana", "Femke", "Marco")  # fmt: skip
_LAST = ("Brenner", "Keller", "Dufresne", "Marchetti", "Van Aalst", "Oliveira", "Ferrandiz",
         "Lindqvist", "Moreau", "Schaller", "Ribeiro", "De Wit", "Castellano", "Quintal")  # fmt: skip

_LANGUAGES: dict[str, dict[str, tuple[str, ...]]] = {
    "de": {
        "menu": ("Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Regional", "Anmelden"),
        "by": ("Von {name}", "{name}", "Von {name} | Redakteurin"),
        "date": ("{d}. {month} {y}", "{d}. {month} {y}, {h}:{mi} Uhr", "{dd}.{mm}.{y}",
                 "Veröffentlicht am {d}. {month} {y}", "Aktualisiert: {dd}.{mm}.{y}, {h}:{mi} Uhr"),
        "months": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                   "September", "Oktober", "November", "Dezember"),
        "sentences": ("Der Stadtrat hat am Dienstag beschlossen, die Bibliothek im Westen zu schließen.",
                      "Viele Anwohner zeigten sich enttäuscht und kündigten Widerstand an.",
                      "Die Kosten für die Sanierung wären nach Angaben der Verwaltung zu hoch gewesen.",
                      "Eine Sprecherin sagte, man prüfe nun andere Räume in der Nähe des Bahnhofs.",
                      "Bis zum Sommer soll eine Lösung gefunden werden, die alle Seiten zufriedenstellt.",
                      "Die Opposition kritisierte das Verfahren als überhastet und schlecht vorbereitet."),
        "head": ("{name} sagt:", "{name}", "Von {name}", "{name} schreibt:"),
        "time": ("{d}. {month} {y} um {h}:{mi} Uhr", "{dd}.{mm}.{y}, {h}:{mi}", "vor {n} Stunden",
                 "vor {n} Tagen", "{dd}.{mm}.{y} um {h}:{mi} Uhr"),
        "ui": ("Antworten", "Melden", "Gefällt mir", "Teilen"),
        "section": ("{n} Kommentare", "Kommentare", "Schreibe einen Kommentar"),
        "footer": ("Impressum", "Datenschutz", "© {y} Stadtanzeiger. Alle Rechte vorbehalten."),
        "replies": ("Das sehe ich genauso.", "Wer soll das bezahlen?",
                    "Schade, ich war als Kind oft dort und habe dort lesen gelernt.",
                    "Endlich wird einmal gespart, das war überfällig."),
    },
    "fr": {
        "menu": ("Accueil", "Politique", "Économie", "Sports", "Culture", "Se connecter"),
        "by": ("Par {name}", "{name}", "Par {name}, journaliste"),
        "date": ("{d} {month} {y}", "Publié le {d} {month} {y} à {h}h{mi}", "Le {dd}/{mm}/{y}",
                 "Mis à jour le {d} {month} {y}"),
        "months": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                   "septembre", "octobre", "novembre", "décembre"),
        "sentences": ("Le conseil municipal a voté mardi la fermeture de la bibliothèque du quartier.",
                      "De nombreux habitants se sont dits déçus et promettent de se mobiliser.",
                      "Selon la mairie, les travaux de rénovation auraient coûté trop cher.",
                      "Une porte-parole a indiqué que d'autres locaux près de la gare étaient à l'étude.",
                      "Une solution devrait être trouvée avant l'été, selon l'adjoint au maire.",
                      "L'opposition dénonce une décision précipitée et mal préparée."),
        "head": ("{name} a dit :", "{name}", "Par {name}", "{name} dit :"),
        "time": ("{d} {month} {y} à {h} h {mi}", "Le {d} {month} {y} à {h}:{mi}", "il y a {n} heures",
                 "il y a {n} jours", "{dd}/{mm}/{y} à {h}h{mi}"),
        "ui": ("Répondre", "Signaler", "J'aime", "Partager"),
        "section": ("{n} commentaires", "Commentaires", "Laisser un commentaire"),
        "footer": ("Mentions légales", "© {y} Le Courrier. Tous droits réservés."),
        "replies": ("Je suis tout à fait d'accord.", "Qui va payer tout cela ?",
                    "Dommage, j'y allais souvent quand j'étais enfant.",
                    "Enfin une décision raisonnable pour les finances."),
    },
    "es": {
        "menu": ("Inicio", "Política", "Economía", "Deportes", "Cultura", "Iniciar sesión"),
        "by": ("Por {name}", "{name}", "Por {name} | Redacción"),
        "date": ("{d} de {month} de {y}", "Publicado el {d} de {month} de {y}", "{dd}/{mm}/{y} {h}:{mi}",
                 "Actualizado el {d} de {month} de {y} a las {h}:{mi}"),
        "months": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                   "septiembre", "octubre", "noviembre", "diciembre"),
        "sentences": ("El ayuntamiento aprobó el martes el cierre de la biblioteca del barrio.",
                      "Muchos vecinos se mostraron decepcionados y anunciaron protestas.",
                      "Según el consistorio, la reforma del edificio habría costado demasiado.",
                      "Una portavoz explicó que se estudian otros locales cerca de la estación.",
                      "La solución debería llegar antes del verano, según el concejal.",
                      "La oposición criticó una decisión precipitada y mal preparada."),
        "head": ("{name} dice:", "{name}", "Por {name}", "{name} dijo:"),
        "time": ("{d} de {month} de {y} a las {h}:{mi}", "hace {n} horas", "hace {n} días",
                 "{dd}/{mm}/{y} a las {h}:{mi}", "el {d} de {month} de {y}"),
        "ui": ("Responder", "Denunciar", "Me gusta", "Compartir"),
        "section": ("{n} comentarios", "Comentarios", "Deja un comentario"),
        "footer": ("Aviso legal", "© {y} El Diario Local. Todos los derechos reservados."),
        "replies": ("Estoy de acuerdo.", "¿Quién va a pagar esto?",
                    "Una pena, de niño iba allí todas las semanas.",
                    "Por fin una decisión sensata con el dinero público."),
    },
    "it": {
        "menu": ("Home", "Politica", "Economia", "Sport", "Cultura", "Accedi"),
        "by": ("Di {name}", "{name}", "di {name}"),
        "date": ("{d} {month} {y}", "Pubblicato il {d} {month} {y}", "{dd}/{mm}/{y} ore {h}:{mi}",
                 "Aggiornato il {d} {month} {y} alle {h}:{mi}"),
        "months": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
                   "settembre", "ottobre", "novembre", "dicembre"),
        "sentences": ("Il consiglio comunale ha votato martedì la chiusura della biblioteca.",
                      "Molti residenti si sono detti delusi e annunciano proteste.",
                      "Secondo il Comune, la ristrutturazione sarebbe costata troppo.",
                      "Una portavoce ha spiegato che si valutano altri locali vicino alla stazione.",
                      "Una soluzione dovrebbe arrivare prima dell'estate, secondo l'assessore.",
                      "L'opposizione parla di una decisione affrettata e mal preparata."),
        "head": ("{name} scrive:", "{name}", "{name} dice:"),
        "time": ("{d} {month} {y} alle {h}:{mi}", "{n} ore fa", "{n} giorni fa", "{dd}.{mm}.{y} {h}:{mi}"),
        "ui": ("Rispondi", "Segnala", "Mi piace", "Condividi"),
        "section": ("{n} commenti", "Commenti", "Lascia un commento"),
        "footer": ("Note legali", "© {y} Il Giornale di Città. Tutti i diritti riservati."),
        "replies": ("Sono d'accordo.", "Chi paga tutto questo?",
                    "Peccato, ci andavo spesso da bambino.", "Finalmente una scelta sensata."),
    },
    "nl": {
        "menu": ("Home", "Binnenland", "Economie", "Sport", "Cultuur", "Inloggen"),
        "by": ("Door {name}", "{name}"),
        "date": ("{d} {month} {y}", "Gepubliceerd op {d} {month} {y}", "{dd}-{mm}-{y}, {h}:{mi}",
                 "Bijgewerkt op {d} {month} {y} om {h}:{mi}"),
        "months": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                   "september", "oktober", "november", "december"),
        "sentences": ("De gemeenteraad heeft dinsdag besloten de bibliotheek in de wijk te sluiten.",
                      "Veel bewoners zijn teleurgesteld en kondigen protest aan.",
                      "Volgens de gemeente zou de verbouwing te duur zijn geworden.",
                      "Een woordvoerder zei dat andere ruimtes bij het station worden bekeken.",
                      "Voor de zomer moet er een oplossing zijn, aldus de wethouder.",
                      "De oppositie spreekt van een overhaast en slecht voorbereid besluit."),
        "head": ("{name} zegt:", "{name}", "Door {name}"),
        "time": ("{d} {month} {y} om {h}:{mi}", "{n} uur geleden", "{n} dagen geleden", "{dd}-{mm}-{y} {h}:{mi}"),
        "ui": ("Reageren", "Beantwoorden", "Delen"),
        "section": ("{n} reacties", "Reacties", "Laat een reactie achter"),
        "footer": ("Privacy", "© {y} Stadsblad. Alle rechten voorbehouden."),
        "replies": ("Helemaal mee eens.", "Wie gaat dat betalen?",
                    "Jammer, ik kwam er als kind vaak.", "Eindelijk een verstandig besluit."),
    },
    "pt": {
        "menu": ("Início", "Política", "Economia", "Desporto", "Cultura", "Entrar"),
        "by": ("Por {name}", "{name}"),
        "date": ("{d} de {month} de {y}", "Publicado em {d} de {month} de {y}", "{dd}/{mm}/{y} às {h}:{mi}",
                 "Atualizado em {d} de {month} de {y}"),
        "months": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
                   "setembro", "outubro", "novembro", "dezembro"),
        "sentences": ("A câmara municipal aprovou na terça-feira o encerramento da biblioteca do bairro.",
                      "Muitos moradores mostraram-se desiludidos e anunciaram protestos.",
                      "Segundo a autarquia, as obras de renovação seriam demasiado caras.",
                      "Uma porta-voz explicou que estão a ser estudados outros espaços junto à estação.",
                      "A solução deverá surgir antes do verão, segundo o vereador.",
                      "A oposição criticou uma decisão precipitada e mal preparada."),
        "head": ("{name} disse:", "{name}", "Por {name}", "{name} diz:"),
        "time": ("{d} de {month} de {y} às {h}:{mi}", "há {n} horas", "há {n} dias", "{dd}/{mm}/{y} {h}:{mi}"),
        "ui": ("Responder", "Denunciar", "Gosto", "Partilhar"),
        "section": ("{n} comentários", "Comentários", "Deixe um comentário"),
        "footer": ("Termos de utilização", "© {y} Jornal da Cidade. Todos os direitos reservados."),
        "replies": ("Concordo plenamente.", "Quem vai pagar isto?",
                    "Que pena, ia lá muitas vezes em criança.", "Finalmente uma decisão sensata."),
    },
    "en": {
        "menu": ("Home", "News", "Politics", "Business", "Sport", "Sign in"),
        "by": ("By {name}", "{name}", "By {name} | Staff Writer"),
        "date": ("{month} {d}, {y}", "Published {month} {d}, {y} at {h}:{mi}", "{y}-{mm}-{dd}"),
        "months": ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"),
        "sentences": ("The city council voted on Tuesday to close the branch library.",
                      "Many residents said they were disappointed and promised to fight the decision.",
                      "According to the city, the renovation would have cost too much.",
                      "A spokeswoman said other rooms near the station were being considered.",
                      "A solution should be found before the summer, the deputy mayor said.",
                      "The opposition called the decision rushed and poorly prepared."),
        "head": ("{name} says:", "{name}", "{name} · {n} days ago"),
        "time": ("{month} {d}, {y} at {h}:{mi} pm", "{n} hours ago", "{n} days ago"),
        "ui": ("Reply", "Report", "Like", "Share"),
        "section": ("{n} comments", "Comments", "Leave a Reply"),
        "footer": ("Privacy Policy", "© {y} The Courier. All rights reserved."),
        "replies": ("I agree.", "Who is going to pay for this?",
                    "Shame, I went there every week as a kid.", "Finally a sensible decision."),
    },
}  # fmt: skip


def synthetic(seed: int) -> list[tuple[str, str, str]]:
    """``(language, dump, plain text)`` for each language, from one seed."""
    rng = random.Random(seed)
    out = []
    for language, table in _LANGUAGES.items():

        def pick(key: str, table: dict[str, tuple[str, ...]] = table) -> str:
            day, month, hour = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 23)
            return rng.choice(table[key]).format(
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                d=day, dd=f"{day:02d}", month=table["months"][month - 1], mm=f"{month:02d}",
                y=rng.randint(2012, 2025), h=f"{hour:02d}", mi=f"{rng.randint(0, 59):02d}",
                n=rng.randint(2, 30),
            )  # fmt: skip

        sentences = list(table["sentences"])
        paragraphs = []
        for _ in range(rng.randint(2, 8)):
            rng.shuffle(sentences)
            paragraphs.append(" ".join(sentences[: rng.randint(1, 4)]))
        headline = rng.choice(table["sentences"]).rstrip(".")
        lines = rng.sample(table["menu"], rng.randint(0, len(table["menu"])))
        lines += [headline, pick("by"), pick("date")][: rng.randint(2, 3)]
        lines += paragraphs
        if rng.random() < 0.8:
            lines.append(pick("section"))
            for _ in range(rng.randint(1, 6)):
                lines += [pick("head"), pick("time"), rng.choice(table["replies"])]
                lines += rng.sample(table["ui"], rng.randint(0, 2))
        if rng.random() < 0.7:
            lines += [pick("footer") for _ in range(rng.randint(1, 2))]
        joiner = "\n\n" if rng.random() < 0.5 else "\n"
        plain = "\n\n".join(([headline] if rng.random() < 0.5 else []) + paragraphs)
        out.append((language, joiner.join(lines), plain))
    return out


def examples(shared: Path) -> Iterator[Example]:
    """Every example, with its part and source (see the module's docstring)."""
    for source, key, dump, body in rendered_pages(shared):
        part = "held-out" if source == "zyte" else _part(key)
        yield Example(dump, True, part, source)
        yield Example(body, False, part, f"{source}-body")
    yield from prose(shared)
    for seed in range(SYNTHETIC_PAGES):
        part = "held-out" if seed >= SYNTHETIC_HELD_OUT else ("tune" if seed % 5 == 0 else "train")
        for language, dump, plain in synthetic(seed):
            yield Example(dump, True, part, f"synthetic-{language}")
            yield Example(plain, False, part, f"synthetic-{language}-text")


# fitting ----------------------------------------------------------------------
def fit(
    x: NDArray[np.float64], y: NDArray[np.float64], penalty: float
) -> tuple[NDArray[np.float64], float, NDArray[np.float64], NDArray[np.float64]]:
    """Weights, bias, mean and scale of an L2 logistic regression, classes weighted
    equally; Newton's method from zero (deterministic)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    sample = np.where(y > 0.5, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    w = np.zeros(z.shape[1])
    ridge = np.full(z.shape[1], penalty)
    ridge[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -60, 60)))
        gradient = z.T @ (sample * (p - y)) + ridge * w
        hessian = (z * (sample * p * (1 - p))[:, None]).T @ z + np.diag(ridge + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return w[:-1], float(w[-1]), mean, scale


def predict(
    x: NDArray[np.float64],
    model: tuple[NDArray[np.float64], float, NDArray[np.float64], NDArray[np.float64]],
) -> NDArray[np.float64]:
    weights, bias, mean, scale = model
    score = ((x - mean) / scale) @ weights + bias
    return 1.0 / (1.0 + np.exp(-np.clip(score, -60, 60)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path, default=SHARED_DATA)
    parser.add_argument("--out", type=Path, default=MODELS / "sniff-v1.npz")
    args = parser.parse_args()
    rows: dict[str, tuple[list[list[float]], list[float]]] = {"train": ([], []), "tune": ([], [])}
    for example in examples(args.shared_data):
        if example.part in rows:
            rows[example.part][0].append(sniff_features(example.text))
            rows[example.part][1].append(float(example.dump))
    x, y = (np.array(v, dtype=np.float64) for v in rows["train"])
    xt, yt = (np.array(v, dtype=np.float64) for v in rows["tune"])
    print(f"train {len(y)} ({int(y.sum())} dumps), tune {len(yt)} ({int(yt.sum())} dumps)")
    best: tuple[float, float, float] = (-1.0, PENALTY, 0.5)
    for penalty in (0.1, 1.0, 10.0):
        model = fit(x, y, penalty)
        p = predict(xt, model)
        for threshold in np.round(np.arange(0.3, 0.71, 0.05), 2).tolist():
            score = balanced_accuracy_at_threshold(p, yt > 0.5, threshold)
            if score > best[0] + 1e-9:
                best = (score, penalty, threshold)
    score, penalty, threshold = best
    print(f"tune balanced accuracy {score:.4f} at penalty {penalty}, threshold {threshold}")
    weights, bias, mean, scale = fit(np.vstack([x, xt]), np.concatenate([y, yt]), penalty)
    for name, weight in zip(FEATURE_NAMES, weights, strict=True):
        print(f"  {name:22} {weight:+.3f} (per standard deviation)")
    raw = weights / scale  # the standardisation folded in: p = sigmoid(raw . x + raw_bias)
    save(args.out, FEATURE_NAMES, raw, bias - float(raw @ mean), threshold)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
