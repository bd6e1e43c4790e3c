from django.utils.text import slugify


def unique_slug(instance, text, *, max_length=255):
    """A slug for `instance` from `text`, made unique among rows of its model.

    Lithuanian letters fold to ASCII (ą→a, š→s) so URLs stay readable in any client.
    """
    base = slugify(text)[: max_length - 8].strip("-") or "be-pavadinimo"
    queryset = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, suffix = base, 2
    while queryset.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug
