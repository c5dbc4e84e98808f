"""pinterest_batch_local under real Airflow (`airflow dags test`): the bundled jar's batch job,
here on Spark local[2], writes for its day exactly what the DirectRunner writes; a missing jar or
lake fails the run with a line that says which."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import BUNDLED_JAR

DAY = "2026-12-01"


def pinpipe(*args: str, cwd: Path | None = None) -> None:
    # As ./pinpipe runs it: local Kinesis servers speak JSON, not CBOR.
    result = subprocess.run(["java", "-Daws.cborEnabled=false", "-jar", str(BUNDLED_JAR), *args],
                            capture_output=True, text=True,
                            timeout=300, cwd=cwd)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def batch_outputs(output: Path) -> dict[str, list[dict]]:
    """Each output folder's rows of the run _last_run.json names, sorted; a rejected line's
    rejected_at (its run's clock) left out."""
    root = output / json.loads((output / "_last_run.json").read_text(encoding="utf-8"))["run"]
    folders: dict[str, list[dict]] = {}
    for file in sorted(root.rglob("*.json")):
        if file.name.startswith("_"):
            continue  # _last_run.json records when and where a run ran: not the output's data
        rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
        for row in rows:
            row.pop("rejected_at", None)
        folders.setdefault(str(file.parent.relative_to(root)), []).extend(rows)
    return {folder: sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))
            for folder, rows in folders.items()}


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    assert BUNDLED_JAR.is_file(), f"no {BUNDLED_JAR}: build it with mvn -DskipTests package"
    root = tmp_path_factory.mktemp("lake")
    pinpipe("generate", f"--lakeRoot={root}", "--posts=1000", "--seed=9", "--recordsPerFile=300",
            "--malformedRate=0.01")
    return root


def test_the_local_dag_runs_batch_on_spark_and_writes_the_direct_runners_results(dags_test, lake, tmp_path):
    pinpipe("batch", f"--lakeRoot={lake}", f"--outputDir={tmp_path / 'direct'}")
    result = dags_test("pinterest_batch_local", DAY, variables={
        "pinpipe_local_lake_root": str(lake),
        "pinpipe_local_output_root": str(tmp_path / "airflow"),
        "pinpipe_local_options": "--runner=SparkRunner --sparkMaster=local[2]",
    })
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "batch finished in" in result.stdout and "on SparkRunner" in result.stdout

    expected = batch_outputs(tmp_path / "direct")
    assert len(expected) == 15
    assert batch_outputs(tmp_path / "airflow" / DAY) == expected


def test_a_missing_jar_fails_the_run_naming_the_variable(dags_test, tmp_path):
    result = dags_test("pinterest_batch_local", DAY, variables={
        "pinpipe_local_jar": str(tmp_path / "no-such.jar"),
        "pinpipe_local_output_root": str(tmp_path / "airflow"),
    })
    assert result.returncode != 0
    assert f"error: no pinpipe jar at '{tmp_path / 'no-such.jar'}'" in result.stdout
    assert "pinpipe_local_jar" in result.stdout
    assert not (tmp_path / "airflow").exists()


def test_no_lake_variable_fails_the_run_naming_it_and_makes_no_demo_data(dags_test, tmp_path):
    result = dags_test("pinterest_batch_local", DAY, variables={
        "pinpipe_local_output_root": str(tmp_path / "airflow"),
    })
    assert result.returncode != 0
    assert "error: no lake to read: set the Airflow Variable pinpipe_local_lake_root" in result.stdout
    assert not (tmp_path / "airflow").exists()


def test_a_missing_lake_fails_the_run_with_batchs_one_line(dags_test, tmp_path):
    result = dags_test("pinterest_batch_local", DAY, variables={
        "pinpipe_local_lake_root": str(tmp_path / "no-lake"),
        "pinpipe_local_output_root": str(tmp_path / "airflow"),
    })
    assert result.returncode != 0
    assert f"error: --lakeRoot={tmp_path / 'no-lake'}: no such folder" in result.stdout
    assert "exit code 2" in result.stdout


def test_an_output_root_with_pattern_characters_fails_the_run_with_batchs_one_line(dags_test, lake, tmp_path):
    sibling = tmp_path / "other-results" / "keep.json"
    sibling.parent.mkdir()
    sibling.write_text("{}\n", encoding="utf-8")
    root = tmp_path / "o*"
    result = dags_test("pinterest_batch_local", DAY, variables={
        "pinpipe_local_lake_root": str(lake),
        "pinpipe_local_output_root": str(root),
    })
    assert result.returncode != 0
    assert f"error: --outputDir={root}/{DAY}: must be a plain path" in result.stdout
    assert "exit code 2" in result.stdout
    assert sibling.read_text(encoding="utf-8") == "{}\n"
