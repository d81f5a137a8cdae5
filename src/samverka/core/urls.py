"""The URL rule of every record kind: ``<model>-list/-bulk/-create/-detail/-edit/-delete``.

``record_urls`` builds the standard pages from the record's model and form;
an app passes its own view class only where a page does more than the standard.
"""

from typing import Any

from django import forms
from django.db import models
from django.urls import URLPattern, path
from django.views import View

from samverka.core.views import (
    RecordBulkView,
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordUpdateView,
)


def record_urls(
    prefix: str,
    model: type[models.Model],
    *,
    form: type[forms.BaseForm],
    list_view: "type[View[Any]] | None" = None,
    detail_view: "type[View[Any]]" = RecordDetailView,
    create_view: "type[View[Any]]" = RecordCreateView,
    update_view: "type[View[Any]]" = RecordUpdateView,
    delete_view: "type[View[Any]]" = RecordDeleteView,
    after_delete: tuple[str, ...] = (),
) -> list[URLPattern]:
    name = model._meta.model_name
    patterns = []
    if list_view is not None:
        patterns.append(path(prefix, list_view.as_view(form_class=form), name=f"{name}-list"))
        # the list's chosen rows: downloaded, or given one of its ``bulk_fields`` (``RecordBulkView``)
        bulk = RecordBulkView.as_view(model=model, form_class=form, list_view=list_view)
        patterns.append(path(f"{prefix}bulk/", bulk, name=f"{name}-bulk"))
    return [
        *patterns,
        path(f"{prefix}new/", create_view.as_view(model=model, form_class=form), name=f"{name}-create"),
        path(f"{prefix}<int:pk>/", detail_view.as_view(model=model, form_class=form), name=f"{name}-detail"),
        path(
            f"{prefix}<int:pk>/edit/",
            update_view.as_view(model=model, form_class=form),
            name=f"{name}-edit",
        ),
        path(
            f"{prefix}<int:pk>/delete/",
            delete_view.as_view(model=model, after_delete=after_delete),
            name=f"{name}-delete",
        ),
    ]
