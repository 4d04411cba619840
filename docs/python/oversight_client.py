"""A client for the Oversight decision service (`oversight serve`), standard library only.

Copy this file into your project. Python 3.9 or later; no dependencies.

Fail closed: if `decide` raises, do not run the action. Run it only when the
service says so (effect "run" or "run-edited") and only after `claim`
succeeds; run it with the facts `claim` returns. Anything else (an error, a
timeout, "wait", "never") means the action does not run.
"""
from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

__all__ = ["Oversight", "OversightError", "OversightUnavailable"]


class OversightError(Exception):
    """The service answered with a problem (RFC 9457 application/problem+json).

    `code` names the kind (unknown-policy, reason-required, already-executed,
    facts-differ, not-runnable, ...); `problem` is the whole body.
    """

    def __init__(self, problem: dict[str, Any]):
        self.problem = problem
        self.status: int = problem.get("status", 0)
        self.type: str = problem.get("type", "")
        self.title: str = problem.get("title", "")
        self.detail: str = problem.get("detail", "")
        self.code: str = problem.get("code", "")
        super().__init__(f"{self.status} {self.title} ({self.code}): {self.detail}")


class OversightUnavailable(Exception):
    """No answer from the service: it is down, unreachable or too slow, or
    something other than the service answered (a proxy's error page).
    The action does not run."""


class Oversight:
    """The service at `base_url`. `token` is a reviewer's JWT (sent as a bearer
    token): needed by `pending` and `answer` unless the server runs with
    --insecure-no-auth. `timeout` is in seconds, for each request."""

    def __init__(self, base_url: str = "http://127.0.0.1:8181", token: str | None = None, timeout: float = 5.0):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def decide(self, policy: str, facts: dict[str, Any], proposer: str | None = None, idempotency_key: str | None = None) -> dict[str, Any]:
        """Decides an action: {decisionId, status, effect, route, runFacts?, decision?}.

        The decision is logged before the answer. A retry with the same
        `idempotency_key` and facts gets the same decision back. Facts the
        policy does not accept are not an error: they get its onError
        decision, with the cause in decision["error"]. If this raises, the
        action does not run.
        """
        headers = {}
        if proposer is not None:
            headers["x-oversight-proposer"] = proposer
        if idempotency_key is not None:
            headers["idempotency-key"] = idempotency_key
        return self._request("POST", f"/v1/decide/{_segment(policy)}", facts, headers)

    def propose(self, policy: str, facts: dict[str, Any], proposer: str, decision_key: str | None = None) -> dict[str, Any]:
        """Decides an action and returns the whole proposal (id, status, effect, reviewer, deadline, packet, ...)."""
        body: dict[str, Any] = {"policy": policy, "facts": facts, "proposer": {"id": proposer}}
        if decision_key is not None:
            body["decisionKey"] = decision_key
        return self._request("POST", "/v1/proposals", body)

    def get(self, proposal_id: str) -> dict[str, Any]:
        """The proposal as it stands now."""
        return self._request("GET", f"/v1/proposals/{_segment(proposal_id)}")

    def pending(self, reviewer: str | None = None) -> list[dict[str, Any]]:
        """Proposals waiting for a person, oldest first; with `reviewer` (a role), those that role may answer. Needs a token."""
        query = {"status": "pending"}
        if reviewer is not None:
            query["reviewer"] = reviewer
        return self._request("GET", "/v1/proposals?" + urllib.parse.urlencode(query))["proposals"]

    def answer(self, proposal_id: str, decision: str, reason: str | None = None, edited_facts: dict[str, Any] | None = None,
               reviewer: dict[str, str] | None = None) -> dict[str, Any]:
        """Answers a proposal: decision is approve, reject, edit or escalate; a reason is required to reject or edit.

        The reviewer is the one the token names. `reviewer` ({"id", "role"})
        is only for a server run with --insecure-no-auth, which has no token
        to read it from.
        """
        body: dict[str, Any] = {"decision": decision}
        if reason is not None:
            body["reason"] = reason
        if edited_facts is not None:
            body["editedFacts"] = edited_facts
        if reviewer is not None:
            body["reviewer"] = reviewer
        return self._request("POST", f"/v1/proposals/{_segment(proposal_id)}/answer", body)

    def claim(self, proposal_id: str, facts: dict[str, Any]) -> dict[str, Any]:
        """Claims a decision just before acting: {ok, facts, factsHash}. Run the action once, with those facts.

        Raises OversightError 409 when it may not run: not-runnable (not
        approved, or never), facts-differ (not the facts decided or approved),
        already-executed (claimed before) or not-durable (try again).
        """
        return self._request("POST", f"/v1/proposals/{_segment(proposal_id)}/claim", {"facts": facts})

    def wait(self, proposal_id: str, poll_seconds: float = 2.0, timeout_seconds: float = 3600.0) -> dict[str, Any]:
        """Reads the proposal until it is no longer pending, and returns it.

        After `timeout_seconds` it returns the proposal still pending (effect
        "wait"): the action does not run. A "rerouted" proposal (an edit made
        the action riskier) is decided by proposal["reroutedTo"]: wait on that.
        Errors from `get` are raised.
        """
        deadline = time.monotonic() + timeout_seconds
        while True:
            proposal = self.get(proposal_id)
            remaining = deadline - time.monotonic()
            if proposal["status"] != "pending" or remaining <= 0:
                return proposal
            time.sleep(min(poll_seconds, remaining))

    def _request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        request = urllib.request.Request(self.base_url + path, method=method, headers={"accept": "application/json", **(headers or {})})
        if body is not None:
            # allow_nan=False: NaN and Infinity are not JSON; refuse them here, not at the server.
            request.data = json.dumps(body, allow_nan=False).encode("utf-8")
            request.add_header("content-type", "application/json")
        if self.token is not None:
            request.add_header("authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            problem = _problem(error)
            if problem is None:
                raise OversightUnavailable(f"{method} {self.base_url}{path}: {error.code} {error.reason}, not from Oversight") from error
            raise OversightError(problem) from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            # OSError: refused, reset, timed out (URLError is one); ValueError: a 2xx body that is not JSON.
            raise OversightUnavailable(f"{method} {self.base_url}{path}: {error}") from error


def _problem(error: urllib.error.HTTPError) -> dict[str, Any] | None:
    """The problem+json body of an error response; None when the body is something else (a proxy's page)."""
    try:
        if "application/problem+json" not in (error.headers.get("content-type") or ""):
            return None
        problem = json.loads(error.read())
        return problem if isinstance(problem, dict) else None
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        error.close()


def _segment(value: str) -> str:
    """One path segment, quoted: an id or a policy name with "/" or "?" stays one segment."""
    return urllib.parse.quote(value, safe="")
