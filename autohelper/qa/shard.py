"""`--shard i/n`: which cases one machine of a split run takes. Read here without pytest, so
that `autohelper qa` refuses a malformed value as it parses its options (a usage error), and
the plugin (`--qa-shard`) reads it the same way."""

from __future__ import annotations

import hashlib
import re

# At most nine digits each: a longer number is no shard count (and Python refuses to read an
# integer of over 4300 digits).
_SHARD_RE = re.compile(r"([0-9]{1,9})/([0-9]{1,9})")


def read_shard(value: str) -> tuple[int, int] | None:
    """`i/n` (1 ≤ i ≤ n) as (i, n); None when `value` is no such thing."""
    found = _SHARD_RE.fullmatch(value.strip())
    if not found or not 1 <= int(found.group(1)) <= int(found.group(2)):
        return None
    return int(found.group(1)), int(found.group(2))


def in_shard(key: str, shard: tuple[int, int]) -> bool:
    """Whether the item named `key` belongs to shard i of n: by a hash of its id, so every
    machine makes the same split whatever order it collected in."""
    index, count = shard
    digest = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    return digest % count == index - 1
