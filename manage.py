#!/usr/bin/env python
"""Django's manage.py; the installed `styrkraft` command does the same."""

from styrkraft.__main__ import main

if __name__ == "__main__":
    main()
