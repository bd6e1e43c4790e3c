from django import forms
from django.utils.translation import gettext_lazy as _

from importer.services import PAGE_SUFFIXES

MAX_PAGE_BYTES = 2 * 1024 * 1024


class PageUploadForm(forms.Form):
    page = forms.FileField(
        label=_("Projekto puslapis"),
        help_text=_("Tekstinis (.txt) arba HTML (.html) failas UTF-8 koduote."),
    )
    source_url = forms.URLField(
        label=_("Šaltinio nuoroda"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "Puslapio adresas internete, jei žinomas: pagal jį atpažįstamas pakartotinis importas."
        ),
    )

    def clean_page(self):
        upload = self.cleaned_data["page"]
        name = upload.name or ""
        if not any(name.lower().endswith(suffix) for suffix in PAGE_SUFFIXES):
            raise forms.ValidationError(_("Tinka tik .txt, .html ar .htm failai."))
        if upload.size > MAX_PAGE_BYTES:
            raise forms.ValidationError(_("Failas per didelis (daugiausia 2 MB)."))
        try:
            self.cleaned_data["text"] = upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("Failas ne UTF-8 koduotės.")) from error
        return upload
