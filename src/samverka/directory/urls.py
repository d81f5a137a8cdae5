from django.urls import path

from samverka.core.urls import record_urls
from samverka.directory import duplicate_views, views
from samverka.directory.forms import AffiliationForm, OrganisationForm, PersonForm, UnitForm
from samverka.directory.models import Affiliation, Organisation, Person, Unit
from samverka.interactions.views import TimelineView

app_name = "directory"


def duplicate_urls(prefix: str, model) -> list:
    """The likely duplicates of a kind, "not a duplicate" and the merge page of one of its records."""
    name = model._meta.model_name
    return [
        path(
            f"{prefix}duplicates/",
            duplicate_views.DuplicateListView.as_view(model=model),
            name=f"{name}-duplicates",
        ),
        path(
            f"{prefix}duplicates/dismiss/",
            duplicate_views.DismissDuplicateView.as_view(model=model),
            name=f"{name}-dismiss-duplicate",
        ),
        path(
            f"{prefix}<int:pk>/merge/", duplicate_views.MergeView.as_view(model=model), name=f"{name}-merge"
        ),
    ]


urlpatterns = [
    *duplicate_urls("organisations/", Organisation),
    *duplicate_urls("people/", Person),
    path(
        "organisations/<int:pk>/timeline/",
        TimelineView.as_view(model=Organisation),
        name="organisation-timeline",
    ),
    path("people/<int:pk>/timeline/", TimelineView.as_view(model=Person), name="person-timeline"),
    *record_urls(
        "organisations/",
        Organisation,
        form=OrganisationForm,
        list_view=views.OrganisationListView,
        detail_view=views.OrganisationDetailView,
    ),
    *record_urls(
        "people/",
        Person,
        form=PersonForm,
        list_view=views.PersonListView,
        detail_view=views.PersonDetailView,
        create_view=views.PersonCreateView,
    ),
    *record_urls(
        "units/",
        Unit,
        form=UnitForm,
        list_view=views.UnitListView,
        detail_view=views.UnitDetailView,
        create_view=views.UnitCreateView,
    ),
    *record_urls(
        "affiliations/",
        Affiliation,
        form=AffiliationForm,
        create_view=views.AffiliationCreateView,
        after_delete=("person",),
    ),
]
