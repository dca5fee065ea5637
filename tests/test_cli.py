"""The real CLI on small inputs: exit codes, output schema, errors without tracebacks.

Commands run in-process through typer's runner with the session pipeline passed as
the context object (one model load); the bad-input test runs the installed
``eventwire`` executable, to check the real entry point never prints a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from eventwire.cli import ModelName, app
from eventwire.nlp import KNOWN_MODELS

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

ARTICLE = (
    "Russian troops attacked Ukrainian soldiers near the border on Monday.\n\n"
    "The German government condemned Russia on Tuesday."
)
EVENT_KEYS = {
    "event_id",
    "doc_id",
    "url",
    "date",
    "date_precision",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "modality",
    "reported_by",
    "location",
    "sentence",
    "evidence_span",
    "confidence",
}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_every_command_shows_an_example(runner: CliRunner) -> None:
    for command in ("code", "info", "eval"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: eventwire " + command in result.output


def test_model_choices_are_the_pinned_models() -> None:
    assert {m.value for m in ModelName} == set(KNOWN_MODELS)


@pytest.mark.parametrize(
    "args",
    [
        ["code"],
        ["code", "a.txt", "--format", "xml"],
        ["code", "a.txt", "--date", "23/12/2017"],
        ["code", "a.txt", "--coder", "coder.nope.v1"],
        ["eval", "gold.jsonl", "--update-floors"],
        ["nope"],
    ],
)
def test_usage_errors_exit_2(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_unknown_coder_lists_valid_names(runner: CliRunner, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["code", str(text), "--coder", "coder.nope.v1"])
    assert result.exit_code == 2
    assert "coder.cameo_deps.v1" in result.stderr


def test_code_writes_one_json_line_per_event(
    runner: CliRunner, pipeline: Pipeline, tmp_path: Path
) -> None:
    text = tmp_path / "article.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    args = ["code", str(text), "--date", "2022-02-28", "--url", "https://example.org/x"]
    result = runner.invoke(app, args, obj=pipeline)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, "a plain attack sentence codes at least one event"
    for record in records:
        assert set(record) >= EVENT_KEYS
        assert record["url"] == "https://example.org/x"
        assert isinstance(record["cameo"], str)
        span = record["evidence_span"]
        assert ARTICLE[span["start"] : span["end"]] == span["text"]
    again = runner.invoke(app, args, obj=pipeline)
    assert [json.loads(x)["event_id"] for x in again.stdout.splitlines()] == [
        r["event_id"] for r in records
    ]


def test_code_reads_stdin_with_metadata(runner: CliRunner, pipeline: Pipeline) -> None:
    args = ["code", "-", "--date", "2022-02-28", "--outlet", "Example"]
    result = runner.invoke(app, args, input=ARTICLE, obj=pipeline)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["outlet"] for r in records} == {"Example"}
    assert {r["published"] for r in records} == {"2022-02-28"}


def test_code_table_and_plover_formats(
    runner: CliRunner, pipeline: Pipeline, tmp_path: Path
) -> None:
    text = tmp_path / "article.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    table = runner.invoke(app, ["code", str(text), "-f", "table"], obj=pipeline)
    assert table.exit_code == 0 and "events from 1 articles" in table.stdout
    out = tmp_path / "plover.jsonl"
    plover = runner.invoke(app, ["code", str(text), "-f", "plover", "-o", str(out)], obj=pipeline)
    assert plover.exit_code == 0 and plover.stdout == ""
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "event", "mode", "actor", "recipient", "source_text"} <= set(first)


def test_bad_inputs_exit_3_with_one_line_each(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    errors = tmp_path / "errors.jsonl"
    exe = Path(sys.executable).parent / "eventwire"
    result = subprocess.run(
        [str(exe), "code", str(good), str(empty), str(binary), "--errors", str(errors)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "empty.txt" in lines[0] and "binary.txt" in lines[1]
    recorded = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["source"]).name for r in recorded] == ["empty.txt", "binary.txt"]
    assert all(r["reason"] for r in recorded)
    assert result.stdout.strip(), "the good article is still coded"


def test_info_json_names_the_model(runner: CliRunner, pipeline: Pipeline) -> None:
    result = runner.invoke(app, ["info", "--json"], obj=pipeline)
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert {"eventwire", "python", "spacy", "spacy_model"} <= set(info)
    model = info["spacy_model"]
    assert {"name", "path", "version"} <= set(model)
    assert (Path(model["path"]) / "meta.json").is_file()
    assert model["version"] == KNOWN_MODELS["en_core_web_sm"].version
    human = runner.invoke(app, ["info"], obj=pipeline)
    assert human.exit_code == 0 and model["path"] in human.stdout.replace("\n", "")


def write_gold(tmp_path: Path) -> tuple[Path, Path]:
    """Hand-written gold (our own sentences), in the two formats of ../shared/eval."""
    cameo = [
        (
            "c1",
            "Russian troops attacked Ukrainian soldiers near the border.",
            "RUSMIL",
            "UKRMIL",
            "190",
        ),
        ("c2", "The German government condemned Russia.", "DEUGOV", "RUS", "111"),
        ("c3", "France and Germany signed a trade agreement.", "FRA", "DEU", "057"),
        ("c4", "Iraq accused Iran of shelling border villages.", "IRQ", "IRN", "112"),
        ("c5", "The weather was mild in Paris on Sunday.", None, None, None),
    ]
    cameo_path = tmp_path / "cameo_gold.jsonl"
    with cameo_path.open("w", encoding="utf-8") as out:
        for rid, text, source, target, code in cameo:
            events = [{"source": source, "target": target, "code": code}] if code else []
            record = {"id": rid, "text": text, "date": "2022-03-01", "events": events}
            out.write(json.dumps(record) + "\n")
    plover_path = tmp_path / "plover_gold.jsonl"
    plover = [
        ("p1", cameo[0][1], "ASSAULT", "RUS"),
        ("p2", cameo[3][1], "ACCUSE", "IRQ"),
    ]
    with plover_path.open("w", encoding="utf-8") as out:
        for rid, text, ptype, country in plover:
            record = {
                "id": rid,
                "text": text,
                "date": None,
                "plover_type": ptype,
                "plover_type_current": ptype,
                "source": [{"text": "", "code": country, "sector": None}],
                "target": [],
            }
            out.write(json.dumps(record) + "\n")
    return cameo_path, plover_path


def test_eval_scores_and_guards_floors(
    runner: CliRunner, pipeline: Pipeline, tmp_path: Path
) -> None:
    cameo, plover = write_gold(tmp_path)
    result = runner.invoke(app, ["eval", str(cameo), str(plover), "--json"], obj=pipeline)
    assert result.exit_code == 0, result.stderr
    reports = json.loads(result.stdout)["reports"]
    assert [r["format"] for r in reports] == ["cameo", "plover"]
    assert reports[0]["records"] == 5 and reports[0]["gold_events"] == 4
    assert set(reports[0]["metrics"]) >= {"exact.f1", "country_root.f1", "root.f1"}
    assert 0.0 <= reports[1]["metrics"]["type_hit_rate"] <= 1.0

    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"cameo_gold.jsonl": {"root.recall": 1.01}}), encoding="utf-8")
    failed = runner.invoke(app, ["eval", str(cameo), "--floors", str(floors)], obj=pipeline)
    assert failed.exit_code == 4
    assert "root.recall" in failed.stderr and "below its floor" in failed.stderr

    floors.write_text(json.dumps({"cameo_gold.jsonl": {"root.recall": 0.0}}), encoding="utf-8")
    raised = runner.invoke(
        app, ["eval", str(cameo), "--floors", str(floors), "--update-floors"], obj=pipeline
    )
    assert raised.exit_code == 0, raised.stderr
    new_floor = json.loads(floors.read_text(encoding="utf-8"))["cameo_gold.jsonl"]["root.recall"]
    recall = reports[0]["metrics"]["root.recall"]
    assert new_floor <= recall and (recall == 0.0 or new_floor > 0.0)


def test_eval_rejects_a_file_that_is_not_gold(runner: CliRunner, tmp_path: Path) -> None:
    odd = tmp_path / "odd.jsonl"
    odd.write_text('{"id": "1", "text": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(odd)])
    assert result.exit_code == 2
    assert "odd.jsonl:1" in result.stderr


def test_every_command_is_documented_in_the_readme() -> None:
    from pathlib import Path

    from eventwire.cli import app

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"eventwire {name}" in readme, name


def test_code_on_the_seed_article(runner: CliRunner, pipeline: Pipeline, seed_text: str) -> None:
    """The seed through the CLI: the five events of the acceptance test, as JSON."""
    result = runner.invoke(
        app, ["code", "-", "--date", "2017-12-23"], input=seed_text, obj=pipeline
    )
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    found = {
        (r["cameo_root"], r["source"]["country"], (r["target"] or {}).get("country"), r["date"])
        for r in records
    }
    assert ("03", "RUS", "USA", "2017-12-23") in found
    assert ("11", "RUS", "USA", "2017-11") in found
    assert ("19", "USA", "AFG", "2001") in found
    assert any(root == "04" and {s, t} == {"RUS", "USA"} for root, s, t, _ in found)
    assert any(root == "15" and s == "USA" for root, s, _, _ in found)
    assert not any("SHARE THIS" in r["sentence"]["text"] for r in records)


def test_a_non_english_article_is_noted_not_failed(
    runner: CliRunner, pipeline: Pipeline, tmp_path: Path
) -> None:
    german = tmp_path / "de.txt"
    german.write_text(
        "Der Bundestag hat am Montag über den Haushalt für das nächste Jahr beraten.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", str(german)], obj=pipeline)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "not English" in result.stderr


def test_an_actor_override_file_changes_the_code(tmp_path: Path) -> None:
    overrides = tmp_path / "mine.tsv"
    overrides.write_text(
        "kb_id\tname\taliases\tcode\trole\tcountry\tfrom\tto\tsource\n"
        "my:jane-doe\tJane Doe\tDoe\tGBRGOV\tminister\tGBR\t2026-01-15\t\ttest\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("Jane Doe criticised Russia on Monday.", encoding="utf-8")
    args = ["code", str(article), "--date", "2026-02-02"]
    plain = CliRunner().invoke(app, args)
    assert plain.exit_code == 0, plain.output
    assert not any(
        json.loads(line)["source"]["code"] == "GBRGOV" for line in plain.stdout.splitlines()
    )
    mine = CliRunner().invoke(app, ["--actors", str(overrides), *args])
    assert mine.exit_code == 0, mine.output
    coded = [json.loads(line) for line in mine.stdout.splitlines()]
    assert [(e["source"]["code"], e["source"]["kb_id"]) for e in coded] == [
        ("GBRGOV", "my:jane-doe")
    ]


def test_eval_errors_name_the_pattern_and_the_confidence_bands(
    runner: CliRunner, pipeline: Pipeline, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.jsonl"
    records = [
        {
            "id": "s1",
            "text": "Russian troops attacked Ukrainian soldiers on Monday.",
            "date": "2024-03-15",
            "events": [{"source": "RUSMIL", "target": "UKRMIL", "code": "190"}],
        },
        {"id": "s2", "text": "The German government praised France.", "date": None, "events": []},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--errors", "--json"], obj=pipeline)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    wrong = [e for e in out["errors"] if e["id"] == "s2"]
    assert wrong and wrong[0]["kind"] == "false_positive" and "praise" in wrong[0]["pattern"]
    bands = out["calibration"]["gold.jsonl"]
    assert sum(b["coded"] for b in bands) >= 2 and sum(b["correct"] for b in bands) >= 1
    table = runner.invoke(app, ["eval", str(gold), "--errors"], obj=pipeline)
    assert "precision by confidence" in table.stdout and "false_positive" in table.stdout
