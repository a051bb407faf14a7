"""Comment-thread analysis: offensiveness, insults, attacks, threats, spans, junk, summary.

The analyzer is :class:`newsift.comments.analyzer.ToxicityAnalyzer`
(``comments.toxicity.v1``); the layers it writes are in
:mod:`newsift.comments.annotations`.
"""
