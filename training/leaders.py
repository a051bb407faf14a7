"""Derive the compact leaders table shipped with newsift (``make models``).

    python -m training.leaders [--shared ../shared]

Reads ../shared/data/officeholders/archigos_4.1_leaders.csv (Archigos 4.1,
effective national leaders 1875-2015; H. E. Goemans, K. S. Gleditsch,
G. Chiozza, Journal of Peace Research 46(2), 2009; CC BY 4.0 as stated by the
manystates package) and writes src/newsift/attribution/data/leaders.tsv: one
row per spell with the leader's name (full where known), surname, country
code, start and end dates, and whether the spell was still running when the
data ends (2015-12-31).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from training.paths import ROOT, SHARED

OUT = ROOT / "src" / "newsift" / "attribution" / "data" / "leaders.tsv"
DATA_END = "2015-12-31"
HEADER = (
    "# Derived from Archigos 4.1 (Goemans, Gleditsch & Chiozza 2009), CC BY 4.0 as stated by the"
    " manystates package; effective national leaders 1875-2015. Built by training.leaders.\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    source = args.shared / "data" / "officeholders" / "archigos_4.1_leaders.csv"
    rows = []
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            surname = row["leader"].strip()
            name = row["dbpedia_name"].strip() or surname
            start, end = row["startdate"].strip(), row["enddate"].strip()
            if not surname or len(start) != 10 or len(end) != 10:
                continue
            running = "1" if end >= DATA_END else "0"
            rows.append((name, surname, row["idacr"].strip(), start, end, running))
    rows.sort(key=lambda r: (r[3], r[2]))
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(("name", "surname", "country", "start", "end", "running_at_data_end"))
        writer.writerows(rows)
    print(f"wrote {OUT} ({len(rows)} spells, {OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
