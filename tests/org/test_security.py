"""Sign-in throttling (django-axes), refused sign-ins in the audit trail, the CSRF failure page, session
settings and `styrkraft check --deploy` with production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

from styrkraft.core.models import AuditRecord
from tests.conftest import PASSWORD

LOGIN = reverse("login")
LOCKOUT = "Inloggningen är tillfälligt spärrad efter 5 misslyckade försök. Försök igen om 15 minuter."


def _post_password(client, password, username="redaktor-a"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_sign_in_after_five_failures_is_refused_with_the_lockout_page(anonymous, editor_a):
    statuses = [_post_password(anonymous, "fel").status_code for _ in range(5)]
    response = _post_password(anonymous, PASSWORD)
    html = " ".join(response.content.decode().split())
    # The fifth failure already answers with the lockout page; the right password after it is refused.
    assert (statuses, response.status_code) == ([200, 200, 200, 200, 429], 429)
    assert LOCKOUT in html
    assert "För många misslyckade inloggningar" in html
    assert response.wsgi_request.user.is_authenticated is False
    assert "_auth_user_id" not in anonymous.session


def test_sign_in_after_four_failures_still_works(anonymous, editor_a):
    for _ in range(4):
        _post_password(anonymous, "fel")
    response = _post_password(anonymous, PASSWORD)
    assert (response.status_code, anonymous.session["_auth_user_id"]) == (302, str(editor_a.pk))


def test_lockout_is_per_username(anonymous, editor_a, editor_b):
    for _ in range(5):
        _post_password(anonymous, "fel", username="redaktor-a")
    response = _post_password(anonymous, PASSWORD, username="redaktor-b")
    assert (response.status_code, anonymous.session["_auth_user_id"]) == (302, str(editor_b.pk))


def test_failed_sign_in_leaves_an_audit_record(anonymous, editor_a):
    _post_password(anonymous, "fel")
    record = AuditRecord.objects.get(item_type="auth.login")
    assert (record.action, record.actor, record.actor_label, record.item_id) == (
        "login_failed",
        None,
        "redaktor-a",
        "redaktor-a",
    )
    assert record.changes == {
        "result": ["", "misslyckad inloggning"],
        "username": "redaktor-a",
        "address": "127.0.0.1",
    }


def test_failed_sign_in_of_an_unknown_user_is_recorded_too(anonymous, db):
    _post_password(anonymous, "fel", username="finns-inte")
    assert list(AuditRecord.objects.values_list("item_type", "item_label")) == [("auth.login", "finns-inte")]


def test_successful_sign_in_leaves_no_failure_record(anonymous, editor_a):
    _post_password(anonymous, PASSWORD)
    assert AuditRecord.objects.filter(item_type="auth.login").count() == 0


def test_forged_post_gets_the_swedish_csrf_page(editor_a):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "redaktor-a", "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Formuläret kunde inte skickas</h1>" in html
    assert "Av säkerhetsskäl togs formuläret inte emot, och inget har ändrats." in html
    assert "_auth_user_id" not in client.session


def test_session_lasts_eight_hours_and_ends_with_the_browser():
    assert (settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE) == (8 * 3600, True)
    assert (settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE) == (True, "Lax")


def _styrkraft(args: list[str], env: dict) -> subprocess.CompletedProcess:
    command = Path(sys.executable).parent / "styrkraft"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "STYRKRAFT_", "OIDC_"))}
    return subprocess.run(
        [str(command), *args], env={**clean, **env}, capture_output=True, text=True, timeout=120, check=False
    )


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "STYRKRAFT_HTTPS": "true",
    "DJANGO_ALLOWED_HOSTS": "styrning.example.se",
}


def test_check_deploy_is_clean_with_production_settings():
    result = _styrkraft(["check", "--deploy"], PRODUCTION)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_is_clean_with_single_sign_on_on():
    env = {
        **PRODUCTION,
        "OIDC_RP_CLIENT_ID": "styrkraft",
        "OIDC_RP_CLIENT_SECRET": "hemligt",
        "STYRKRAFT_OIDC_ISSUER": "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
        "STYRKRAFT_OIDC_GROUP_ROLES": "g1=admin:*",
    }
    result = _styrkraft(["check", "--deploy"], env)
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def test_check_deploy_warns_without_https():
    result = _styrkraft(["check", "--deploy"], {**PRODUCTION, "STYRKRAFT_HTTPS": "false"})
    warned = sorted(code for code in ("W004", "W008", "W012", "W016") if f"security.{code}" in result.stderr)
    assert (result.returncode, warned) == (0, ["W004", "W008", "W012", "W016"])


# The secret key without DJANGO_SECRET_KEY: made on first start in STYRKRAFT_VAR_DIR/secret_key (0600).
PRINT_KEY = ["shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"]
SOURCES = [Path(settings.BASE_DIR) / "config", Path(settings.BASE_DIR) / "styrkraft"]


def _start(var_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return _styrkraft(PRINT_KEY, {"STYRKRAFT_VAR_DIR": str(var_dir), **(env or {})})


def test_first_start_without_a_key_makes_one_readable_only_by_its_owner(tmp_path):
    var_dir = tmp_path / "var"  # not there yet
    result = _start(var_dir)
    key_file = var_dir / "secret_key"
    assert (result.returncode, result.stderr) == (0, "")
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert result.stdout.strip() == key_file.read_text().strip()
    assert len(result.stdout.strip()) >= 50


def test_second_start_reuses_the_key_of_the_first(tmp_path):
    first = _start(tmp_path).stdout.strip()
    second = _start(tmp_path).stdout.strip()
    assert (second, len(first) >= 50) == (first, True)


def test_production_debug_and_tests_alike_never_use_a_key_from_the_source(tmp_path):
    keys = {
        _start(tmp_path / "production", {"DJANGO_DEBUG": "false"}).stdout.strip(),
        _start(tmp_path / "debug", {"DJANGO_DEBUG": "true"}).stdout.strip(),
        settings.SECRET_KEY,  # the test run's own
    }
    sources = "".join(p.read_text(encoding="utf-8") for root in SOURCES for p in root.rglob("*.py"))
    assert len(keys) == 3  # random: each var directory has its own
    assert [key for key in keys if len(key) < 50 or key in sources] == []


def test_a_key_file_others_may_read_is_refused_with_a_clear_message(tmp_path):
    _start(tmp_path)
    key_file = tmp_path / "secret_key"
    key_file.chmod(0o644)
    result = _start(tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert (
        f"The secret key file {key_file} may be read or changed by other users (mode 0644); anyone who reads "
        f"it can forge sign-ins. Make it readable only by its owner: chmod 600 {key_file}"
    ) in result.stderr


def test_a_given_key_is_used_and_no_file_is_made(tmp_path):
    result = _start(tmp_path, {"DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"]})
    assert (result.stdout.strip(), list(tmp_path.iterdir())) == (PRODUCTION["DJANGO_SECRET_KEY"], [])


def test_require_secret_key_still_refuses_to_start_without_one(tmp_path):
    result = _start(tmp_path, {"STYRKRAFT_REQUIRE_SECRET_KEY": "true"})
    assert (result.returncode, list(tmp_path.iterdir())) == (1, [])
    assert "DJANGO_SECRET_KEY must be set (STYRKRAFT_REQUIRE_SECRET_KEY is true)." in result.stderr


def test_check_deploy_is_clean_with_the_generated_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = _styrkraft(["check", "--deploy"], {**env, "STYRKRAFT_VAR_DIR": str(tmp_path)})
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
