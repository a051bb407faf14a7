"""The records of unfinished shards, spooled to one JSON Lines file per shard.

Reading the inputs once and spooling them by shard lets a shard be processed
and written as a unit while memory stays flat: only the records and results of
the shards in flight are held. Payloads are base64 in the spool. The spool is
rebuilt from the inputs on every run (``--resume`` included), so it never has
to survive a crash.
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from newsift.batch.records import BatchRecord, shard_of


class Spool:
    """Write records by shard, then read each shard back."""

    def __init__(self, folder: Path, shards: int) -> None:
        self.folder = folder
        self.shards = shards
        self.counts: dict[int, int] = dict.fromkeys(range(shards), 0)
        self.skipped_done = 0  # records of shards already completed (not spooled)
        self._files: dict[int, IO[str]] = {}
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def fill(self, records: Iterable[BatchRecord], done: set[int]) -> None:
        """Spool every record whose shard is not in ``done``."""
        try:
            for record in records:
                shard = shard_of(record.id, self.shards)
                if shard in done:
                    self.skipped_done += 1
                    continue
                stream = self._files.get(shard)
                if stream is None:
                    stream = self._files[shard] = self._path(shard).open("w", encoding="utf-8")
                row = record.to_dict()
                row["payload"] = base64.b64encode(record.payload).decode("ascii")
                stream.write(json.dumps(row) + "\n")
                self.counts[shard] += 1
        finally:
            for stream in self._files.values():
                stream.close()
            self._files.clear()

    def read(self, shard: int) -> Iterator[BatchRecord]:
        path = self._path(shard)
        if not path.exists():
            return
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                row = json.loads(line)
                row["payload"] = base64.b64decode(row["payload"])
                yield BatchRecord.from_dict(row)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _path(self, shard: int) -> Path:
        return self.folder / f"shard-{shard:05d}.jsonl"
