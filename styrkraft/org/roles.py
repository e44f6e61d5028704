"""Reading role names and users as people write them: in the command line, the site's form and the
model file. `admin`, `editor`, `reader` and the Swedish `administratör`, `redigerare`, `läsare`."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from styrkraft.org.models import OrganRole

ROLE_NAMES = {
    "admin": OrganRole.Role.ADMIN,
    "administrator": OrganRole.Role.ADMIN,
    "administratör": OrganRole.Role.ADMIN,
    "editor": OrganRole.Role.EDITOR,
    "redigerare": OrganRole.Role.EDITOR,
    "reader": OrganRole.Role.READER,
    "läsare": OrganRole.Role.READER,
}

# What an error message offers as the valid role names.
ROLE_CHOICES_TEXT = "admin, editor, reader (administratör, redigerare, läsare)"


def parse_role(text: str) -> str | None:
    """The OrganRole.Role value a written role name means, or None."""
    return ROLE_NAMES.get(text.strip().lower())


def users_matching(text: str):
    """The users whose username is `text`, or (when none is) whose e-mail address is `text`."""
    model = get_user_model()
    text = text.strip()
    by_name = model.objects.filter(username__iexact=text)
    if by_name.exists() or "@" not in text:
        return by_name
    return model.objects.filter(Q(email__iexact=text))
