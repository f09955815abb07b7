from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`manage.py load_demo`: demo pages, people, pictures, a report and comments."""

    name = "demo"
    verbose_name = "Demo content"
