"""Every public URL pattern of the portal, found by walking the URL resolver.

The admin and the language switch (POST only) are not public pages; everything else is, in
both languages where the pattern lives under i18n_patterns.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

PRIVATE_PREFIXES = ("admin/", "i18n/")


@dataclass(frozen=True)
class Route:
    prefix: str  # "" or a language prefix such as "en/"
    route: str  # e.g. "projects/<slug:slug>/"
    converters: tuple  # ((name, converter), ...)
    name: str

    def __str__(self):
        return f"/{self.prefix}{self.route}"


def _walk(patterns, prefix="", route="", converters=()):
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            for language_prefix in ("", "en/"):
                yield from _walk(entry.url_patterns, language_prefix, route, converters)
            continue
        if isinstance(pattern, RoutePattern):
            part = pattern._route
            found = tuple(pattern.converters.items())
        elif isinstance(pattern, RegexPattern) and pattern.regex.groups == 0:
            part = pattern._regex.lstrip("^").rstrip("$").replace("\\", "")
            found = ()
        else:
            continue
        full = route + part
        if full.startswith(PRIVATE_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix, full, converters + found)
        elif isinstance(entry, URLPattern):
            name = entry.name or full
            yield Route(prefix, full, converters + found, name)


def public_routes():
    return sorted(set(_walk(get_resolver().url_patterns)), key=str)


def fill(route, values):
    """The path of `route` with each <converter:name> replaced by values[name]."""
    path = route.route
    for name, converter in route.converters:
        kind = {
            "StringConverter": "str",
            "SlugConverter": "slug",
            "IntConverter": "int",
            "UUIDConverter": "uuid",
            "PathConverter": "path",
        }.get(type(converter).__name__)
        placeholder = f"<{kind}:{name}>" if kind else None
        if placeholder and placeholder in path:
            path = path.replace(placeholder, str(values[name]))
        else:
            path = path.replace(f"<{name}>", str(values[name]))
    return f"/{route.prefix}{path}"
