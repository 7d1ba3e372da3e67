"""Property-based run of the whole API from its OpenAPI schema (schemathesis): no request gets a 5xx.

Examples are bounded and derandomized so the run is short and repeatable.
Reads go to the example store; the write endpoint goes to a token-guarded
server, so generated bodies are refused (401) without running an ingest.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from storyline.interfaces.api import create_app

# The schema does not depend on the data: build it from an app over an empty in-memory store.
schema = schemathesis.openapi.from_dict(create_app(":memory:").openapi())
# Random generation only: the boundary cases of the coverage phase triple the run time, and the
# limits and patterns they probe are asserted one by one in test_api_read.py.
schema.config.phases.coverage.enabled = False


@pytest.fixture(scope="module")
def guarded_url(tmp_path_factory: pytest.TempPathFactory, live_server: type) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("guarded") / "guarded.db")
    with live_server(create_app(db, token="not-sent-by-the-fuzzer")) as server:
        yield server.url


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case: schemathesis.Case, live_url: str, guarded_url: str) -> None:
    # Anything but a read (a generated PUT on a read path too) goes to the guarded server.
    writes = case.method.upper() not in ("GET", "HEAD")
    response = case.call(base_url=guarded_url if writes else live_url, timeout=30)
    case.validate_response(response, checks=[not_a_server_error])
    if case.method.upper() == "POST" and case.path == "/api/ingest":
        assert response.status_code in (401, 403), response.text
    if response.status_code >= 400 and case.method.upper() != "HEAD":
        assert response.headers["content-type"][0].startswith("application/json")
        assert set(response.json()) >= {"error"}
