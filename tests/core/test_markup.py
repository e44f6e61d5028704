"""Markup lives in templates (issue 9, point 4): no mark_safe on assembled strings, and one state badge
that knows each model's records-state field."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from styrkraft.indicators.models import Indicator
from styrkraft.steering.models import Assignment, Goal, SteeringDocument

BADGE = Template("{% load styrkraft_tags %}{% state_badge item %}|{% state_badge item field %}")


def test_no_mark_safe_in_the_code():
    """HTML is written in templates or with format_html; mark_safe on a joined string hides an unescaped
    value from review."""
    code = Path(settings.BASE_DIR) / "styrkraft"
    found = [
        f"{path.relative_to(code)}:{n}"
        for path in sorted(code.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bmark_safe\b|\bSafeString\(", line)
    ]
    assert found == []


@pytest.mark.parametrize(
    "item, field, expected",
    [
        (Goal(record_state="decided"), "record_state", ("decided", "beslutad")),
        (
            Assignment(record_state="ready", progress="ongoing"),
            "progress",
            ("ready", "upprättad", "ongoing", "pågår"),
        ),
        (
            SteeringDocument(record_state="draft", validity="in_force"),
            "validity",
            ("draft", "utkast", "in_force", "gällande"),
        ),
        (Indicator(targets_state="ready"), "targets_state", ("ready", "upprättad")),
    ],
)
def test_state_badge_reads_the_records_state_field_the_model_names(item, field, expected):
    html = BADGE.render(Context({"item": item, "field": field}))
    records, other = html.split("|")
    state, label = expected[:2]
    assert records == f'<span class="status status-{state}">{label}</span>'
    state, label = expected[-2:]
    assert other == f'<span class="status status-{state}">{label}</span>'


def test_state_badge_escapes_its_label():
    template = Template('{% include "partials/state_badge.html" with state="x" label=label only %}')
    assert (
        template.render(Context({"label": "<b>&"})) == '<span class="status status-x">&lt;b&gt;&amp;</span>'
    )
