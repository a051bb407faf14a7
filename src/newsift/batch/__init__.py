"""Batch mode: many inputs to resumable Parquet shards with exactly one outcome per id.

- :mod:`newsift.batch.records`: inputs (JSON Lines, CSV, Parquet, WARC, folders)
  to ``(id, payload)`` records, and the fixed shard of each id;
- :mod:`newsift.batch.process`: :func:`process_record`, the pure unit of work;
- :mod:`newsift.batch.run`: :func:`run_batch`, the coordinator;
- :mod:`newsift.batch.pool`: the local scheduler over :mod:`newsift.workers` (the worker
  processes, built from ``Pipeline.config``, with limits enforced from outside; the web
  app's process isolation uses the same module);
- :mod:`newsift.batch.ray_engine`: the same work through Ray Data;
- :mod:`newsift.batch.store`: atomic shard files, the manifest, DuckDB views.

See ``docs/batch.md``.
"""
