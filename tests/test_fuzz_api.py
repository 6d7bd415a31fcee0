"""A schemathesis fuzz of the HTTP API from its own OpenAPI schema, over the seed
store: whatever a caller sends, the answer is never a 500 and never changes the
store. Examples per route are bounded so the suite stays quick.

Operations are listed from an app whose store is never opened (schema only), then
each is fuzzed against an app over the session's seed store; hypothesis draws the
cases from schemathesis' strategy for the operation (schemathesis' own pytest
plugin does not run under pytest 9)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plankg.api.app import create_app
from plankg.config import Settings


def _schema(store=None):
    app = create_app(store=store, settings=Settings(db_path="/nonexistent/plankg.lbdb", admin_token=None, _env_file=None))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


OPERATIONS = [result.ok().label for result in _schema().get_all_operations()]


@pytest.fixture(scope="module")
def seed_schema(ladybug_store):
    schema = _schema(ladybug_store)
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_request_gets_a_500(label, seed_schema, ladybug_store):
    operation = seed_schema[label]
    before = ladybug_store.counts()

    @given(data=st.data())
    @settings(max_examples=12, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(data):
        case = data.draw(operation.as_strategy())
        response = case.call()
        where = f"{case.method} {case.formatted_path} query={case.query} body={str(case.body)[:200]}"
        assert response.status_code < 500, f"{where}: {response.text[:500]}"
        if case.method.upper() != "GET":  # write endpoints are off here
            assert response.status_code in (400, 404, 405, 413, 422), f"{where}: {response.status_code}"

    fuzz()
    assert ladybug_store.counts() == before
