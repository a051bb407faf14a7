"""Corpus mode: forensics across the documents of a ``newsift batch`` output folder.

- :mod:`newsift.corpus.duplicates`: near-duplicate clusters (MinHash LSH);
- :mod:`newsift.corpus.names` and :mod:`newsift.corpus.ledger`: the expert ledger;
- :mod:`newsift.corpus.profiles`: author and outlet profiles;
- :mod:`newsift.corpus.analyze`: all of them over a folder; :mod:`newsift.corpus.report`: HTML;
- :mod:`newsift.corpus.synthetic`: a seeded synthetic network to test them on.

See ``docs/corpus.md``.
"""
