from samverka.core.urls import record_urls
from samverka.directory import views as v

app_name = "directory"

urlpatterns = [
    *record_urls(
        "organisations/",
        "organisation",
        list_view=v.OrganisationListView,
        create=v.OrganisationCreateView,
        detail=v.OrganisationDetailView,
        edit=v.OrganisationUpdateView,
        delete=v.OrganisationDeleteView,
    ),
    *record_urls(
        "people/",
        "person",
        list_view=v.PersonListView,
        create=v.PersonCreateView,
        detail=v.PersonDetailView,
        edit=v.PersonUpdateView,
        delete=v.PersonDeleteView,
    ),
    *record_urls(
        "units/",
        "unit",
        list_view=v.UnitListView,
        create=v.UnitCreateView,
        detail=v.UnitDetailView,
        edit=v.UnitUpdateView,
        delete=v.UnitDeleteView,
    ),
]
