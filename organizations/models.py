from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.slugs import unique_slug

legal_code_validator = RegexValidator(
    r"^[0-9]{9}$",
    _("Juridinio asmens kodas turi būti sudarytas iš 9 skaitmenų."),
    code="invalid_legal_code",
)


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("asociacija")
    PUBLIC_INSTITUTION = "public_institution", _("viešoji įstaiga")
    RELIGIOUS_COMMUNITY = "religious_community", _("religinė bendruomenė ar bendrija")
    CHARITY_FOUNDATION = "charity_foundation", _("labdaros ir paramos fondas")
    PRIVATE_COMPANY = "private_company", _("uždaroji akcinė bendrovė (UAB)")
    BUDGETARY_INSTITUTION = "budgetary_institution", _("biudžetinė įstaiga")
    OTHER = "other", _("kita")


class OrganizationKind(models.TextChoices):
    NGO = "ngo", _("nevyriausybinė organizacija")
    COALITION = "coalition", _("koalicija ar forumas")
    PUBLIC_BODY = "public_body", _("ministerija ar valstybės institucija")
    MUNICIPALITY = "municipality", _("savivaldybė ar jos padalinys")
    SCHOOL = "school", _("švietimo įstaiga")
    BUSINESS = "business", _("verslo įmonė")
    OTHER = "other", _("kita")


def printable(text):
    """`text` without its control characters, which are never part of a name (a NUL byte
    above all, which PostgreSQL refuses in a query)."""
    return "".join(character for character in text if character.isprintable())


class OrganizationQuerySet(models.QuerySet):
    def funders(self):
        """Organizations that fund at least one project."""
        return self.filter(fundings__isnull=False).distinct()

    def search_name(self, text):
        text = printable(text)
        return self.filter(Q(name__icontains=text) | Q(short_name__icontains=text))


class Organization(models.Model):
    name = models.CharField(_("pavadinimas"), max_length=255)
    short_name = models.CharField(
        _("trumpinys"), max_length=50, blank=True, help_text=_("Pvz. MIC, NLĮF, SADM.")
    )
    slug = models.SlugField(_("nuorodos pavadinimas"), max_length=255, unique=True)
    legal_form = models.CharField(
        _("teisinė forma"), max_length=32, choices=LegalForm.choices, blank=True
    )
    kind = models.CharField(
        _("rūšis"), max_length=32, choices=OrganizationKind.choices, default=OrganizationKind.NGO
    )
    legal_code = models.CharField(
        _("juridinio asmens kodas"),
        max_length=9,
        blank=True,
        validators=[legal_code_validator],
        help_text=_("9 skaitmenys; neprivalomas, bet jei nurodytas – unikalus."),
    )
    website = models.URLField(_("svetainė"), blank=True)
    description = models.TextField(_("aprašymas"), blank=True)
    members = models.ManyToManyField(
        "self",
        through="Membership",
        symmetrical=False,
        related_name="coalitions",
        verbose_name=_("narės"),
        blank=True,
    )
    created_at = models.DateTimeField(_("sukurta"), auto_now_add=True)
    updated_at = models.DateTimeField(_("atnaujinta"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("organizacijos istorija"))

    class Meta:
        verbose_name = _("organizacija")
        verbose_name_plural = _("organizacijos")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["legal_code"],
                condition=~Q(legal_code=""),
                name="%(app_label)s_%(class)s_legal_code_unique",
                violation_error_message=_("Organizacija su tokiu juridinio asmens kodu jau yra."),
            ),
            models.CheckConstraint(
                condition=Q(legal_code="") | Q(legal_code__regex=r"^[0-9]{9}$"),
                name="%(app_label)s_%(class)s_legal_code_nine_digits",
                violation_error_message=_(
                    "Juridinio asmens kodas turi būti sudarytas iš 9 skaitmenų."
                ),
            ),
        ]

    def __str__(self):
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:detail", kwargs={"slug": self.slug})


class SocialLink(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="social_links",
        verbose_name=_("organizacija"),
    )
    label = models.CharField(_("pavadinimas"), max_length=50, help_text=_("Pvz. Facebook."))
    url = models.URLField(_("adresas"))

    class Meta:
        verbose_name = _("socialinio tinklo nuoroda")
        verbose_name_plural = _("socialinių tinklų nuorodos")
        ordering = ["organization_id", "label", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "url"], name="%(app_label)s_%(class)s_unique_url"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.url}"


class Membership(models.Model):
    """A member organization of a coalition or forum."""

    coalition = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="member_links",
        verbose_name=_("koalicija"),
    )
    member = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="coalition_links",
        verbose_name=_("narė"),
    )

    class Meta:
        verbose_name = _("narystė")
        verbose_name_plural = _("narystės")
        ordering = ["coalition_id", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "member"],
                name="%(app_label)s_%(class)s_unique_pair",
                violation_error_message=_("Ši organizacija jau yra koalicijos narė."),
            ),
            models.CheckConstraint(
                condition=~Q(coalition=models.F("member")),
                name="%(app_label)s_%(class)s_not_self",
                violation_error_message=_("Organizacija negali būti pati savo narė."),
            ),
        ]

    def __str__(self):
        return f"{self.member} ∈ {self.coalition}"
