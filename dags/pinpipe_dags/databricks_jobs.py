"""The Databricks jobs in ../databricks/*.json, as the DAGs submit them.

Each JSON file is a Jobs API 2.2 job definition that can be created as it is
(``databricks jobs create --json @dags/databricks/pinterest_batch.json``). A DAG submits the
same task as a one-time run (``runs/submit``), so each job is written once. On the way,
Databricks' dynamic value references become Airflow templates:

- ``{{job.parameters.NAME}}`` reads the Airflow Variable ``pinpipe_NAME``, by default the job
  parameter's default;
- ``{{job.start_time.iso_date}}`` becomes ``{{ ds }}``, the run's date;
- the jar and the cluster's node type and size read the Variables ``pinpipe_jar``,
  ``pinpipe_node_type_id`` and ``pinpipe_num_workers``, by default the file's values.

Variables are read when a task runs, never when the DAG file is parsed.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from airflow.providers.databricks.operators.databricks import DatabricksSubmitRunOperator

JOBS_FOLDER = Path(__file__).resolve().parent.parent / "databricks"
VARIABLE_PREFIX = "pinpipe_"
_REFERENCE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_PARAMETER = "job.parameters."


def job_definition(name: str) -> dict:
    """The job definition in ``databricks/<name>.json``."""
    with open(JOBS_FOLDER / f"{name}.json", encoding="utf-8") as file:
        return json.load(file)


def variable(name: str, default: object) -> str:
    """A template of the Airflow Variable ``pinpipe_<name>``, or ``default`` when it is unset."""
    return f"{{{{ var.value.get({json.dumps(VARIABLE_PREFIX + name)}, {json.dumps(str(default))}) }}}}"


def submit_run(name: str) -> dict:
    """The ``runs/submit`` body (Airflow templates in it) for the one task of job ``name``."""
    job = job_definition(name)
    (task,) = job["tasks"]
    defaults = {parameter["name"]: parameter["default"] for parameter in job.get("parameters", [])}

    def airflow_value(match: re.Match) -> str:
        reference = match.group(1)
        if reference == "job.start_time.iso_date":
            return "{{ ds }}"
        if reference.startswith(_PARAMETER) and reference[len(_PARAMETER):] in defaults:
            parameter = reference[len(_PARAMETER):]
            return variable(parameter, defaults[parameter])
        raise ValueError(f"{name}.json: Airflow has no value for {{{{{reference}}}}}")

    run_task = copy.deepcopy(task)
    jar_task = run_task["spark_jar_task"]
    jar_task["parameters"] = [_REFERENCE.sub(airflow_value, argument) for argument in jar_task["parameters"]]
    run_task["libraries"] = [{"jar": variable("jar", library["jar"])} for library in task["libraries"]]
    cluster = run_task["new_cluster"]
    cluster["node_type_id"] = variable("node_type_id", cluster["node_type_id"])
    cluster["num_workers"] = variable("num_workers", cluster["num_workers"])
    return {"run_name": name + " {{ ds }}", "tasks": [run_task]}


def submit_job_run(task_id: str, job: str, run_key: str) -> DatabricksSubmitRunOperator:
    """The task that submits job ``job``'s task as a one-time run on the ``databricks_default``
    connection and waits for it. Its idempotency token is the DAG, the task and ``run_key`` (a
    template, e.g. ``{{ ds }}``), so a retry follows the run it started instead of starting
    another."""
    return DatabricksSubmitRunOperator(
        task_id=task_id,
        databricks_conn_id="databricks_default",
        json=submit_run(job),
        idempotency_token="{{ dag.dag_id }}-{{ task.task_id }}-" + run_key,
        polling_period_seconds=30,
    )
