from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.inclusion_tag("includes/_head_links.html", takes_context=True)
def head_links(context):
    """The page's canonical URL and its address in every language (hreflang alternates).

    The canonical URL drops the query string but keeps the page number of a paginated list.
    """
    request = context.get("request")
    if request is None:
        return {}
    path = request.path
    page = request.GET.get("page", "")
    canonical = request.build_absolute_uri(path)
    # Only ASCII digits: str.isdigit() also accepts "¹", which int() refuses.
    if page.isascii() and page.isdigit() and int(page) > 1:
        canonical += f"?page={int(page)}"
    alternates = [
        (code, request.build_absolute_uri(translate_url(path, code)))
        for code, _name in settings.LANGUAGES
    ]
    default = request.build_absolute_uri(translate_url(path, settings.LANGUAGE_CODE))
    return {"canonical": canonical, "alternates": alternates, "x_default": default}


@register.simple_tag(takes_context=True)
def page_in_language(context, code):
    """This page (with its query string) in language `code`: the language switch is a plain
    link, so pages carry no form and no CSRF token, and can be cached for every visitor."""
    request = context["request"]
    return translate_url(request.get_full_path(), code)
