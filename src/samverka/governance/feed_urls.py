"""The calendar's pages in the workspace (filled in by the calendar feature)."""

urlpatterns: list = []
