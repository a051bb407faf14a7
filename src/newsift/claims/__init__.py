"""Check-worthy claim detection: which sentences of an article state facts worth checking."""
