from django.dispatch import Signal

# Sent at the end of `manage.py load_demo` so other apps can add their own demo data
# without this app importing them.
demo_content_loaded = Signal()
