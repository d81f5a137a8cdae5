"""The URL naming rule of every record: ``<model>-list/-create/-detail/-edit/-delete``."""

from django.urls import path


def record_urls(
    prefix: str,
    model_name: str,
    *,
    list_view=None,
    create=None,
    detail=None,
    edit=None,
    delete=None,
) -> list:
    patterns = []
    if list_view:
        patterns.append(path(f"{prefix}", list_view.as_view(), name=f"{model_name}-list"))
    if create:
        patterns.append(path(f"{prefix}new/", create.as_view(), name=f"{model_name}-create"))
    if detail:
        patterns.append(path(f"{prefix}<int:pk>/", detail.as_view(), name=f"{model_name}-detail"))
    if edit:
        patterns.append(path(f"{prefix}<int:pk>/edit/", edit.as_view(), name=f"{model_name}-edit"))
    if delete:
        patterns.append(path(f"{prefix}<int:pk>/delete/", delete.as_view(), name=f"{model_name}-delete"))
    return patterns
