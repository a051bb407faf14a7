from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

from newsift.document import Document, Region
from newsift.errors import (
    AnalyzerError,
    ConfigError,
    ContractViolation,
    LimitExceeded,
    PipelineOrderError,
)
from newsift.pipeline import Pipeline


@dataclass
class Fake:
    """A configurable analyzer for pipeline tests."""

    name: ClassVar[str] = "test.fake.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset({"regions"})
    behaviour: str = "ok"
    calls: int = 0
    setups: int = 0

    def setup(self) -> None:
        self.setups += 1

    def __call__(self, doc: Document) -> Document:
        self.calls += 1
        if self.behaviour == "ok":
            doc.layers["regions"] = [Region("r1", "body", 0, len(doc.text))]
        elif self.behaviour == "change text":
            doc._text = doc.text + "!"
        elif self.behaviour == "extra layer":
            doc.layers["regions"] = []
            doc.layers["quotes"] = []
        elif self.behaviour == "new doc":
            return Document(doc.text)
        elif self.behaviour == "forget":
            pass
        elif self.behaviour == "crash":
            raise ZeroDivisionError("boom")
        return doc


@dataclass
class NeedsRegions(Fake):
    name: ClassVar[str] = "test.needs.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"regions"})
    assigns: ClassVar[frozenset[str]] = frozenset({"claims"})

    def __call__(self, doc: Document) -> Document:
        doc.layers["claims"] = []
        return doc


def test_order_is_checked_at_build_time() -> None:
    with pytest.raises(
        PipelineOrderError, match=r"test.needs.v1 \(step 1\) requires \['regions'\]"
    ):
        Pipeline([NeedsRegions(), Fake()])
    Pipeline([Fake(), NeedsRegions()])


@pytest.mark.parametrize(
    ("behaviour", "error", "words"),
    [
        ("change text", ContractViolation, "changed the text"),
        ("extra layer", ContractViolation, "wrote layer 'quotes'"),
        ("new doc", ContractViolation, "returned a new document"),
        ("forget", ContractViolation, "did not assign 'regions'"),
        ("crash", AnalyzerError, "test.fake.v1 failed: ZeroDivisionError: boom"),
    ],
)
def test_runtime_contract(behaviour: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words) as caught:
        Pipeline([Fake(behaviour=behaviour)])(Document("some text"))
    assert getattr(caught.value, "analyzer", None) == "test.fake.v1"


def test_setup_runs_once() -> None:
    fake = Fake()
    pipeline = Pipeline([fake])
    for _ in range(3):
        pipeline(Document("x"))
    assert (fake.setups, fake.calls) == (1, 3)


def test_time_limit() -> None:
    @dataclass
    class Slow(Fake):
        def __call__(self, doc: Document) -> Document:
            while True:
                pass

    with pytest.raises(LimitExceeded, match=r"took more than 0\.1 CPU-s"):
        Pipeline([Slow()], time_limit_s=0.1)(Document("x", id="slow"))


@pytest.mark.parametrize(
    "config",
    [
        [42],
        [{"name": "structure.v1", "params": []}],
        [{"name": "structure.v1", "params": {"nope": 1}}],
        ["bogus.v1"],
    ],
)
def test_bad_config(config: list[object]) -> None:
    with pytest.raises(ConfigError):
        Pipeline.from_config(config)  # type: ignore[arg-type]


def test_from_config_with_params_entry() -> None:
    pipeline = Pipeline.from_config([{"name": "structure.v1", "params": {}}])
    assert pipeline.names == ["structure.v1"]


def test_a_model_that_cannot_load_is_one_model_error() -> None:
    from dataclasses import dataclass
    from typing import ClassVar

    from newsift.errors import ModelError

    @dataclass
    class Broken:
        name: ClassVar[str] = "broken.v1"
        requires: ClassVar[frozenset[str]] = frozenset()
        assigns: ClassVar[frozenset[str]] = frozenset()

        def setup(self) -> None:
            raise FileNotFoundError("weights.npz")

        def __call__(self, doc: Document) -> Document:
            return doc

    with pytest.raises(ModelError, match=r"broken\.v1: cannot load its model: weights\.npz"):
        Pipeline([Broken()]).setup()
