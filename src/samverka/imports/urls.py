from django.urls import path

from samverka.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.ImportJobListView.as_view(), name="importjob-list"),
    path("new/", views.ImportCreateView.as_view(), name="importjob-create"),
    path("<int:pk>/", views.ImportJobDetailView.as_view(), name="importjob-detail"),
    path("<int:pk>/columns/", views.ImportMapView.as_view(), name="importjob-map"),
    path("<int:pk>/import/", views.ImportRunView.as_view(), name="importjob-run"),
    path("<int:pk>/errors/", views.ImportErrorsView.as_view(), name="importjob-errors"),
    path("<int:pk>/delete/", views.ImportJobDeleteView.as_view(), name="importjob-delete"),
]
