"""HTML bytes to text the way a browser picks the encoding.

Order (after the WHATWG encoding-sniffing algorithm, simplified):

1. a byte order mark: UTF-8, UTF-16LE, UTF-16BE (a BOM beats every declaration);
2. ``declared``, the charset of the HTTP Content-Type, if it names an encoding;
3. ``<meta charset=...>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
   in the first :data:`META_SCAN_BYTES` bytes, read as ASCII (comments skipped);
4. UTF-8, if the whole input is valid UTF-8;
5. charset_normalizer's guess among the encodings browsers support, if its mess
   ratio is at most :data:`GUESS_MAX_CHAOS` (windows-1252 wins a tie, as a
   Western-locale browser would pick it);
6. windows-1252.

Labels are mapped as browsers map them (WHATWG Encoding Standard): ``latin1``,
``iso-8859-1`` and ``us-ascii`` mean windows-1252, ``shift_jis`` means
windows-31j (cp932), ``gb2312`` and ``gbk`` mean gb18030, ``euc-kr`` means
windows-949, ``big5`` means Big5-HKSCS, ``utf-16`` means UTF-16LE. A declared label
browsers do not know but Python does is used too (``euc_jis_2004``); labels that
are not byte encodings of text (``utf-7``, ``utf-32``, ``unicode_escape``, ...)
fall through to the next step. WHATWG's ``replacement`` labels, which browsers
decode as one U+FFFD, are decoded with Python's codec where it has one
(``iso-2022-kr``, ``hz``) and fall through where not (``iso-2022-cn``). A meta tag
only counts if it names an ASCII-compatible encoding; one naming UTF-16 means UTF-8.

Decoding never fails: undecodable bytes become U+FFFD. The returned encoding is
the Python codec name used, so ``data.decode(encoding, "replace")`` (without the
BOM) gives the same text before line endings are normalised to ``\\n``.
"""

from __future__ import annotations

import codecs
import re

from newsift.errors import BinaryInput, EmptyInput
from newsift.ingest.decode import _MAGIC, utf16_hint

META_SCAN_BYTES = 4096  # how far into the page a <meta> charset is looked for
NUL_SCAN_BYTES = 65536  # NUL bytes this early mean binary data (unless UTF-16) ...
NUL_SHARE_LIMIT = 0.001  # ... unless they are a few strays in a page full of tags
_TAGS = re.compile(rb"<(?:html|head|body|div|p|meta|title|script)\b", re.I)
GUESS_BYTES = 262_144  # how much of the page charset_normalizer looks at
GUESS_MAX_CHAOS = 0.2  # charset_normalizer mess ratio above which a guess is not trusted
FALLBACK = "cp1252"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF16 = frozenset({"utf-16-le", "utf-16-be"})
_MORE_MAGIC = re.compile(rb"\ARIFF....WEBP", re.S)

# WHATWG encoding labels (https://encoding.spec.whatwg.org/#names-and-labels) by
# the Python codec that decodes what browsers decode.
_WHATWG_LABELS = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859-2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
    "iso_8859-2:1987 l2 latin2",
    "iso8859-3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
    "iso_8859-3:1988 l3 latin3",
    "iso8859-4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
    "iso_8859-4:1988 l4 latin4",
    "iso8859-5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
    "iso_8859-5 iso_8859-5:1988",
    "iso8859-6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
    "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
    "iso_8859-6:1987",
    "iso8859-7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
    "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859-8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
    "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    "iso8859-10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859-13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859-14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859-15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859-16": "iso-8859-16",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8-u": "koi8-ru koi8-u",
    "mac-roman": "csmacintosh mac macintosh x-mac-roman",
    "mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
    "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 "
    "x-cp1252 x-user-defined",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
    "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 "
    "x-gbk gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
    "ksc5601 ksc_5601 windows-949",
    "utf-16-be": "unicodefffe utf-16be",
    "utf-16-le": "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
}
LABELS: dict[str, str] = {
    label: codec for codec, labels in _WHATWG_LABELS.items() for label in labels.split()
}
# Codecs Python knows that are not a byte encoding of a page's text.
_NOT_PAGE_ENCODINGS = frozenset(
    {
        "utf-7",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "unicode-escape",
        "raw-unicode-escape",
        "idna",
        "punycode",
        "undefined",
    }
)
# What charset_normalizer may guess: the encodings browsers decode, minus
# UTF-8 (tried strictly before) and UTF-16 (never without a BOM or declaration).
_GUESSABLE = sorted(set(LABELS.values()) - {"utf-8"} - _UTF16)

