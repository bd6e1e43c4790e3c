from django import forms
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _

from projects.search import FIELDS, SORTS, SearchCriteria

FIELD_CHOICES = [
    ("title", _("pavadinime")),
    ("content", _("aprašyme")),
    ("excerpt", _("santraukoje")),
]
SORT_CHOICES = [
    ("relevance", _("pagal atitikimą")),
    ("newest", _("naujausi registre")),
    ("start", _("pagal pradžios datą")),
    ("amount", _("pagal sumą")),
]
# Years a project period can plausibly touch; anything else is a typing error.
YEAR_MIN, YEAR_MAX = 1990, 2100
# Longer queries are cut to this many characters before parsing.
MAX_QUERY_LENGTH = 500


class SearchFieldsField(forms.MultipleChoiceField):
    """`fields=title&fields=content`; the form also sends an empty `fields=` so that a form
    submitted with every box unchecked is told apart from a link that names no field."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item != ""]

    def validate(self, value):
        for item in value:
            if not self.valid_value(item):
                raise forms.ValidationError(
                    _("Nežinomas paieškos laukas „%(value)s“. Galimi: %(choices)s."),
                    code="invalid_choice",
                    params={"value": item, "choices": ", ".join(FIELDS)},
                )


class SlugListField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [item.strip() for item in value if item.strip()]

    def validate(self, value):
        for item in value:
            try:
                validate_slug(item)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Netinkamas identifikatorius „%(value)s“."),
                    code="invalid_slug",
                    params={"value": item[:80]},
                ) from error


class YearListField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        years = []
        for item in value:
            item = item.strip()
            if not item:
                continue
            if not item.isascii() or not item.isdigit() or len(item) != 4:
                raise forms.ValidationError(
                    _("Metai „%(value)s“ neatpažinti: nurodykite keturių skaitmenų metus."),
                    code="invalid_year",
                    params={"value": item[:80]},
                )
            years.append(int(item))
        return sorted(set(years))

    def validate(self, value):
        for year in value:
            if not YEAR_MIN <= year <= YEAR_MAX:
                raise forms.ValidationError(
                    _("Metai turi būti tarp %(min)s ir %(max)s."),
                    code="year_out_of_range",
                    params={"min": YEAR_MIN, "max": YEAR_MAX},
                )


class SearchForm(forms.Form):
    """The search page's GET parameters, validated: q, exact, fields, funder, year,
    organization, programme, sort, page."""

    # Not stripped: a trailing space tells live results that the last word is complete.
    q = forms.CharField(label=_("Paieška"), required=False, strip=False)
    exact = forms.BooleanField(label=_("Tik tikslūs atitikmenys"), required=False)
    fields = SearchFieldsField(
        label=_("Ieškoti"),
        choices=FIELD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    funder = SlugListField(label=_("Finansuotojas"), required=False)
    year = YearListField(label=_("Metai"), required=False)
    organization = forms.CharField(label=_("Organizacija"), required=False)
    programme = forms.CharField(label=_("Programa"), required=False)
    sort = forms.ChoiceField(label=_("Rikiuoti"), choices=[("", "")] + SORT_CHOICES, required=False)
    page = forms.CharField(required=False)

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]

    def _clean_slug(self, name):
        value = self.cleaned_data[name].strip()
        if value:
            try:
                validate_slug(value)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Netinkamas identifikatorius „%(value)s“."),
                    code="invalid_slug",
                    params={"value": value[:80]},
                ) from error
        return value

    def clean_organization(self):
        return self._clean_slug("organization")

    def clean_programme(self):
        return self._clean_slug("programme")

    def clean_page(self):
        value = self.cleaned_data["page"].strip()
        if not value:
            return 1
        if value == "last":
            return value
        if not value.isascii() or not value.isdigit() or int(value) < 1 or len(value) > 9:
            raise forms.ValidationError(
                _("Puslapio numeris turi būti teigiamas sveikasis skaičius."), code="invalid_page"
            )
        return int(value)

    @property
    def fields_given(self):
        return "fields" in self.data

    def criteria(self, *, prefix=False):
        """SearchCriteria from the valid form (call is_valid() first); `prefix` matches the
        last word as a prefix (live results while typing)."""
        data = self.cleaned_data
        chosen = data.get("fields") or []
        fields = tuple(name for name in FIELDS if name in chosen) if self.fields_given else FIELDS
        return SearchCriteria(
            q=data.get("q", ""),
            exact=bool(data.get("exact")),
            fields=fields,
            funders=tuple(data.get("funder") or ()),
            years=tuple(data.get("year") or ()),
            organization=data.get("organization") or "",
            programme=data.get("programme") or "",
            sort=data.get("sort") if data.get("sort") in SORTS else "",
            prefix=prefix,
        )
