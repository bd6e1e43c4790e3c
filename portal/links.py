from urllib.parse import urlencode

from django.urls import reverse


def search_url(**params):
    """The project search page filtered by `params` (list values repeat the parameter)."""
    query = urlencode({key: value for key, value in params.items() if value}, doseq=True)
    url = reverse("projects:list")
    return f"{url}?{query}" if query else url
