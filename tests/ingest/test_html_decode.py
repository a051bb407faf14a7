"""HTML decoding: each step of the browser order, label mapping, and refusals."""

from __future__ import annotations

import codecs

import pytest

from newsift.errors import BinaryInput, EmptyInput, InputError
from newsift.ingest import html_decode
from newsift.ingest.html_decode import (
    LABELS,
    decode_html,
    encoding_for_label,
    meta_charset,
)

JAPANESE = (
    '<html><head><meta charset="Shift_JIS"><title>テスト</title></head>'
    "<body><p>日本語のページです。東京は晴れ。</p></body></html>"
)
FRENCH = (
    "<html><body><p>Café crème brûlée — “quoted” naïve façade. "
    "Les élèves sont allés à l'école.</p></body></html>"
)
RUSSIAN = (
    "<html><body><p>Привет, это тестовая страница на русском языке. "
    "Погода сегодня хорошая.</p></body></html>"
)
NO_GUESS = b"<p>" + bytes(range(0x80, 0x100)) * 3 + b"</p>"  # charset_normalizer gives up
CAFE = "<p>café</p>"
META_LATIN1 = '<meta charset="iso-8859-1">'
META_KOI8 = '<meta charset="koi8-r">'
META_UTF16 = '<meta charset="utf-16">'
META_BAD = '<meta charset="nonsense">'
PADDING = "<p>" + " " * 5000 + "</p>"
HTTP_EQUIV = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">'
HTTP_EQUIV_CAPS = "<META HTTP-EQUIV=content-type CONTENT='text/html;charset=koi8-r'>"


@pytest.mark.parametrize(
    ("data", "declared", "text", "encoding"),
    [
        # 1. a BOM beats everything, the declared charset included
        (codecs.BOM_UTF8 + CAFE.encode(), "iso-8859-1", CAFE, "utf-8"),
        (codecs.BOM_UTF16_LE + CAFE.encode("utf-16-le"), None, CAFE, "utf-16-le"),
        (codecs.BOM_UTF16_BE + CAFE.encode("utf-16-be"), "utf-8", CAFE, "utf-16-be"),
        # 2. the declared (HTTP) charset, mapped the WHATWG way
        (b"<p>caf\xe9 \x93q\x94</p>", "ISO-8859-1", "<p>café “q”</p>", "cp1252"),
        (CAFE.encode("cp1252"), '"us-ascii"', CAFE, "cp1252"),
        ("<p>日本</p>".encode("cp932"), "shift_jis", "<p>日本</p>", "cp932"),
        ("<p>中文</p>".encode("gbk"), "GB2312", "<p>中文</p>", "gb18030"),
        ("<p>hi</p>".encode("utf-16-le"), "utf-16", "<p>hi</p>", "utf-16-le"),
        (b"<p>\x82</p>", "cp437", "<p>é</p>", "cp437"),  # known to Python, not to WHATWG
        ((META_LATIN1 + CAFE).encode(), "utf-8", META_LATIN1 + CAFE, "utf-8"),  # beats the meta
        (b"<p>caf\xe9</p>", "utf-8", "<p>caf\ufffd</p>", "utf-8"),  # a bad byte is replaced
        # a declared charset Python does not know falls through (to UTF-8, to the meta)
        (CAFE.encode(), "x-no-such-charset", CAFE, "utf-8"),
        ((META_KOI8 + "При").encode("koi8-r"), "bogus", META_KOI8 + "При", "koi8-r"),
        (CAFE.encode(), "utf-7", CAFE, "utf-8"),  # Python knows it, but not a page encoding
        # 3. a <meta> charset in the first 4096 bytes
        (JAPANESE.encode("cp932"), None, JAPANESE, "cp932"),
        ((HTTP_EQUIV + "Zażółć").encode("iso8859-2"), None, HTTP_EQUIV + "Zażółć", "iso8859-2"),
        ((HTTP_EQUIV_CAPS + "При").encode("koi8-r"), None, HTTP_EQUIV_CAPS + "При", "koi8-r"),
        # the meta contradicts the bytes: the meta wins, as in browsers
        ((META_LATIN1 + CAFE).encode(), None, META_LATIN1 + "<p>cafÃ©</p>", "cp1252"),
        # a meta that says UTF-16 means UTF-8; one in a comment or past 4096 bytes does not count
        ((META_UTF16 + CAFE).encode(), None, META_UTF16 + CAFE, "utf-8"),
        (f"<!-- {META_KOI8} -->{CAFE}".encode(), None, f"<!-- {META_KOI8} -->{CAFE}", "utf-8"),
        ((PADDING + META_KOI8 + CAFE).encode(), None, PADDING + META_KOI8 + CAFE, "utf-8"),
        # the first meta with a known label wins
        ((META_BAD + META_KOI8 + "П").encode("koi8-r"), None, META_BAD + META_KOI8 + "П", "koi8-r"),
        # 4. strict UTF-8
        ("<p>naïve – ok</p>".encode(), None, "<p>naïve – ok</p>", "utf-8"),
        (b"<p>plain ascii</p>", None, "<p>plain ascii</p>", "utf-8"),
        # 5. charset_normalizer's confident guess (windows-1252 on a tie)
        (RUSSIAN.encode("cp1251"), None, RUSSIAN, "cp1251"),
        (FRENCH.encode("cp1252"), None, FRENCH, "cp1252"),  # a cp1252 page, no declaration
        ("<p>Grüße aus München</p>".encode("cp1252"), None, "<p>Grüße aus München</p>", "cp1252"),
        # 6. windows-1252 with replacement characters
        (NO_GUESS, None, NO_GUESS.decode("cp1252", "replace"), "cp1252"),
        # line endings become \n
        (b"<p>a</p>\r\n<p>b</p>\r<p>c</p>\n", None, "<p>a</p>\n<p>b</p>\n<p>c</p>\n", "utf-8"),
        (codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), None, "a\nb", "utf-16-le"),
    ],
)
def test_decode_html(data: bytes, declared: str | None, text: str, encoding: str) -> None:
    assert decode_html(data, declared) == (text, encoding)


