from django.urls import path

from samverka.privacy import views

app_name = "privacy"

urlpatterns = [
    path(
        "people/<int:pk>/export.json",
        views.PersonExportView.as_view(),
        {"kind": "json"},
        name="person-export-json",
    ),
    path(
        "people/<int:pk>/export.pdf",
        views.PersonExportView.as_view(),
        {"kind": "pdf"},
        name="person-export-pdf",
    ),
    path("people/<int:pk>/anonymise/", views.PersonAnonymiseView.as_view(), name="person-anonymise"),
    path("ideas/<int:pk>/erase-submitter/", views.SubmitterEraseView.as_view(), name="idea-erase-submitter"),
    path("retention/", views.RetentionView.as_view(), name="retention"),
    path("record-of-processing/", views.ProcessingRecordView.as_view(), name="processing-record"),
]
