"""Exit 0 when a PostgreSQL server answers at the given URL, 1 otherwise (used by `make test`)."""

import sys

import psycopg

url = sys.argv[1]
try:
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
        pass
except psycopg.Error as exc:
    print(f"PostgreSQL at {url}: {exc}".strip(), file=sys.stderr)
    sys.exit(1)
sys.exit(0)
