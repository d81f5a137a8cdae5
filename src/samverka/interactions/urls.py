from samverka.core.urls import record_urls
from samverka.interactions.forms import InteractionForm
from samverka.interactions.models import Interaction
from samverka.interactions.views import InteractionCreateView, InteractionListView

app_name = "interactions"

urlpatterns = record_urls(
    "", Interaction, form=InteractionForm, list_view=InteractionListView, create_view=InteractionCreateView
)
