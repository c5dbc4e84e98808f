"""Every day at 01:00 UTC, pinpipe's batch job on Databricks (databricks/pinterest_batch.json).

The run's date ({{ ds }}, the day the run starts: Airflow 3's cron schedules have no data
interval) names its output folder. Retries resubmit with the same idempotency token, so they
find the day's Databricks run instead of starting a second one.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import DAG

from pinpipe_dags.databricks_jobs import submit_job_run

with DAG(
    dag_id="pinterest_batch_daily",
    description="pinpipe batch on Databricks: clean tables and the nine results for the day",
    schedule="0 1 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["pinpipe", "databricks"],
):
    submit_job_run("batch", "pinterest_batch", run_key="{{ ds }}")
