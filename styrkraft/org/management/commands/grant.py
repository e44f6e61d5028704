"""`styrkraft grant USER ROLE [ORGAN] [--municipality SLUG] [--revoke] [--create-user]`: give a user a role,
or take it away (docs/roles.md): editor or reader on the organ ORGAN, admin for the whole municipality
(no ORGAN; one given anyway, as before administrators were site-wide, is ignored with a note). Goes
through the same services as the site's page Roller."""

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styrkraft.org import services
from styrkraft.org.models import Organ, OrganRole
from styrkraft.org.roles import ROLE_CHOICES_TEXT, parse_role, users_matching

ACTOR = "styrkraft grant"


def find_organ(slug: str, municipality: str | None) -> Organ:
    """The organ with kortnamn `slug` (in the municipality with kortnamn `municipality` when given)."""
    organs = Organ.objects.select_related("municipality").filter(slug=slug)
    if municipality:
        organs = organs.filter(municipality__slug=municipality)
    found = list(organs)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise CommandError(
            _("Flera kommuner har ett organ ”%(slug)s”; ange kommunen med --municipality (%(choices)s).")
            % {"slug": slug, "choices": ", ".join(sorted(o.municipality.slug for o in found))}
        )
    others = Organ.objects.all()
    if municipality:
        others = others.filter(municipality__slug=municipality)
    slugs = sorted(set(others.values_list("slug", flat=True)))
    raise CommandError(
        _("Det finns inget organ med kortnamnet ”%(slug)s”. Organ som finns: %(choices)s.")
        % {"slug": slug, "choices": ", ".join(slugs) or _("(inga)")}
    )


class Command(BaseCommand):
    help = (
        "Gives USER the role ROLE: editor or reader on the organ ORGAN, or admin for the whole municipality "
        "(no ORGAN); with --revoke takes it away. USER is a username or an e-mail address; ORGAN an "
        "organ's kortnamn."
    )

    def add_arguments(self, parser):
        parser.add_argument("user", help="Username or e-mail address.")
        parser.add_argument("role", help="admin, editor or reader (administratör, redigerare, läsare).")
        parser.add_argument(
            "organ", nargs="?", help="The organ's kortnamn (slug); not for admin, which is site-wide."
        )
        parser.add_argument(
            "--municipality", help="The municipality's kortnamn, when several have the organ."
        )
        parser.add_argument("--revoke", action="store_true", help="Take the role away instead.")
        parser.add_argument(
            "--create-user",
            action="store_true",
            help="Create the user (without a password) if there is none with that name.",
        )
        parser.add_argument("--email", default="", help="The e-mail address of a user made by --create-user.")

    def handle(self, *args, **options):
        role = parse_role(options["role"])
        if role is None:
            raise CommandError(
                _("Okänd roll ”%(role)s”. Välj en av: %(choices)s.")
                % {"role": options["role"], "choices": ROLE_CHOICES_TEXT}
            )
        organ = None
        if role == OrganRole.Role.ADMIN:
            if options["organ"]:
                self.stdout.write(
                    _(
                        "En administratör gäller hela kommunen; organet ”%(organ)s” används inte "
                        "(skriv `styrkraft grant %(user)s admin`)."
                    )
                    % {"organ": options["organ"], "user": options["user"]}
                )
        elif not options["organ"]:
            raise CommandError(
                _("Ange organet (ORGAN) som rollen %(role)s gäller.") % {"role": OrganRole.Role(role).label}
            )
        else:
            organ = find_organ(options["organ"], options["municipality"])
        user = self.find_user(
            options["user"], create=options["create_user"] and not options["revoke"], email=options["email"]
        )
        role_obj = OrganRole(user=user, organ=organ, role=role)
        done = {
            "user": user.get_username(),
            "role": role_obj.get_role_display(),
            "organ": role_obj.scope_label,
        }
        if organ is not None:
            done["organ"] = f"{organ} ({organ.municipality})"
        if options["revoke"]:
            held = OrganRole.objects.filter(user=user, organ=organ, role=role).first()
            if held is None:
                raise CommandError(
                    _("%(user)s är inte %(role)s för %(organ)s; inget ändrades.")
                    % {**done, "organ": role_obj.scope_label}
                )
            try:
                services.role_revoke(actor=ACTOR, role_obj=held)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(_("%(user)s är inte längre %(role)s för %(organ)s.") % done)
            return
        try:
            services.role_grant(actor=ACTOR, user=user, organ=organ, role=role)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(_("%(user)s är nu %(role)s för %(organ)s.") % done)

    def find_user(self, text: str, *, create: bool, email: str):
        users = list(users_matching(text))
        if len(users) == 1:
            return users[0]
        if len(users) > 1:
            raise CommandError(
                _("Flera användare har e-postadressen ”%(email)s”; ange användarnamnet (%(choices)s).")
                % {"email": text, "choices": ", ".join(sorted(u.get_username() for u in users))}
            )
        if not create:
            raise CommandError(
                _("Det finns ingen användare ”%(user)s”. Skapa den med --create-user.") % {"user": text}
            )
        if not email and "@" in text:
            email = text
        try:
            user = services.user_create(actor=ACTOR, username=text, email=email)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            _(
                "Användaren %(user)s är skapad utan lösenord; sätt lösenordet med `styrkraft changepassword %(user)s`."
            )
            % {"user": user.get_username()}
        )
        return user