def test_no_guess_case_really_reaches_the_fallback() -> None:
    assert html_decode._guess(NO_GUESS) is None
    assert "\ufffd" in decode_html(NO_GUESS)[0]


@pytest.mark.parametrize(
    ("data", "declared", "error", "words"),
    [
        (b"", None, EmptyInput, "empty input"),
        (b" \r\n\t ", "utf-8", EmptyInput, "empty input"),
        (codecs.BOM_UTF8, None, EmptyInput, "only white space"),
        (codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"), None, EmptyInput, "only white space"),
        (b"\x1f\x8b\x08\x00\x00\x00", None, BinaryInput, "gzip"),
        (b"PK\x03\x04rest", None, BinaryInput, "ZIP"),
        (b"%PDF-1.7\n", None, BinaryInput, "PDF"),
        (b"\x89PNG\r\n\x1a\n", None, BinaryInput, "PNG"),
        (b"\xff\xd8\xff\xe0", None, BinaryInput, "JPEG"),
        (b"GIF89a", None, BinaryInput, "GIF"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", None, BinaryInput, "WebP"),
        (b"<p>a\x00b</p>", None, BinaryInput, "NUL bytes"),
        (b"<p>a\x00b</p>", "utf-8", BinaryInput, "NUL bytes"),
        (b'<meta charset="utf-16"><p>a\x00b</p>', None, BinaryInput, "NUL"),  # not by a meta
        (codecs.BOM_UTF8 + b"<p>a\x00b</p>", None, BinaryInput, "NUL bytes"),
    ],
)
def test_refusals(data: bytes, declared: str | None, error: type[InputError], words: str) -> None:
    with pytest.raises(error, match=words):
        decode_html(data, declared)


def test_nul_bytes_past_64_kib_are_kept_not_refused() -> None:
    data = b"<p>" + b"x" * 70_000 + b"\x00</p>"
    text, encoding = decode_html(data)
    assert encoding == "utf-8"
    assert text.endswith("\x00</p>")


def test_undecodable_bytes_never_raise() -> None:
    for data in (b"\xff\xfe\xfd<p>", b"<p>\x81\x8d\x8f\x90\x9d</p>", bytes(range(1, 256)) * 20):
        for declared in (None, "utf-8", "shift_jis", "iso-2022-jp", "utf-16be", "nonsense"):
            if b"\x00" in data and declared not in {"utf-16be"}:
                continue
            text, encoding = decode_html(data, declared)
            assert text and encoding


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("latin1", "cp1252"),
        (" ISO-8859-1 ", "cp1252"),
        ("US-ASCII", "cp1252"),
        ("iso_8859-9", "cp1254"),
        ("tis-620", "cp874"),
        ("x-sjis", "cp932"),
        ("EUC-KR", "cp949"),
        ("ks_c_5601-1987", "cp949"),
        ("big5", "big5hkscs"),
        ("utf8", "utf-8"),
        ("UTF_8", "utf-8"),
        ("latin_1", "cp1252"),  # a Python name of a WHATWG encoding
        ("unicode", "utf-16-le"),
        ("euc_jis_2004", "euc_jis_2004"),  # Python only
        ("utf-32", None),
        ("unicode_escape", None),
        ("rot13", None),
        ("iso-2022-kr", "iso2022_kr"),  # WHATWG "replacement": decoded, not blanked
        ("iso-2022-cn", None),
        ("", None),
        ("no-such-thing", None),
    ],
)
def test_encoding_for_label(label: str, codec: str | None) -> None:
    assert encoding_for_label(label) == codec


def test_every_whatwg_codec_exists_in_python() -> None:
    for codec in set(LABELS.values()):
        assert codecs.lookup(codec).name == codec


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        (b"<meta charset=utf-8>", "utf-8"),
        (b"<meta/charset='koi8-r'/>", "koi8-r"),
        (b'<meta content="text/html; charset=koi8-r">', None),  # no http-equiv: no pragma
        (b'<meta http-equiv="refresh" content="0; charset=koi8-r">', None),
        (b'<meta name="x" content="a>b"><meta charset="cp1251">', "cp1251"),
        (b'<meta charset="cp500">', None),  # EBCDIC: not ASCII-compatible
        (b"<!-- unclosed <meta charset=koi8-r>", None),
        (b"<metadata charset=koi8-r>", None),
    ],
)
def test_meta_charset(head: bytes, encoding: str | None) -> None:
    assert meta_charset(head) == encoding
