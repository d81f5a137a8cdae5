"""Records that are part of a record of their own kind (an organisation's group, a unit's
faculty, a project's sub-activities): one rule against a chain of parents that comes back."""

from typing import Any


def is_own_ancestor(record: Any, field: str = "parent") -> bool:
    """Would ``record`` be part of itself, directly or through others, with the parent it has now?
    One query per level above it (a hierarchy is a few levels deep)."""
    if record.pk is None:
        return False
    column = f"{field}_id"
    manager = type(record)._default_manager
    current, seen = getattr(record, column), set()
    while current is not None and current not in seen:
        if current == record.pk:
            return True
        seen.add(current)
        current = manager.filter(pk=current).values_list(column, flat=True).first()
    return False
