"""Every 15 minutes, a bounded catch-up run of pinpipe's stream job on Databricks
(databricks/pinterest_stream_catchup.json): what the Kafka topics got since the last run goes
into the Delta tables, each record once, and the run ends.

A bounded run rather than a job that never ends: Beam's Spark runner streams through Spark's
DStreams, which Spark has deprecated. From Kafka, because a catch-up run ends on the consumer
group's committed offsets there; on Kinesis it would wait for an event-time timer that the Spark
runner does not fire reliably. One run at a time; a retry finds its own Databricks run by its
idempotency token.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import DAG

from pinpipe_dags.databricks_jobs import submit_job_run

with DAG(
    dag_id="pinterest_stream_catchup",
    description="pinpipe stream on Databricks: a catch-up run into the Delta tables",
    schedule="*/15 * * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=1)},
    tags=["pinpipe", "databricks"],
):
    submit_job_run("catch_up", "pinterest_stream_catchup", run_key="{{ ts_nodash }}")
