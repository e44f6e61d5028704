"""The secret key when DJANGO_SECRET_KEY is not given: a random one made on first start and kept in a file
under the var directory, readable only by its owner, and reused afterwards (docs/deploy.md). There is no
key in the source to fall back to, for production, the demo and the tests alike.

Read by config/settings.py before Django is set up, so this module imports nothing of Django's but the
exception it raises."""

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

FILE_NAME = "secret_key"
# Django's check --deploy asks for at least 50 characters; token_urlsafe(60) gives 80.
_RANDOM_BYTES = 60
_MIN_LENGTH = 50


def secret_key_from_file(var_dir: Path) -> str:
    """The key in var_dir/secret_key, made first (mode 0600) when the file does not exist."""
    path = var_dir / FILE_NAME
    if not path.exists():
        _create(path)
    return _read(path)


def _create(path: Path) -> None:
    """Write a new key to a private temporary file beside `path`, then link it into place: an
    all-or-nothing step, so two processes starting at once (a WSGI server's workers) end up with the same
    key, and nobody ever reads a half-written file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{FILE_NAME}.")
    except OSError as error:
        raise ImproperlyConfigured(
            f"Cannot create the secret key file {path} ({error.strerror}). Set DJANGO_SECRET_KEY, or "
            "STYRKRAFT_VAR_DIR to a directory this user may write to."
        ) from error
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:  # mkstemp creates it with mode 0600
            file.write(secrets.token_urlsafe(_RANDOM_BYTES) + "\n")
        with contextlib.suppress(FileExistsError):  # another process made it first: use that one
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def _read(path: Path) -> str:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ImproperlyConfigured(
            f"The secret key file {path} may be read or changed by other users (mode {mode:04o}); anyone who "
            f"reads it can forge sign-ins. Make it readable only by its owner: chmod 600 {path}"
        )
    key = path.read_text(encoding="ascii").strip()
    if len(key) < _MIN_LENGTH:
        raise ImproperlyConfigured(
            f"The secret key file {path} holds {len(key)} characters; a key needs at least {_MIN_LENGTH}. "
            "Delete the file to have a new one made (everyone is then signed out)."
        )
    return key
