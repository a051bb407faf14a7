"""Test and benchmark harnesses that are not part of the shipped package."""
