"""Every DAG file loads in Airflow with the schedule, tasks and settings README describes; the
Databricks job files describe the cluster pinpipe is built for; ruff's Airflow rules pass."""

from __future__ import annotations

import subprocess

import pendulum
import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.providers.databricks.operators.databricks import DatabricksSubmitRunOperator
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk.definitions.timetables.trigger import CronTriggerTimetable
from airflow.timetables.base import DataInterval, TimeRestriction
from airflow.timetables.trigger import CronTriggerTimetable as SchedulersCronTriggerTimetable

from conftest import BIN, DAGS
from pinpipe_dags.databricks_jobs import job_definition, submit_run

EXPECTED = {
    # dag id: (cron, task id, operator, max active runs)
    "pinterest_batch_daily": ("0 1 * * *", "batch", DatabricksSubmitRunOperator, 1),
    "pinterest_stream_catchup": ("*/15 * * * *", "catch_up", DatabricksSubmitRunOperator, 1),
    "pinterest_batch_local": ("0 1 * * *", "batch", BashOperator, 1),
}


@pytest.fixture(scope="module")
def dag_bag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


def test_every_dag_file_imports_without_errors(dag_bag):
    assert dag_bag.import_errors == {}
    assert set(dag_bag.dag_ids) == set(EXPECTED)


@pytest.mark.parametrize("dag_id", sorted(EXPECTED))
def test_each_dag_has_its_schedule_task_and_limits(dag_bag, dag_id):
    cron, task_id, operator, max_active_runs = EXPECTED[dag_id]
    dag = dag_bag.dags[dag_id]
    assert isinstance(dag.timetable, CronTriggerTimetable)
    assert dag.timetable.expression == cron
    assert str(dag.timetable.timezone) == "UTC"
    assert dag.catchup is False
    assert dag.max_active_runs == max_active_runs
    assert [task.task_id for task in dag.tasks] == [task_id]
    task = dag.get_task(task_id)
    assert isinstance(task, operator)
    assert task.upstream_task_ids == set() and task.downstream_task_ids == set()
    if operator is DatabricksSubmitRunOperator:
        assert task.databricks_conn_id == "databricks_default"
        assert task.retries >= 1


def test_the_daily_run_at_one_gets_its_own_day_as_ds(dag_bag):
    # Airflow 3's cron schedules have no data interval: the run is dated when it fires.
    timetable = dag_bag.dags["pinterest_batch_daily"].timetable
    # The DAG file holds the SDK's description of the schedule; the scheduler's twin computes runs.
    scheduler = SchedulersCronTriggerTimetable(timetable.expression, timezone=timetable.timezone,
                                               interval=timetable.interval)
    after = pendulum.datetime(2026, 11, 30, 1, 0, tz="UTC")
    # catchup=True asks for the run right after the last one, whatever today's date; without it
    # the scheduler skips ahead to the latest run due, which made this test depend on the clock.
    run = scheduler.next_dagrun_info(
        last_automated_data_interval=DataInterval(after, after),
        restriction=TimeRestriction(earliest=None, latest=None, catchup=True),
    )
    assert run.logical_date == pendulum.datetime(2026, 12, 1, 1, 0, tz="UTC")
    assert run.logical_date.strftime("%Y-%m-%d") == "2026-12-01"


@pytest.mark.parametrize("job", ["pinterest_batch", "pinterest_stream_catchup"])
def test_each_databricks_job_targets_a_dedicated_dbr_16_4_cluster_and_the_jar(job):
    definition = job_definition(job)
    assert definition["name"] == job
    assert definition["max_concurrent_runs"] == 1
    # Created as is, the job must not run beside the Airflow DAG until someone unpauses it.
    assert definition["schedule"]["pause_status"] == "PAUSED"
    (task,) = definition["tasks"]
    cluster = task["new_cluster"]
    assert cluster["spark_version"] == "16.4.x-scala2.12"   # DBR 16.4 LTS: Spark 3.5.2, Scala 2.12, JDK 17
    assert cluster["data_security_mode"] == "SINGLE_USER"   # shared and serverless compute have no RDD API
    assert task["spark_jar_task"]["main_class_name"] == "dev.pinpipe.runners.PinPipe"
    assert "--runner=SparkRunner" in task["spark_jar_task"]["parameters"]
    (library,) = task["libraries"]
    assert library["jar"].endswith("/pinpipe-databricks.jar")
    assert not library["jar"].startswith("dbfs:/"), "the DBFS root is no place for a jar"
    submit_run(job)  # every reference in it has an Airflow value


def test_ruff_with_airflow_rules_passes_on_the_dags():
    result = subprocess.run([BIN / "ruff", "check", str(DAGS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
