"""The Databricks job definitions themselves, run as a cluster runs them: the cluster jar (no
Spark of its own) under a real spark-submit (PyPI's pyspark, from the local stack), with the
job's parameters as Databricks would resolve them, pointed at local folders and the local Kafka
instead of S3 and MSK."""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest
from test_local_dag import batch_outputs, pinpipe

from conftest import BUNDLED_JAR, CLUSTER_JAR
from pinpipe_dags.databricks_jobs import job_definition

DAY = "2026-12-01"


def resolved(job: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """The job's main class and arguments, its references filled in as Databricks fills them."""
    definition = job_definition(job)
    parameters = {p["name"]: p["default"] for p in definition["parameters"]} | values
    dynamic = {"job.start_time.iso_date": DAY} | {f"job.parameters.{k}": v for k, v in parameters.items()}
    (task,) = definition["tasks"]
    arguments = [re.sub(r"\{\{([^{}]+)\}\}", lambda m: dynamic[m.group(1)], argument)
                 for argument in task["spark_jar_task"]["parameters"]]
    return task["spark_jar_task"]["main_class_name"], arguments


def spark_submit(main_class: str, arguments: list[str], *more: str) -> str:
    spark_home = os.environ.get("PINPIPE_SPARK_HOME")
    assert spark_home, "no PINPIPE_SPARK_HOME: run scripts/local-stack up and eval its env"
    assert CLUSTER_JAR.is_file(), f"no {CLUSTER_JAR}: build it with mvn -Pdatabricks -DskipTests package"
    env = os.environ | {"SPARK_HOME": spark_home, "SPARK_LOCAL_IP": "127.0.0.1"}
    result = subprocess.run(
        [f"{spark_home}/bin/spark-submit", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         "--class", main_class, str(CLUSTER_JAR), *arguments, *more],
        env=env, capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lake")
    pinpipe("generate", f"--lakeRoot={root}", "--posts=800", "--seed=11", "--recordsPerFile=300",
            "--malformedRate=0.01")
    return root


def test_the_batch_job_writes_the_direct_runners_results_for_its_day(lake, tmp_path):
    main_class, arguments = resolved("pinterest_batch", {"lake_root": str(lake),
                                                         "output_root": str(tmp_path / "results"),
                                                         "delta_root": str(tmp_path / "delta")})
    spark_submit(main_class, arguments)
    pinpipe("batch", f"--lakeRoot={lake}", f"--outputDir={tmp_path / 'direct'}")
    expected = batch_outputs(tmp_path / "direct")
    assert len(expected) == 15
    assert batch_outputs(tmp_path / "results" / DAY) == expected
    assert (tmp_path / "delta" / "pinterest_batch_pin_table" / "_delta_log").is_dir()


def test_the_stream_job_catches_up_from_kafka_and_ends(tmp_path):
    kafka = os.environ.get("PINPIPE_KAFKA")
    assert kafka, "no PINPIPE_KAFKA: run scripts/local-stack up and eval its env"
    prefix = "dag" + uuid.uuid4().hex[:8]
    # 60 posts in the embedded source database (in tmp_path), replayed to the local Kafka.
    pinpipe("seed-db", "--posts=60", cwd=tmp_path)
    pinpipe("emulate", "--mode=replay", f"--kafkaBootstrapServers={kafka}", f"--topicPrefix={prefix}",
            cwd=tmp_path)
    main_class, arguments = resolved("pinterest_stream_catchup", {
        "topic_prefix": prefix, "delta_root": str(tmp_path / "delta"), "kafka_bootstrap_servers": kafka})
    out = spark_submit(main_class, arguments)
    assert "Caught up: 180 rows committed" in out, out
    for kind in ("pin", "geo", "user"):
        assert (tmp_path / "delta" / f"{prefix}_{kind}_table" / "_delta_log").is_dir()


def test_the_bundled_jar_is_not_the_cluster_jar():
    # Databricks must get the jar without Spark; the bundled one would clash with the runtime's.
    assert CLUSTER_JAR.stat().st_size < BUNDLED_JAR.stat().st_size
