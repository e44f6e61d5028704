"""One test against the real Kolada API, for manual runs only (it needs the network):
`.venv/bin/pytest -m live_kolada tests/kolada/test_live.py`. Deselected in normal runs."""

import pytest

from styrkraft.kolada.client import KoladaClient, KoladaRow


@pytest.mark.live_kolada
def test_live_api_answers_in_the_v3_shape():
    with KoladaClient("https://api.kolada.se/v3", timeout=30, retries=2) as client:
        rows = list(client.data(["N00945"], ["0180"], [2000]))
        [municipality] = client.municipalities(["1980"])
        [kpi] = client.kpis(["N00097"])

    assert [r for r in rows if r.gender == "T"] == [
        KoladaRow(kpi="N00945", area="0180", year=2000, gender="T", value=31.3, count=1)
    ]
    assert municipality == {"id": "1980", "title": "Västerås", "type": "K"}
    assert kpi["title"] == "Nettokostnadsavvikelse totalt (exkl. LSS), andel (%)"
