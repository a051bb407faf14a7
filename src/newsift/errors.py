"""One exception tree for newsift.

Every error newsift raises on purpose derives from :class:`NewsiftError` and
carries a short stable ``code`` (for logs and outcome rows) and a one-line
message meant for a person::

    NewsiftError
    ├── InputError                 the input cannot become a Document
    │   ├── EmptyInput             nothing but white space
    │   ├── BinaryInput            NUL bytes, control characters, compressed data
    │   ├── DecodeError            bytes that are not text in the declared encoding
    │   ├── InputTooLarge          over Limits.max_bytes
    │   ├── LineTooLong            a line over Limits.max_line_chars
    │   ├── NestingTooDeep         JSON nested deeper than Limits.max_json_depth
    │   ├── BadRecord              a JSON Lines record of the wrong shape
    │   └── UnsupportedInput       a kind of input this version cannot read
    ├── ConfigError                a pipeline that cannot be built
    │   ├── UnknownAnalyzer        no analyzer registered under that name
    │   ├── PipelineOrderError     a ``requires`` no earlier analyzer assigns
    │   └── ModelError             a model or optional backend that cannot be loaded
    ├── AnalyzerError              an analyzer failed or broke its contract
    │   └── ContractViolation      changed the text, wrote a layer it does not assign
    ├── LimitExceeded              a time or memory limit ran out
    └── SchemaError                a JSON document that does not match the schema

Errors raised while handling another exception are chained with ``from``.
"""

from __future__ import annotations


class NewsiftError(Exception):
    """Base class of every newsift error."""

    code = "newsift"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(NewsiftError):
    code = "input"


class EmptyInput(InputError):
    code = "input.empty"


class BinaryInput(InputError):
    code = "input.binary"


class DecodeError(InputError):
    code = "input.decode"


class InputTooLarge(InputError):
    code = "input.too_large"


class LineTooLong(InputError):
    code = "input.line_too_long"


class NestingTooDeep(InputError):
    code = "input.nesting"


class BadRecord(InputError):
    code = "input.bad_record"


class UnsupportedInput(InputError):
    code = "input.unsupported"


class ConfigError(NewsiftError):
    code = "config"


class UnknownAnalyzer(ConfigError):
    code = "config.unknown_analyzer"


class PipelineOrderError(ConfigError):
    code = "config.order"


class ModelError(ConfigError):
    """A model file or optional backend is missing, damaged or not the expected one."""

    code = "config.model"


class AnalyzerError(NewsiftError):
    """An analyzer raised while processing a document."""

    code = "analyzer"

    def __init__(self, message: str, analyzer: str | None = None) -> None:
        super().__init__(message)
        self.analyzer = analyzer


class ContractViolation(AnalyzerError):
    code = "analyzer.contract"


class LimitExceeded(NewsiftError):
    code = "limit"


class SchemaError(NewsiftError):
    code = "schema"
