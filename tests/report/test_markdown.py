"""The Markdown summary: sections per layer, and page text that cannot become markup."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsift.report import render_markdown
from newsift.report.markdown import md_escape
from tests.report.hostile import hostile_document

SAMPLE = json.loads(Path(__file__).with_name("sample-report.json").read_text(encoding="utf-8"))


def test_sample_summary_sections() -> None:
    text = render_markdown(SAMPLE)
    assert text.startswith("## Closing Ferncastle General Will Cost Lives")
    for heading in ("### Sources", "### Flags (2)", "### Claims to check (short list: 5; 10 check-worthy of 14 sentences)",
                    "### Persuasion techniques (4)", "### Comments"):  # fmt: skip
        assert heading in text
    assert "| Ray Dubois | named | a former hospital administrator" in text
    assert "1 offensive (14%)" in text
    assert "- Dale Whitaker: “Those idiots" in text


def test_only_present_layers_appear() -> None:
    data = {k: SAMPLE[k] for k in ("schema", "id", "text", "meta")}
    text = render_markdown(data)
    assert "###" not in text
    assert text.startswith("## Closing Ferncastle")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))"),
        ("<script>x</script>", r"\<script\>x\</script\>"),
        ("a | b\n| c", r"a \| b \| c"),
        ("**bold** _it_ `code`", r"\*\*bold\*\* \_it\_ \`code\`"),
        ("![img](x)", r"\!\[img\](x)"),
        ("&lt;", r"\&lt;"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


def test_hostile_document_has_no_live_markup() -> None:
    text = render_markdown(hostile_document())
    assert not re.search(r"(?<!\\)<(script|img|a|svg)", text)
    assert not re.search(r"(?<!\\)\]\(", text)  # no link syntax from the page
    assert all(line.count("|") - line.count(r"\|") in (0, 5) for line in text.splitlines())


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["sources", "flags", "claims", "techniques", "thread",
                                        "regions", "sourcing", "meta", "byline"]),
                       st.lists(st.dictionaries(st.text(max_size=6), st.none() | st.text(max_size=6)
                                                | st.integers() | st.booleans(), max_size=5),
                                max_size=3) | st.text(max_size=5)))  # fmt: skip
def test_any_malformed_layers_render(layers: dict[str, Any]) -> None:
    text = render_markdown({"text": "Some text.", "id": "x", **layers})
    assert text.startswith("## ")


@pytest.mark.parametrize(
    ("techniques", "expected", "absent"),
    [
        ([], "None shown. Spans the tagger is less sure of are not reported.", "wording to check"),
        (SAMPLE["techniques"][:1], "read these as wording to check, not verdicts", "None shown"),
    ],
)
def test_techniques_say_what_is_not_shown_and_how_to_read_names(
    techniques: list[Any], expected: str, absent: str
) -> None:
    """An empty card does not read as "no persuasion here", a full one warns that the
    named technique is often not an annotator's."""
    from newsift.report import render_html

    data = {**SAMPLE, "techniques": techniques}
    for text in (render_markdown(data), render_html(data)):
        assert expected in text
        assert absent not in text
