"""Gold loaders and metrics used by the tests and by ``benchmarks/``."""
