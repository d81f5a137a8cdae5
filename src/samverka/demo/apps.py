from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "samverka.demo"
    label = "demo"
