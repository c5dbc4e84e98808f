"""The Databricks DAGs under real Airflow (`airflow dags test`), against a loopback stand-in for
the Jobs API: the runs/submit request each sends, field by field, and what a retry does."""

from __future__ import annotations

from databricks_standin import TOKEN, DatabricksStandIn

CLUSTER = {"spark_version": "16.4.x-scala2.12", "data_security_mode": "SINGLE_USER"}
MAIN_CLASS = "dev.pinpipe.runners.PinPipe"


def assert_failed(result):
    """`airflow tasks test` ends 0 whatever the task did; its log says how the attempt ended."""
    log = result.stdout + result.stderr
    assert "Task failed with exception" in log, log[-3000:]
    assert "new_state=up_for_retry" in log and "new_state=success" not in log, log[-3000:]


def test_the_daily_batch_submits_the_batch_job_for_its_day_with_the_default_settings(dags_test):
    with DatabricksStandIn() as databricks:
        result = dags_test("pinterest_batch_daily", "2026-12-01T01:00:00+00:00",
                           connections={"databricks_default": databricks.connection()})
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    (submitted,) = databricks.submitted()
    assert submitted == {
        "run_name": "pinterest_batch 2026-12-01",
        "idempotency_token": "pinterest_batch_daily-batch-2026-12-01",
        "tasks": [{
            "task_key": "batch",
            "new_cluster": {**CLUSTER, "node_type_id": "i3.xlarge", "num_workers": "2"},
            "spark_jar_task": {
                "main_class_name": MAIN_CLASS,
                "parameters": [
                    "batch",
                    "--runner=SparkRunner",
                    "--lakeRoot=s3://CHANGE-ME-pinpipe/lake",
                    "--topicPrefix=pinterest",
                    "--outputDir=s3://CHANGE-ME-pinpipe/pinterest-output/2026-12-01",
                    "--deltaRoot=s3://CHANGE-ME-pinpipe/delta",
                ],
            },
            "libraries": [{"jar": "/Volumes/main/pinpipe/jars/pinpipe-databricks.jar"}],
            "timeout_seconds": "7200",
        }],
    }
    assert {r["authorization"] for r in databricks.requests} == {f"Bearer {TOKEN}"}
    # The operator then follows its run until it ends.
    assert any(r["path"] == "/api/2.2/jobs/runs/get" and r["query"]["run_id"] == ["1000"]
               for r in databricks.requests)


def test_airflow_variables_set_the_jar_the_cluster_and_the_job_parameters(dags_test):
    variables = {
        "pinpipe_jar": "s3://my-artifacts/pinpipe/pinpipe-databricks.jar",
        "pinpipe_node_type_id": "m5d.2xlarge",
        "pinpipe_num_workers": "8",
        "pinpipe_lake_root": "s3://my-lake/kafka",
        "pinpipe_topic_prefix": "0a1b2c3d",
        "pinpipe_output_root": "s3://my-lake/results",
        "pinpipe_delta_root": "s3://my-lake/delta",
    }
    with DatabricksStandIn() as databricks:
        result = dags_test("pinterest_batch_daily", "2026-11-29T01:00:00+00:00", variables=variables,
                           connections={"databricks_default": databricks.connection()})
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    (submitted,) = databricks.submitted()
    (task,) = submitted["tasks"]
    assert task["libraries"] == [{"jar": "s3://my-artifacts/pinpipe/pinpipe-databricks.jar"}]
    assert task["new_cluster"] == {**CLUSTER, "node_type_id": "m5d.2xlarge", "num_workers": "8"}
    assert task["spark_jar_task"]["parameters"] == [
        "batch",
        "--runner=SparkRunner",
        "--lakeRoot=s3://my-lake/kafka",
        "--topicPrefix=0a1b2c3d",
        "--outputDir=s3://my-lake/results/2026-11-29",
        "--deltaRoot=s3://my-lake/delta",
    ]
    assert submitted["idempotency_token"] == "pinterest_batch_daily-batch-2026-11-29"


def test_a_lost_answer_is_retried_with_the_same_token_so_one_run_starts(dags_test):
    # Databricks started the run but its answer was lost: the provider asks again, and the
    # idempotency token makes Databricks hand back that run rather than start a second one.
    with DatabricksStandIn(lose_first_submit_response=True) as databricks:
        result = dags_test("pinterest_batch_daily", "2026-12-01T01:00:00+00:00",
                           connections={"databricks_default": databricks.connection()})
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    submitted = databricks.submitted()
    assert len(submitted) == 2
    assert submitted[0] == submitted[1]
    assert len(databricks.runs) == 1


def test_the_stream_catch_up_submits_a_bounded_stream_run_per_quarter_hour(dags_test):
    with DatabricksStandIn() as databricks:
        result = dags_test("pinterest_stream_catchup", "2026-12-01T10:15:00+00:00",
                           variables={"pinpipe_kafka_bootstrap_servers": "b-1.msk.example:9098"},
                           connections={"databricks_default": databricks.connection()})
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    (submitted,) = databricks.submitted()
    assert submitted["idempotency_token"] == "pinterest_stream_catchup-catch_up-20261201T101500"
    (task,) = submitted["tasks"]
    assert task["task_key"] == "catch_up"
    assert task["new_cluster"] == {**CLUSTER, "node_type_id": "i3.xlarge", "num_workers": "1"}
    assert task["spark_jar_task"] == {
        "main_class_name": MAIN_CLASS,
        "parameters": [
            "stream",
            "--runner=SparkRunner",
            "--streaming=true",
            "--source=kafka",
            "--kafkaBootstrapServers=b-1.msk.example:9098",
            "--topicPrefix=pinterest",
            "--deltaRoot=s3://CHANGE-ME-pinpipe/delta",
            "--exitWhenCaughtUp=true",
            "--windowResults=false",
        ],
    }


def test_a_failed_databricks_run_fails_the_task(task_test):
    with DatabricksStandIn(result_state="FAILED") as databricks:
        result = task_test("pinterest_stream_catchup", "catch_up", "2026-12-01T10:30:00+00:00",
                           connections={"databricks_default": databricks.connection()})
    assert_failed(result)
    assert "stand-in: FAILED" in result.stdout + result.stderr


def test_without_a_databricks_connection_the_task_fails_naming_it(task_test):
    result = task_test("pinterest_batch_daily", "batch", "2026-12-01T01:00:00+00:00")
    assert_failed(result)
    assert "The conn_id `databricks_default` isn't defined" in result.stdout + result.stderr
