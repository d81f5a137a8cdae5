"""Rate limits counted in the cache: a fixed window per subject (a client's address, an e-mail
address), e.g. the public idea form (``SAMVERKA_IDEA_RATE``) and forgotten-password links.

The count uses the cache's increment (atomic in Redis). Django's file cache forgets an entry's
timeout when it increments it, so the timeout is set again: no library's limiter here keeps the
count in the file cache that ``samverka serve`` uses. Subjects are kept only as digests: the
cache holds no address or e-mail address."""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str  # what is counted, e.g. "idea"
    limit: int  # at most this many …
    period: int  # … in a window of this many seconds

    def _key(self, subject: str) -> str:
        digest = hashlib.sha256((subject or "unknown").strip().lower().encode()).hexdigest()[:32]
        return f"samverka:rate:{self.name}:{digest}:{int(time.time() // self.period)}"

    def reached(self, subject: str) -> bool:
        """Has ``subject`` used up this window, without counting this time?"""
        return (cache.get(self._key(subject)) or 0) >= self.limit

    def count(self, subject: str) -> bool:
        """Count one for ``subject``; False when that goes over the limit."""
        key = self._key(subject)
        cache.add(key, 0, timeout=self.period)
        try:
            number = cache.incr(key)
        except ValueError:  # the window ended in between
            number = 1
            cache.set(key, number, timeout=self.period)
        cache.touch(key, self.period)
        return number <= self.limit
