from django.urls import path

from samverka.core.urls import record_urls
from samverka.interactions.forms import InteractionForm, MailDropForm
from samverka.interactions.models import Interaction
from samverka.interactions.views import (
    AttachmentView,
    InteractionCreateView,
    InteractionDetailView,
    InteractionListView,
    MailDropView,
)

app_name = "interactions"

urlpatterns = [
    path(
        "e-mail/", MailDropView.as_view(model=Interaction, form_class=MailDropForm), name="interaction-mail"
    ),
    path("attachments/<int:pk>/", AttachmentView.as_view(), name="interaction-attachment"),
    *record_urls(
        "",
        Interaction,
        form=InteractionForm,
        list_view=InteractionListView,
        detail_view=InteractionDetailView,
        create_view=InteractionCreateView,
    ),
]
