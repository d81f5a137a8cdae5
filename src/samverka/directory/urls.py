from samverka.core.urls import record_urls
from samverka.directory import views
from samverka.directory.forms import OrganisationForm, PersonForm, UnitForm
from samverka.directory.models import Organisation, Person, Unit

app_name = "directory"

urlpatterns = [
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
    *record_urls("units/", Unit, form=UnitForm, list_view=views.UnitListView),
]
