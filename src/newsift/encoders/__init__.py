"""Sentence encoders: text in, fixed-size vectors out (optional extras)."""
