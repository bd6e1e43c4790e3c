from django import forms
from django.db import models

# Source pages and websites are https nowadays; a bare "www.lygus.lt" typed by staff should
# become https://www.lygus.lt, not http:// (Django 6 makes this the default).
URL_FIELD_OVERRIDES = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}
