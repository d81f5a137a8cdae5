from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "samverka.workspace"
    label = "workspace"
