"""Kolada data kept locally: the KPI catalogue, municipalities and groups, the raw values, and a record
of every sync or import. Raw values are Kolada's ("Källa: Kolada"); what we compute from them lives in
`analysis.py`, never here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KoladaKpi(models.Model):
    """One key figure of Kolada's catalogue (refreshed by `styrkraft kolada sync --catalogue`)."""

    id = models.CharField(_("Kolada-id"), max_length=10, primary_key=True)
    title = models.CharField(_("titel"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    unit = models.CharField(_("enhet"), max_length=40, blank=True)
    operating_area = models.CharField(_("verksamhetsområde"), max_length=300, blank=True)
    perspective = models.CharField(_("perspektiv"), max_length=100, blank=True)
    municipality_type = models.CharField(_("kommuntyp"), max_length=4, blank=True)
    is_divided_by_gender = models.BooleanField(_("könsuppdelat"), default=False)
    has_ou_data = models.BooleanField(_("har enhetsdata"), default=False)
    prel_publication_date = models.DateField(_("preliminär publicering"), null=True, blank=True)
    publication_date = models.DateField(_("publicering"), null=True, blank=True)
    publ_period = models.CharField(_("publiceringsperiod"), max_length=20, blank=True)
    fetched_at = models.DateTimeField(_("hämtad"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("Kolada-nyckeltal")
        verbose_name_plural = _("Kolada-nyckeltal")

    def __str__(self) -> str:
        return f"{self.id} {self.title}"


class KoladaArea(models.Model):
    """A municipality, a region, the whole country (`0000`, Riket) or a municipality group (`G…`)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "K", _("kommun")
        REGION = "L", _("region")
        COUNTRY = "R", _("riket")
        GROUP = "G", _("kommungrupp")

    RIKET = "0000"

    id = models.CharField(_("Kolada-id"), max_length=12, primary_key=True)
    title = models.CharField(_("namn"), max_length=300)
    kind = models.CharField(_("slag"), max_length=1, choices=Kind.choices)
    members = models.JSONField(_("medlemmar"), default=list, blank=True)  # member ids of a group
    fetched_at = models.DateTimeField(_("hämtad"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("Kolada-område")
        verbose_name_plural = _("Kolada-områden")

    def __str__(self) -> str:
        return self.title


class KoladaValue(models.Model):
    """One raw value: a KPI for a municipality or group, a year and a gender (T total, K women, M men)."""

    class Gender(models.TextChoices):
        TOTAL = "T", _("totalt")
        WOMEN = "K", _("kvinnor")
        MEN = "M", _("män")

    kpi = models.CharField(_("Kolada-id"), max_length=10)
    area = models.CharField(_("kommun eller grupp"), max_length=12)
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField(_("värde"), null=True, blank=True)
    count = models.PositiveIntegerField(_("antal"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=40, blank=True)
    is_deleted = models.BooleanField(_("borttaget i Kolada"), default=False)
    fetched_at = models.DateTimeField(_("hämtad"))
    changed_at = models.DateTimeField(_("senast ändrat"))

    class Meta:
        ordering = ["kpi", "area", "year", "gender"]
        verbose_name = _("Kolada-värde")
        verbose_name_plural = _("Kolada-värden")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "area", "year", "gender"], name="koladavalue_unique"),
        ]
        indexes = [models.Index(fields=["kpi", "year", "gender"], name="koladavalue_kpi_year")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.area} {self.year} {self.gender}: {self.value}"


class KoladaSync(models.Model):
    """One run of `kolada sync` or `kolada import`. The start of the last successful sync is the
    `from_date` of the next incremental one."""

    class Kind(models.TextChoices):
        SYNC = "sync", _("synkronisering")
        CATALOGUE = "catalogue", _("katalog")
        IMPORT = "import", _("import från fil")

    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    started_at = models.DateTimeField(_("startad"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    ok = models.BooleanField(_("lyckades"), default=False)
    full = models.BooleanField(_("fullständig"), default=False)
    from_date = models.DateField(_("ändringar sedan"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=500, blank=True)  # base URL or file name
    added = models.PositiveIntegerField(_("tillagda"), default=0)
    changed = models.PositiveIntegerField(_("ändrade"), default=0)
    deleted = models.PositiveIntegerField(_("borttagna"), default=0)
    unchanged = models.PositiveIntegerField(_("oförändrade"), default=0)
    requests = models.PositiveIntegerField(_("anrop"), default=0)
    message = models.TextField(_("meddelande"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("Kolada-körning")
        verbose_name_plural = _("Kolada-körningar")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"
