"""The published JSON Schema is the one generated from the document's typed definition."""

from __future__ import annotations

from gtm_pulse.report import schema


def test_the_shipped_schema_is_the_generated_one() -> None:
    # given the TypedDicts of gtm_pulse/report/document.py, when the schema is generated,
    # then it is the file shipped (regenerate: python -m gtm_pulse.report.schema --write)
    assert schema.PATH.read_text(encoding="utf-8") == schema.text()


def test_check_fails_when_the_shipped_schema_drifts(tmp_path, monkeypatch, capsys) -> None:
    stale = tmp_path / "compare.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(schema, "PATH", stale)
    assert schema.main(["--check"]) == 1
    assert "--write" in capsys.readouterr().out
    assert schema.main(["--write"]) == 0
    assert schema.main(["--check"]) == 0
