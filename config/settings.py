"""Styrkraft's one settings file. Everything a deployment changes comes from the environment
(listed in docs/deploy.md); the defaults run the demo on this machine."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from styrkraft.core.env import env_bool, env_list, env_str
from styrkraft.core.secret_key import secret_key_from_file

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("STYRKRAFT_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if env_bool("STYRKRAFT_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (STYRKRAFT_REQUIRE_SECRET_KEY is true).")
    # A random key made on first start and kept in VAR_DIR/secret_key (mode 0600); never one from the source.
    SECRET_KEY = secret_key_from_file(VAR_DIR)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "styrkraft.core",
    "styrkraft.org",
    "styrkraft.steering",
    "styrkraft.indicators",
    "styrkraft.kolada",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "styrkraft.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a refused (locked-out) sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "styrkraft" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "styrkraft.steering.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'styrkraft.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in: local accounts, throttled by django-axes (its backend must come first), and OpenID Connect
# single sign-on when OIDC_RP_CLIENT_ID is set (docs/deploy.md, "Single sign-on").
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["styrkraft.org.oidc.OIDCBackend"] if OIDC_RP_CLIENT_ID else []),
    "django.contrib.auth.backends.ModelBackend",
]
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
# The provider: its issuer (endpoints read from ISSUER/.well-known/openid-configuration on first use),
# or each endpoint explicitly; an explicit endpoint wins over the discovered one.
STYRKRAFT_OIDC_ISSUER = env_str("STYRKRAFT_OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_AUTHENTICATE_CLASS = "styrkraft.org.oidc.OIDCStartView"
OIDC_CALLBACK_CLASS = "styrkraft.org.oidc.OIDCCallbackView"
OIDC_TIMEOUT = int(env_str("STYRKRAFT_OIDC_TIMEOUT", "10"))
# Roles from the provider's group claim: "GROUP=ROLE:ORGAN,..." (docs/deploy.md).
STYRKRAFT_OIDC_GROUP_CLAIM = env_str("STYRKRAFT_OIDC_GROUP_CLAIM", "groups")
STYRKRAFT_OIDC_GROUP_ROLES = env_str("STYRKRAFT_OIDC_GROUP_ROLES", "")

AXES_FAILURE_LIMIT = int(env_str("STYRKRAFT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("STYRKRAFT_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.views.lockout"  # registration/lockout.html, status 429

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "steering:my_work"  # Mitt arbete, unless the sign-in was asked with ?next=
LOGOUT_REDIRECT_URL = "steering:chain"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
USE_TZ = True
FORMAT_MODULE_PATH = ["styrkraft.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "styrkraft" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STYRKRAFT_MANIFEST_STATIC", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Security: secure cookies and HSTS when served over HTTPS (docs/deploy.md).
HTTPS = env_bool("STYRKRAFT_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_PRELOAD = env_bool("STYRKRAFT_HSTS_PRELOAD", HTTPS)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env_str("STYRKRAFT_SESSION_HOURS", "8")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("STYRKRAFT_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = env_str(
    "STYRKRAFT_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The model's limits are settings per municipality (Municipality.max_goals_per_organ and
# Municipality.min_target_areas); these are the defaults for a new municipality.
STYRKRAFT_DEFAULT_MAX_GOALS = 3
STYRKRAFT_DEFAULT_MIN_TARGET_AREAS = 2

# The municipality the site shows (its slug); empty: the first one loaded.
STYRKRAFT_MUNICIPALITY = env_str("STYRKRAFT_MUNICIPALITY", "")

# Kolada, the national database of municipal key figures (docs/kolada.md).
KOLADA_BASE_URL = env_str("KOLADA_BASE_URL", "https://api.kolada.se/v3").rstrip("/")
KOLADA_TIMEOUT_SECONDS = float(env_str("KOLADA_TIMEOUT_SECONDS", "30"))
KOLADA_RETRIES = int(env_str("KOLADA_RETRIES", "4"))  # attempts after the first, with backoff
KOLADA_TREND_YEARS = int(env_str("KOLADA_TREND_YEARS", "5"))  # the N of "trend over the last N years"
