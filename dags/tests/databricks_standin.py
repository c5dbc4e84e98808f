"""A loopback stand-in for the Databricks Jobs API, at its HTTP boundary.

It records every request it gets and answers the calls the Databricks provider makes for a
one-time run: runs/submit (with Databricks' idempotency: a token already seen returns that run
instead of starting another) and runs/get (the run ends in the state asked for). It shows what
the DAGs send; it does not show what Databricks would do with it.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TOKEN = "stand-in-token"


class DatabricksStandIn:
    def __init__(self, result_state: str = "SUCCESS", lose_first_submit_response: bool = False):
        self.result_state = result_state
        self.lose_first_submit_response = lose_first_submit_response
        self.requests: list[dict] = []
        self.runs: dict[str, int] = {}  # idempotency token (or a fresh key) -> run id
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> DatabricksStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def connection(self) -> str:
        """The Airflow connection to it, for AIRFLOW_CONN_DATABRICKS_DEFAULT."""
        return json.dumps({"conn_type": "databricks", "host": "127.0.0.1", "port": self.port,
                           "schema": "http", "password": TOKEN})

    def submitted(self) -> list[dict]:
        """The bodies of every runs/submit request, in order."""
        return [r["body"] for r in self.requests if r["path"].endswith("/jobs/runs/submit")]

    def _submit(self, body: dict) -> tuple[int, dict]:
        with self._lock:
            key = body.get("idempotency_token") or f"untokened-{len(self.runs)}"
            self.runs.setdefault(key, 1000 + len(self.runs))
            run_id = self.runs[key]
            if self.lose_first_submit_response and len(self.submitted()) == 1:
                # The run started, but the answer never reached the caller.
                return 503, {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "stand-in: lost answer"}
            return 200, {"run_id": run_id}

    def _get(self, run_id: int) -> tuple[int, dict]:
        return 200, {
            "run_id": run_id,
            "run_page_url": f"http://127.0.0.1:{self.port}/#job/runs/{run_id}",
            "state": {"life_cycle_state": "TERMINATED", "result_state": self.result_state,
                      "state_message": f"stand-in: {self.result_state}"},
            "tasks": [],
        }

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, method: str) -> None:
                url = urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else {}
                standin.requests.append({"method": method, "path": url.path, "query": parse_qs(url.query),
                                         "body": body, "authorization": self.headers.get("Authorization")})
                if method == "POST" and url.path == "/api/2.2/jobs/runs/submit":
                    status, answer = standin._submit(body)
                elif method == "GET" and url.path == "/api/2.2/jobs/runs/get":
                    status, answer = standin._get(int(parse_qs(url.query)["run_id"][0]))
                else:
                    status, answer = 404, {"error_code": "ENDPOINT_NOT_FOUND", "message": url.path}
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):  # noqa: N802 (http.server's names)
                self._answer("GET")

            def do_POST(self):  # noqa: N802
                self._answer("POST")

            def log_message(self, *args):
                pass

        return Handler
