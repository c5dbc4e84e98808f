"""Prints every row of a Delta table as one JSON object per line, read by Python's deltalake
(delta-rs), an implementation independent of the one that wrote it. Timestamps print as epoch
milliseconds. Usage: python delta-rows.py <folder or s3://bucket/path>; for s3:// the endpoint
comes from PINPIPE_AWS_ENDPOINT and credentials from the AWS environment variables."""
import datetime
import json
import os
import sys

import deltalake


def storage_options(uri):
    if not uri.startswith("s3://"):
        return None
    endpoint = os.environ.get("PINPIPE_AWS_ENDPOINT")
    options = {"AWS_REGION": os.environ.get("AWS_REGION", "us-east-1")}
    if endpoint:
        options.update({"AWS_ENDPOINT_URL": endpoint, "AWS_ALLOW_HTTP": "true",
                        "AWS_VIRTUAL_HOSTED_STYLE_REQUEST": "false"})
    return options


def plain(value):
    if isinstance(value, datetime.datetime):
        return int(value.timestamp() * 1000)
    return value


def main(uri):
    table = deltalake.DeltaTable(uri, storage_options=storage_options(uri))
    for row in table.to_pyarrow_table().to_pylist():
        print(json.dumps({name: plain(value) for name, value in row.items()}))


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.stdout.flush()
    # Leave without tearing down the reader's native threads: that teardown now and then aborted
    # the process ("terminate called without an active exception", exit 134) after a good read.
    os._exit(0)
