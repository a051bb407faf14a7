"""Junk comments without false alarms: spam needs more than one signal.

A comment is *junk* when it was posted to sell, advertise or draw traffic
rather than to take part in the discussion, or when it is not comment text at
all (script or HTML injected, keyboard mash, another language or script than
the page). Reasons (:data:`newsift.comments.annotations.JUNK_REASONS`):

- ``link_spam``: a link plus at least one other spam signal;
- ``coupon_spam``: a code or discount in spam with a link, or, without a
  link, at least :data:`MIN_SIGNALS` distinct spam signals (a coupon code,
  "% off", urgency, repeated calls to buy, contact details, money-making
  offers, sales words, all-caps promotion), one of them a way to act (a
  code, contact details, a call to buy);
- ``foreign_text``: another script, or (Latin script) another language by the
  common-word guesser with few English function words on an English page;
- ``markup``: HTML tags or script (entities such as ``&amp;`` alone are
  scraping noise, not junk);
- ``gibberish``: most words, and at least two (or the only one), are not
  words (no vowels, long consonant runs, one letter over and over), or there
  are no letters at all.

One signal is never enough, and a comment of :data:`WORDY` words or more
needs three: a citation link, "40% off my cheques" or a
"limited time" in an argument stays a comment. A long comment on the
article's topic (``on_topic`` true and at least :data:`LONG_WORDS` words) is
never junk. The thresholds were chosen on the tuning half of the labelled
sample in ``benchmarks/data/comments_junk/`` (``benchmarks/comments_junk.py``).
"""

from __future__ import annotations

import re

from newsift.text.language import guess_language

MIN_SIGNALS = 2
#: Comments of at least ``WORDY`` words need ``MIN_SIGNALS_WORDY`` signals: spam is short.
WORDY = 25
MIN_SIGNALS_WORDY = 3
LONG_WORDS = 40
ENGLISH_SHARE = 0.1  # share of English function words above which Latin text is English
GIBBERISH_SHARE = 0.5
#: Signals that give the reader a way to act (follow, pay, write): spam needs one of them.
ACTIONABLE = frozenset({"link", "spam_domain", "coupon", "contact", "call", "calls"})

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
LINK = re.compile(
    r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|net|org|biz|info|ru|xyz|top|shop|online|site|io|co)"
    r"(?:/\S*)?\b",
    re.IGNORECASE,
)
_SPAM_DOMAIN = re.compile(
    r"\.(?:biz|xyz|top|shop|online|site|club|win|loan|ru)\b|"
    r"(?:cheap|deal|discount|sale|casino|pills?|pharma|meds|loan|cash|prize|win|earn|money)"
    r"[\w-]*\.",
    re.IGNORECASE,
)
#: Each signal class: a name and the pattern whose matches count for it.
SIGNALS: dict[str, re.Pattern[str]] = {
    "coupon": re.compile(
        r"\b(?:(?:coupon|promo(?:tion(?:al)?)?|discount|voucher) code|use (?:my |the )?code|"
        r"with (?:the )?code|code:?\s+[A-Z0-9]*\d[A-Z0-9]*)\b",
        re.IGNORECASE,
    ),
    "discount": re.compile(
        r"\b\d{1,3}\s?% off\b|\bfree shipping\b|\bhalf price\b|\bsave \$\d+|\bbest price",
        re.IGNORECASE,
    ),
    "urgency": re.compile(
        r"\b(?:today only|limited time|act now|hurry|while (?:supplies|stocks) last|"
        r"don'?t miss (?:out|this)|last chance)\b",
        re.IGNORECASE,
    ),
    "call": re.compile(
        r"\b(?:buy (?:now|it|them|here|today|cheap)|order (?:now|today|here)|shop now|"
        r"click (?:here|now|the link|this link)|visit (?:my|our) (?:site|website|store|shop|page)|"
        r"check out (?:my|our)|sign up (?:now|today|here)|call (?:now|today|us)|"
        r"(?:dm|message|text|contact) (?:me|us)|join (?:now|today))\b",
        re.IGNORECASE,
    ),
    "contact": re.compile(
        r"\b[\w.+-]+@[\w-]+\.[a-z]{2,}\b|(?<![\w/.])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)|"
        r"\+\d{1,3}(?:[ .-]?\d{2,5}){2,4}\b|\b1-8\d\d-\d{3}-\d{4}\b|"
        r"\b(?:whats ?app|telegram|wechat)\b",
        re.IGNORECASE,
    ),
    "money": re.compile(
        r"\b(?:earn|make) (?:\$|up to|over|extra|money|cash)|\bwork(?:ing)? from home\b|"
        r"\$\d[\d,]* (?:a|per) (?:day|week|month|hour)\b|\bpassive income\b|\bget paid\b",
        re.IGNORECASE,
    ),
    "sales": re.compile(
        r"\b(?:viagra|cialis|casino|payday loans?|cheap (?:pills|meds|followers|likes)|"
        r"(?:buy|get) (?:followers|likes)|weight loss pills?|crypto (?:signals|investment)|"
        r"replica watches|diet pills?)\b",
        re.IGNORECASE,
    ),
}
#: Any signal at all: most comments have none, and one pass tells.
_ANY_SIGNAL = re.compile("|".join(f"(?:{p.pattern})" for p in SIGNALS.values()), re.IGNORECASE)
_CAPS_SALES = re.compile(
    r"\b(?:FREE|SALE|BUY|ORDER|OFFER|DEAL|DISCOUNT|CASH|WIN|WINNER|PRIZE|CLICK|NOW)\b"
)
_MARKUP = re.compile(
    r"</?(?:div|span|script|style|iframe|a|p|br|img|table|font)"
    r"(?:\s+[\w-]+\s*=\s*[\"'][^\"'<>]*[\"'])*\s*/?>|"
    r"\bfunction\s*\(|\{\{|\}\}|document\.write|window\.location|javascript:",
    re.IGNORECASE,
)
_VOWELS = frozenset("aeiouy")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}", re.IGNORECASE)
_SAME_LETTER = re.compile(r"([a-z])\1{3,}", re.IGNORECASE)
#: Without any of these the text has no non-word (see ``_not_a_word``).
_ODD_HINT = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}|([a-z])\1{3,}", re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-z]")
_HANDLE = re.compile(r"[@#][\w.]+")


