"""The calendar's page in the workspace (the feeds themselves are in the root URLconf, outside log-in)."""

from django.urls import path

from samverka.governance.feeds import CalendarView

urlpatterns: list = [
    path("calendar/", CalendarView.as_view(), name="calendar"),
]
