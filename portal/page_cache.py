"""Public pages kept whole in the cache for visitors, under the registry's version.

The registry is read far more than it is edited, and its pages are the same for every visitor
(no form carries a CSRF token; the language is in the URL). A page is kept for
PAGE_CACHE_SECONDS under the registry's current version (projects.registry_version), so an
edit shows at once; browsers keep it for at most a minute. Staff (anyone with a session) always
get a fresh page.
"""

from functools import wraps

from django.conf import settings
from django.views.decorators.cache import cache_control, cache_page

from projects import registry_version

BROWSER_MAX_AGE = 60


def public_page(view):
    fresh = cache_control(max_age=BROWSER_MAX_AGE, public=True)(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        timeout = settings.PAGE_CACHE_SECONDS
        if timeout <= 0 or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        # Built per request: the key prefix is the registry's version at this moment.
        cached = cache_page(timeout, key_prefix=f"page:{registry_version.current()}")(fresh)
        return cached(request, *args, **kwargs)

    return wrapped