_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_META = re.compile(rb"""<meta[\s/]((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.I)
_ATTR = re.compile(rb"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.I)
_ASCII_PROBE = b'<meta charset="x">'


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode an HTML page as a browser would; return ``(text, encoding used)``.

    ``declared`` is the charset of the HTTP Content-Type, if any. Line endings
    become ``\\n`` and a BOM is dropped. Never fails on undecodable bytes (they
    become U+FFFD); raises :class:`EmptyInput` for empty or white-space-only
    input and :class:`BinaryInput` for compressed, PDF or image data, or for NUL
    bytes in the first 64 KiB of a page that is not UTF-16 by BOM or declaration
    (a few stray NULs in a page that is plainly HTML are dropped instead).
    """
    if not data.strip():
        raise EmptyInput("empty input")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"binary input: {what}")
    if _MORE_MAGIC.match(data):
        raise BinaryInput("binary input: a WebP image, not a page")
    encoding, bom = _from_bom(data)
    if encoding is None and declared is not None:
        encoding = encoding_for_label(declared)
    if encoding not in _UTF16 and b"\x00" in data[:NUL_SCAN_BYTES]:
        head = data[:NUL_SCAN_BYTES]
        if head.count(b"\x00") > NUL_SHARE_LIMIT * len(head) or not _TAGS.search(head):
            raise BinaryInput(f"binary input: it contains NUL bytes{utf16_hint(data)}")
        data = data.replace(b"\x00", b"")  # a few stray NULs in real markup: as browsers, drop them
    if encoding is None:
        encoding = meta_charset(data[:META_SCAN_BYTES])
    if encoding is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = _guess(data) or FALLBACK
        else:
            return _finish(text), "utf-8"
    text = data[len(bom) :].decode(encoding, "replace")
    return _finish(text), codecs.lookup(encoding).name


def encoding_for_label(label: str) -> str | None:
    """The Python codec for an encoding label, mapped as browsers map it, or None.

    WHATWG labels first; else a label Python knows, unless it is not a byte
    encoding of text (``utf-7``, ``utf-32``, ``rot13``, ...).
    """
    key = label.strip().strip("\"'").strip().lower()
    if not key:
        return None
    for candidate in (key, key.replace("_", "-")):
        if candidate in LABELS:
            return LABELS[candidate]
    try:
        info = codecs.lookup(key)
        b"x".decode(info.name)  # LookupError for bytes-to-bytes codecs such as rot13
    except (LookupError, ValueError):
        return None
    for candidate in (info.name, info.name.replace("_", "-")):
        if candidate in LABELS:
            return LABELS[candidate]
    if info.name in _NOT_PAGE_ENCODINGS:
        return None
    return info.name


def meta_charset(head: bytes) -> str | None:
    """The encoding a ``<meta>`` tag in ``head`` declares, as a browser's prescan reads it.

    Comments are skipped; the first meta that names a known ASCII-compatible
    encoding wins (UTF-16 there means UTF-8, as the page was readable as ASCII).
    """
    head = _COMMENT.sub(b"", head)
    for tag in _META.finditer(head):
        attributes: dict[bytes, bytes] = {}
        for match in _ATTR.finditer(tag.group(1)):
            value = next((group for group in match.groups()[1:] if group is not None), b"")
            attributes.setdefault(match.group(1).lower(), value)
        label: bytes | None = None
        if b"charset" in attributes:
            label = attributes[b"charset"]
        elif (
            attributes.get(b"http-equiv", b"").strip().lower() == b"content-type"
            and b"content" in attributes
        ):
            found = _CONTENT_CHARSET.search(attributes[b"content"])
            if found:
                label = next(group for group in found.groups() if group is not None)
        if label is None:
            continue
        encoding = encoding_for_label(label.decode("latin-1"))
        if encoding in _UTF16:
            return "utf-8"
        if encoding is not None and _ascii_compatible(encoding):
            return encoding
    return None


def _from_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, bom
    return None, b""


def _ascii_compatible(encoding: str) -> bool:
    try:
        return _ASCII_PROBE.decode(encoding) == _ASCII_PROBE.decode("ascii")
    except UnicodeDecodeError:
        return False


def _guess(data: bytes) -> str | None:
    """charset_normalizer's pick among browser encodings, if it is confident."""
    from charset_normalizer import from_bytes  # here: most pages declare their charset

    sample = data
    if len(sample) > GUESS_BYTES:
        cut = sample.rfind(b"\n", 0, GUESS_BYTES)  # never inside a multi-byte character
        sample = sample[: cut + 1 if cut > 0 else GUESS_BYTES]
    matches = from_bytes(
        sample, cp_isolation=_GUESSABLE, threshold=GUESS_MAX_CHAOS, preemptive_behaviour=False
    )
    best = matches.best()
    if best is None or best.chaos > GUESS_MAX_CHAOS:
        return None
    tied = [match for match in matches if match.chaos <= best.chaos]
    if any(FALLBACK in match.could_be_from_charset for match in tied):
        return FALLBACK
    return encoding_for_label(best.encoding)


def _finish(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInput("empty input (only white space)")
    return text


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``"text/html; charset=ISO-8859-1"`` -> ``("text/html", "iso-8859-1")`` (None if missing)."""
    if value is None:
        return None, None
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, text = param.partition("=")
        if name.strip().lower() == "charset" and charset is None:
            charset = text.strip().strip("\"'").strip().lower() or None
    return media.strip().lower() or None, charset
