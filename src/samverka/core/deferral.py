"""Side effects of saving many records in one go (an import), done once at the end instead of per record.

Signal handlers that keep something beside the database in step — the
cached pages (``core.signals``), the search index (``search.signals``) — ask
``defer`` first: inside ``deferred_side_effects()`` it collects what is to be
done and answers True, and the work is done once, in bulk, when the block
ends normally. A block left by an exception (an import rolled back) does
none of it, since the records it was about are gone.
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# key → (flush, the items to flush)
_Pending = dict[Hashable, tuple[Callable[[set[Any]], object], set[Any]]]
_pending: ContextVar[_Pending | None] = ContextVar("samverka_deferred_side_effects", default=None)


def defer(key: Hashable, item: Hashable, flush: Callable[[set[Any]], object]) -> bool:
    """Put off ``flush({item, …})`` until the block ends; False when no block is open (do it now)."""
    pending = _pending.get()
    if pending is None:
        return False
    pending.setdefault(key, (flush, set()))[1].add(item)
    return True


@contextmanager
def deferred_side_effects() -> Iterator[None]:
    pending: _Pending = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for flush, items in pending.values():
        flush(items)