def _entries(block: str) -> frozenset[str]:
    """The whitespace-separated entries of a word-list block."""
    return frozenset(block.split())


_ENGLISH = _entries(
    """
    and are as at be but by can for from had has have he her his i if it its my not of on
    or our she than that the their them then there they this to up us was we were what
    when who why will with would you your more just about all been how only
    me im dont aint ain't gonna wanna u ur lol got get like
    """
)  # English alone: "a", "in", "is", "no", "me", "so" are also other languages' words


#: Common words of other languages that are not English words ("a", "in", "no", "con",
#: "van", "die", and "da", "do", "em", "dat" of written dialect, are left out): an
#: English page's comment in another language has two or more of one language's
#: (distinct, two letters or more).
_OTHER_LANGUAGES = {
    "de": _entries("der und das ist nicht ein eine zu mit sich auf für von dem des im auch wird"),
    "fr": _entries("le la les et est une un pour que qui dans pas du sur au avec ce il elle sont"),
    "es": _entries(
        "el la los las de que en una es por para se del al como más pero muy este esta sobre "
        "fue ser son está hay todo"
    ),
    "it": _entries("il di che la e una per non sono del della si gli le è da nel anche"),
    "nl": _entries("de het een en te niet met voor zijn maar ook aan bij"),
    "pt": _entries(
        "os de que um uma para com não por se mais dos das este esta isso sobre muito "
        "foi ser tem são mas ao pela pelo"
    ),
}
MIN_FOREIGN_WORDS = 2


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``."""
    return [w.lower() for w in _WORD.findall(text)]


def spam_signals(text: str) -> list[str]:
    """The distinct spam signal classes in ``text``, in a fixed order.

    ``link`` (any link), ``spam_domain`` (a link on a spam-prone domain or
    one named for sales), the classes of :data:`SIGNALS`, read with the links
    taken out (``call`` counts twice, as ``calls``, when it occurs at least
    twice) and ``caps_promo`` (two or more capitalised sales words).
    """
    found = []
    links = LINK.findall(text)
    if links:
        found.append("link")
        if any(_SPAM_DOMAIN.search(link) for link in links):
            found.append("spam_domain")
    plain = LINK.sub(" ", text) if links else text
    if not _ANY_SIGNAL.search(plain) and not _CAPS_SALES.search(plain):
        return found
    for name, pattern in SIGNALS.items():
        hits = len(pattern.findall(plain))
        if hits:
            found.append(name)
        if name == "call" and hits >= 2:
            found.append("calls")
    if len(_CAPS_SALES.findall(plain)) >= 2:
        found.append("caps_promo")
    return found


def is_spam(signals: list[str], words: int = 0) -> bool:
    """Enough signals for a comment of ``words`` words, one a way to act (:data:`ACTIONABLE`).

    A link with a call ("dm me", "click here") and nothing else is a remark, not spam.
    """
    needed = MIN_SIGNALS_WORDY if words >= WORDY else MIN_SIGNALS
    return (
        len(signals) >= needed
        and any(s in ACTIONABLE for s in signals)
        and bool(set(signals) - {"link", "call", "calls"})
    )


def junk_reasons(
    text: str, page_language: str | None = "en", *, on_topic: bool | None = None
) -> list[str]:
    """Why ``text`` looks injected rather than written as a comment, in a fixed order.

    ``on_topic``: whether the comment shares enough words with the article
    (None when there is no article); a long on-topic comment is never junk.
    """
    plain = LINK.sub(" ", text)
    tokens = words(plain)
    if on_topic and len(tokens) >= LONG_WORDS:
        return []
    reasons = []
    signals = spam_signals(text)
    spam = is_spam(signals, len(tokens))
    if "link" in signals and (spam or _bare_spam_link(text, tokens)):
        reasons.append("link_spam")
    if spam and ("link" not in signals or {"coupon", "discount"} & set(signals)):
        reasons.append("coupon_spam")
    if foreign(plain, page_language):
        reasons.append("foreign_text")
    if _MARKUP.search(text):
        reasons.append("markup")
    if gibberish(plain, tokens):
        reasons.append("gibberish")
    return reasons


def _bare_spam_link(text: str, tokens: list[str]) -> bool:
    """A comment that is hardly more than a link on a spam-prone domain."""
    return len(tokens) < 4 and any(_SPAM_DOMAIN.search(link) for link in LINK.findall(text))


def foreign(text: str, page_language: str | None) -> bool:
    """True when ``text`` is in another script, or plainly another language, than the page."""
    page = page_language or "en"
    if not text.isascii():
        letters = [c for c in text if c.isalpha()]
        if len(letters) < 12:
            return False
        latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
        if latin < 0.5 * len(letters):
            return page in {"en", "de", "fr", "es", "it", "nl", "pt"}
    elif sum(c.isalpha() for c in text[:40]) < 12 and len(_LETTERS.findall(text)) < 12:
        return False
    listed = words(_HANDLE.sub(" ", text))
    english = sum(w in _ENGLISH for w in listed)
    if page != "en":
        language = guess_language(text, min_hits=3)
        return language is not None and language != page
    if english >= ENGLISH_SHARE * max(1, len(listed)):
        return False
    distinct = {w for w in listed if len(w) >= 2}
    return max(len(distinct & common) for common in _OTHER_LANGUAGES.values()) >= MIN_FOREIGN_WORDS


def gibberish(text: str, tokens: list[str]) -> bool:
    """True when most words are not words, or there are only symbols."""
    if not tokens:
        return len(text.strip()) >= 10 and not any(c.isdigit() for c in text)
    if not _ODD_HINT.search(text):
        return False
    odd = sum(_not_a_word(w) for w in tokens)
    return odd >= min(2, len(tokens)) and odd >= GIBBERISH_SHARE * len(tokens)


def _not_a_word(word: str) -> bool:
    if len(word) < 4 or word.isdigit() or not word.isascii():
        return False
    if len(word) >= 5 and not (_VOWELS & set(word)):
        return True
    return bool(_CONSONANT_RUN.search(word) or (_SAME_LETTER.search(word) and len(set(word)) <= 2))
