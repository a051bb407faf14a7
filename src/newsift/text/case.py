"""When a case-blind regex may run as a plain one over the lower-cased text.

``re.IGNORECASE`` matches an ASCII letter to its capital and to four
characters beyond ASCII: "ſ" (long s), the Kelvin sign, "İ" and "ı". No other
character's case-blind match differs from its lower case, lower-casing keeps
every character's ``\\w``, ``\\d`` and ``\\s`` class, and only "İ" grows when
lower-cased. So in a text without those four, a pattern that spells its
letters in lower case finds, compiled without ``re.I``, the same matches at
the same offsets in ``text.lower()`` as it finds case-blind in ``text`` (the
tests check the premises over every code point). A plain search is two to
four times faster.
"""

from __future__ import annotations

#: the characters beyond ASCII that ``re.I`` matches to an ASCII letter
CASE_TRAPS = ("\u017f", "\u212a", "\u0130", "\u0131")


def lowers_plainly(text: str) -> bool:
    """True when case-blind matching in ``text`` is plain matching in ``text.lower()``."""
    return text.isascii() or not any(trap in text for trap in CASE_TRAPS)
