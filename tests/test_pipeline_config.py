"""``Pipeline.config``: every analyzer's parameters as plain JSON that round-trips (issue 20)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest

from newsift import registry
from newsift.document import Document
from newsift.errors import ConfigError
from newsift.pipeline import (
    DEFAULT_PIPELINE,
    FAST_PIPELINE,
    Pipeline,
    read_config,
    resolve,
    with_params,
)

#: A non-default value for parameters of every built-in analyzer.
NON_DEFAULT: dict[str, dict[str, Any]] = {
    "structure.v1": {"line_model": False},
    "attribution.quotes.v1": {
        "include_comments": True,
        "span_model": False,
        "cue_model": True,
        "cue_threshold": 0.95,
        "confidence_threshold": 0.5,
    },
    "attribution.flags.v1": {"former_years": 3, "current_to_former_years": 1},
    "claims.checkworthy.v1": {
        "floor": 0.2,
        "max_share": 0.5,
        "max_items": 4,
        "match_index": "checks.npz",
        "match_k": 1,
        "encoder": "none",
        "detail": False,
    },
    "persuasion.techniques.v1": {"checkpoint": "some/checkpoint", "allow_pickle": True},
    "comments.toxicity.v1": {"backend": "a/folder", "encoder": "none", "detail": False},
}

PAGE = (
    "Harbour Budget\n\nBy Ana Lind\n\n"
    "The harbour fee rose by 40 percent in 2023, records show. Officials said nothing.\n\n"
    "The council will vote on Tuesday.\n"
)


def test_every_builtin_analyzer_has_a_row_in_the_table() -> None:
    for module in registry.BUILTIN_MODULES:
        __import__(module)
    builtins = {n for n in registry.names() if not n.startswith(("testing.", "test."))}
    assert builtins == set(NON_DEFAULT)


@pytest.mark.parametrize(("name", "params"), sorted(NON_DEFAULT.items()))
def test_config_round_trips_every_parameter(name: str, params: dict[str, Any]) -> None:
    # the default pipeline, built by hand with ``name`` tuned: the config reads the fields
    analyzers = [registry.create(n, **(params if n == name else {})) for n in DEFAULT_PIPELINE]
    pipeline = Pipeline(analyzers)
    expected = [{"name": n, "params": params if n == name else {}} for n in DEFAULT_PIPELINE]
    assert pipeline.config == expected
    rebuilt = Pipeline.from_config(pipeline.config)
    assert rebuilt.config == expected
    assert Pipeline.from_config(json.loads(json.dumps(rebuilt.config))).config == expected
    tuned = rebuilt.analyzers[DEFAULT_PIPELINE.index(name)]
    assert {field: getattr(tuned, field) for field in params} == params


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("structure.v1", [{"name": "structure.v1", "params": {}}]),
        # a parameter given at its default is kept as given
        (
            [{"name": "structure.v1", "params": {"line_model": True}}],
            [{"name": "structure.v1", "params": {"line_model": True}}],
        ),
        ("fast", [dict(entry) for entry in FAST_PIPELINE]),
        # paths become strings; tuples become lists
        (
            [
                "structure.v1",
                {"name": "claims.checkworthy.v1", "params": {"match_index": Path("a/b.npz")}},
            ],
            [
                {"name": "structure.v1", "params": {}},
                {"name": "claims.checkworthy.v1", "params": {"match_index": "a/b.npz"}},
            ],
        ),
    ],
)
def test_config_is_plain_json(config: Any, expected: list[dict[str, Any]]) -> None:
    got = Pipeline.from_config(config).config
    assert got == expected
    assert json.loads(json.dumps(got)) == got
    assert Pipeline.from_config(got).config == got


def test_the_rebuilt_pipeline_gives_the_same_output() -> None:
    config = [
        {"name": "structure.v1", "params": {"line_model": False}},
        {"name": "claims.checkworthy.v1", "params": {"encoder": "none", "detail": False}},
        {"name": "comments.toxicity.v1", "params": {"encoder": "none", "detail": False}},
    ]
    first = Pipeline.from_config(config)
    again = Pipeline.from_config(json.loads(json.dumps(first.config)))
    one, two = first(Document(PAGE, id="p")), again(Document(PAGE, id="p"))
    assert one.to_dict() == two.to_dict()
    assert one.layers["claims"] and all(not c.detail for c in one.layers["claims"])


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"match_index": {1, 2}}, r"parameter 'match_index' is \{1, 2\} \(set\)"),
        ({"floor": math.nan}, r"parameter 'floor' is nan \(float\)"),
        ({"encoder": object()}, r"parameter 'encoder' is <object .*\(object\).*paths as strings"),
        ({"match_index": ["ok", b"bytes"]}, r"parameter 'match_index\[1\]'"),
        ({"match_index": {"a": {2: "x"}}}, r"keys of match_index\.a must be strings, got 2"),
    ],
)
def test_a_parameter_without_json_form_is_a_config_error(
    params: dict[str, Any], words: str
) -> None:
    with pytest.raises(ConfigError, match=rf"claims\.checkworthy\.v1: {words}"):
        Pipeline.from_config([{"name": "claims.checkworthy.v1", "params": params}])


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ({"name": "structure.v1", "parameters": {}}, r"unknown keys \['parameters'\]"),
        ({"name": "structure.v1", "params": {"line_modl": False}}, "bad parameters"),
        ({"params": {}}, "must be a name"),
        ({"name": "structure.v1", "params": "x"}, "must be an object"),
    ],
)
def test_a_bad_entry_is_a_config_error(entry: dict[str, Any], words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        Pipeline.from_config([entry])


@dataclass
class Tuned:
    """A dataclass analyzer built by hand: its config comes from its fields."""

    name: ClassVar[str] = "test.tuned.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()
    level: int = 1
    where: Any = None

    def setup(self) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        return doc


class Opaque:
    """A plain class analyzer: no fields to read."""

    name: ClassVar[str] = "test.opaque.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def setup(self) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        return doc


@pytest.mark.parametrize(
    ("analyzer", "expected"),
    [
        (Tuned(), {}),
        (Tuned(level=2), {"level": 2}),
        (Tuned(level=True), {"level": True}),  # equal to 1, but not the default's type
        (Tuned(where=Path("x/y")), {"where": "x/y"}),
    ],
)
def test_a_hand_built_dataclass_says_its_non_default_fields(
    analyzer: Tuned, expected: dict[str, Any]
) -> None:
    assert Pipeline([analyzer]).config == [{"name": "test.tuned.v1", "params": expected}]


def test_a_hand_built_analyzer_that_cannot_say_its_parameters_is_a_config_error() -> None:
    pipeline = Pipeline([Tuned(), Opaque()])
    with pytest.raises(ConfigError, match=r"test\.opaque\.v1 \(step 2\) cannot say"):
        _ = pipeline.config
    with pytest.raises(ConfigError, match=r"parameter 'where' is \{3\}"):
        _ = Pipeline([Tuned(where={3})]).config


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (None, resolve("default")),
        ("structure.v1, claims.checkworthy.v1", ["structure.v1", "claims.checkworthy.v1"]),
        ("fast", resolve("fast")),
        ("@FILE", ["structure.v1", {"name": "claims.checkworthy.v1", "params": {"match_k": 1}}]),
    ],
)
def test_read_config_takes_names_presets_and_files(
    tmp_path: Path, option: str | None, expected: list[Any]
) -> None:
    file = tmp_path / "pipeline.json"
    file.write_text(json.dumps(expected), encoding="utf-8")
    if option == "@FILE":
        option = f"@{file}"
    assert read_config(option) == expected


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "cannot read it"),
        ("[structure.v1]", "not JSON"),
        ('{"name": "structure.v1"}', "must hold a JSON list"),
    ],
)
def test_a_bad_pipeline_file_is_a_config_error(
    tmp_path: Path, content: str | None, words: str
) -> None:
    file = tmp_path / "pipeline.json"
    if content is not None:
        file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=f"pipeline file .*pipeline.json: {words}"):
        read_config(f"@{file}")


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            "structure.v1,claims.checkworthy.v1",
            [
                "structure.v1",
                {"name": "claims.checkworthy.v1", "params": {"match_index": "i.npz"}},
            ],
        ),
        (
            "fast",  # the preset's own parameters stay
            [
                dict(FAST_PIPELINE[0]),
                {
                    "name": "claims.checkworthy.v1",
                    "params": {"encoder": "none", "match_index": "i.npz"},
                },
                dict(FAST_PIPELINE[2]),
            ],
        ),
    ],
)
def test_with_params_adds_to_one_analyzer(config: str, expected: list[Any]) -> None:
    assert with_params(config, "claims.checkworthy.v1", {"match_index": "i.npz"}) == expected


def test_with_params_refuses_an_analyzer_not_in_the_pipeline() -> None:
    with pytest.raises(ConfigError, match=r"claims\.checkworthy\.v1 is not in the pipeline"):
        with_params("structure.v1", "claims.checkworthy.v1", {"match_index": "i.npz"})


@pytest.mark.parametrize(
    ("options", "detail"),
    [
        (["--pipeline", "@FILE"], False),  # the file's parameters reach the analyzer
        (["--pipeline", "structure.v1,claims.checkworthy.v1"], True),
    ],
)
def test_analyze_builds_from_the_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], detail: bool
) -> None:
    from newsift.cli import main

    file = tmp_path / "pipeline.json"
    config = [
        "structure.v1",
        {"name": "claims.checkworthy.v1", "params": {"encoder": "none", "detail": False}},
    ]
    file.write_text(json.dumps(config), encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    given = [o.replace("@FILE", f"@{file}") for o in options]
    assert main(["analyze", str(page), "-q", *given]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    assert claims and all(("type" in claim) == detail for claim in claims)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--pipeline", "@MISSING"], "--pipeline: pipeline file"),
        (["--pipeline", "@BAD"], "claims.checkworthy.v1: parameter 'floor' is nan"),
        (["--pipeline", "structure.v1", "--match-index", "x.npz"], "--match-index needs"),
        (["--pipeline", "structure.v1", "--claimreview", "d.jsonl"], "--claimreview needs"),
    ],
)
def test_analyze_refuses_a_bad_configuration_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    from newsift.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": "claims.checkworthy.v1", "params": {"floor": NaN}}]')
    files = {"@MISSING": f"@{tmp_path / 'none.json'}", "@BAD": f"@{bad}"}
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["analyze", str(page), "-q", *[files.get(o, o) for o in options]]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_match_index_reaches_the_claims_analyzer_of_a_preset(tmp_path: Path) -> None:
    """Before, ``--pipeline fast --match-index`` was refused: the hand rewrite looked for
    the claims analyzer among the option's names, not the preset's analyzers."""
    from newsift.cli import pipeline_option

    config = Pipeline.from_config(pipeline_option("fast", "i.npz")).config
    claims = next(entry for entry in config if entry["name"] == "claims.checkworthy.v1")
    assert claims["params"] == {"encoder": "none", "match_index": "i.npz"}
