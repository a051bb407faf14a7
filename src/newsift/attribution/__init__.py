"""Sourcing audit: quotes, their sources, anonymity, non-responses, the sourcing profile.

The analyzer is ``attribution.quotes.v1`` (:mod:`newsift.attribution.analyzer`);
its layers are defined in :mod:`newsift.attribution.annotations`. Nothing here
imports spaCy until the analyzer's ``setup()`` runs.
"""
