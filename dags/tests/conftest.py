"""The DAGs' tests run real Airflow (the versions in ../requirements.txt), each test with
`airflow dags test` in its own process on one SQLite database made for the session."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parent.parent
REPOSITORY = DAGS.parent
BUNDLED_JAR = REPOSITORY / "runners" / "target" / "pinpipe.jar"
CLUSTER_JAR = REPOSITORY / "runners" / "target" / "pinpipe-databricks.jar"
BIN = Path(sys.executable).parent

# Airflow reads its settings when first imported: point it at the repository's DAGs and a
# scratch home before any test imports it.
_HOME = Path(tempfile.mkdtemp(prefix="pinpipe-airflow-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
_SETTINGS = {
    "AIRFLOW_HOME": str(_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
}
os.environ.update(_SETTINGS)
# Airflow puts the DAGs folder on the import path of the processes that parse DAG files; so do we.
sys.path.insert(0, str(DAGS))


def clean_environment() -> dict[str, str]:
    """This process's environment with no Airflow Variables or connections from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW_VAR_", "AIRFLOW_CONN_"))}
    env.update(_SETTINGS)
    return env


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """A fresh metadata database (SQLite) in the scratch home."""
    subprocess.run([BIN / "airflow", "db", "migrate"], env=clean_environment(), check=True,
                   capture_output=True, text=True)
    return _HOME


def _airflow(command: list[str], variables: dict[str, str] | None, connections: dict[str, str] | None,
             timeout: int) -> subprocess.CompletedProcess:
    env = clean_environment()
    for name, value in (variables or {}).items():
        env["AIRFLOW_VAR_" + name.upper()] = value
    for name, value in (connections or {}).items():
        env["AIRFLOW_CONN_" + name.upper()] = value
    return subprocess.run([BIN / "airflow", *command], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def dags_test(airflow_db):
    """Runs `airflow dags test <dag> <logical date>` (a whole run, retries included) with the
    given Variables and connections."""

    def run(dag_id: str, logical_date: str, variables: dict[str, str] | None = None,
            connections: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
        return _airflow(["dags", "test", dag_id, logical_date], variables, connections, timeout)

    return run


@pytest.fixture
def task_test(airflow_db):
    """Runs `airflow tasks test <dag> <task> <logical date>`: one attempt of one task, no retries."""

    def run(dag_id: str, task_id: str, logical_date: str, variables: dict[str, str] | None = None,
            connections: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
        return _airflow(["tasks", "test", dag_id, task_id, logical_date], variables, connections, timeout)

    return run
