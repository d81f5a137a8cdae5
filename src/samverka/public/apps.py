from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "samverka.public"
    label = "public"
