"""Every day at 01:00 UTC, pinpipe's batch job on this machine, from the bundled jar: for users
without Databricks, and for tests. Results go to <output root>/<ds>.

Airflow Variables:
  pinpipe_local_jar          the bundled jar (default: runners/target/pinpipe.jar beside this folder)
  pinpipe_local_lake_root    the lake (required: a run without it fails, naming it)
  pinpipe_local_output_root  where each day's folder goes
                             (default: pinterest-output/airflow beside this folder)
  pinpipe_topic_prefix       the topic prefix (default: pinterest)
  pinpipe_local_options      more batch options, e.g. --runner=SparkRunner --sparkMaster=local[2]
"""

from __future__ import annotations

from pathlib import Path

import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

from pinpipe_dags.databricks_jobs import variable

REPOSITORY = Path(__file__).resolve().parent.parent

# Values come in through the environment, never pasted into the script, so no Variable can
# change what the shell runs.
RUN_BATCH = r"""
set -euf
if [ ! -f "$PINPIPE_JAR" ]; then
  echo "error: no pinpipe jar at '$PINPIPE_JAR': build it (mvn -DskipTests package)" \
    "or set the Airflow Variable pinpipe_local_jar" >&2
  exit 2
fi
if [ -z "$PINPIPE_LAKE_ROOT" ]; then
  echo "error: no lake to read: set the Airflow Variable pinpipe_local_lake_root" \
    "to the lake's folder or s3://bucket/prefix" >&2
  exit 2
fi
set -- batch "--lakeRoot=$PINPIPE_LAKE_ROOT" "--outputDir=$PINPIPE_OUTPUT_DIR" \
  "--topicPrefix=$PINPIPE_TOPIC_PREFIX"
# The repository's launcher, as a user runs it: it runs $PINPIPE_JAR as it is (never builds) with
# the JVM settings every run needs.
# shellcheck disable=SC2086 # options are words; globbing is off (set -f)
exec "$PINPIPE_LAUNCHER" "$@" $PINPIPE_OPTIONS
"""

with DAG(
    dag_id="pinterest_batch_local",
    description="pinpipe batch on this machine: clean tables and the nine results for the day",
    schedule="0 1 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["pinpipe", "local"],
):
    BashOperator(
        task_id="batch",
        bash_command=RUN_BATCH,
        env={
            "PINPIPE_JAR": variable("local_jar", REPOSITORY / "runners" / "target" / "pinpipe.jar"),
            "PINPIPE_LAUNCHER": str(REPOSITORY / "pinpipe"),
            "PINPIPE_LAKE_ROOT": variable("local_lake_root", ""),
            "PINPIPE_OUTPUT_DIR": variable("local_output_root", REPOSITORY / "pinterest-output" / "airflow")
            + "/{{ ds }}",
            "PINPIPE_TOPIC_PREFIX": variable("topic_prefix", "pinterest"),
            "PINPIPE_OPTIONS": variable("local_options", ""),
        },
        append_env=True,
    )
