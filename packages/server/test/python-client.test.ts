// The Python client of docs/python/ against a real server on a port, with
// reviewer tokens signed by a key the server trusts: a driver script imports
// the file as a team would copy it, does what an agent and a reviewer do, and
// prints what it saw. The Python examples of docs/python.md run here too, so
// they stay true to the client and the service. Without python3 this fails.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { JsonlDecisionLog } from '@oversight/gate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { AUDIENCE, captureLog, ISSUER, refund, reviewerKeys, Workspace, type LogMessage } from './fixtures.js';

const CLIENT_DIR = fileURLToPath(new URL('../../../docs/python/', import.meta.url));
const GUIDE = fileURLToPath(new URL('../../../docs/python.md', import.meta.url));

interface PythonBlock {
  /** The file a `# name.py` first line names, or `block-<line>.py`. */
  name: string;
  code: string;
}

/** The ```python blocks of the guide; a block whose first line is `# <name>.py` is that script. */
function pythonBlocks(text: string): PythonBlock[] {
  const blocks: PythonBlock[] = [];
  const lines = text.split('\n');
  for (let open = 0; open < lines.length; open++) {
    if (lines[open] !== '```python') continue;
    let close = open + 1;
    while (close < lines.length && lines[close] !== '```') close++;
    const code = lines.slice(open + 1, close).join('\n') + '\n';
    blocks.push({ name: /^# (\w+\.py)\b/.exec(code)?.[1] ?? `block-${open + 1}.py`, code });
    open = close;
  }
  return blocks;
}

const DRIVER = String.raw`
import json, os, socket, subprocess, sys, threading, time, http.server
sys.path.insert(0, os.environ["CLIENT_DIR"])
sys.path.insert(0, os.environ["BLOCKS_DIR"])
from oversight_client import Oversight, OversightError, OversightUnavailable

URL = os.environ["OVERSIGHT_URL"]
agent = Oversight(URL, timeout=30)
lead = Oversight(URL, token=os.environ["LEAD_TOKEN"], timeout=30)
fraud = Oversight(URL, token=os.environ["FRAUD_TOKEN"], timeout=30)
small, held, other = (json.loads(os.environ[name]) for name in ("SMALL", "HELD", "OTHER"))
seen = {}

def outcome(call):
    try:
        return {"returned": call()}
    except OversightError as error:
        return {"raised": "OversightError", "status": error.status, "code": error.code, "type": error.type,
                "title": error.title, "detail": error.detail, "problem": error.problem, "str": str(error)}
    except OversightUnavailable as error:
        return {"raised": "OversightUnavailable", "str": str(error)}
    except ValueError as error:
        return {"raised": "ValueError", "str": str(error)}

# An automatic refund: decide, claim once, and a second claim is refused.
auto = agent.decide("support-refunds", small, proposer="refund-agent")
seen["auto"] = auto
seen["auto_claim"] = outcome(lambda: agent.claim(auto["decisionId"], auto["runFacts"]))
seen["auto_claim_again"] = outcome(lambda: agent.claim(auto["decisionId"], auto["runFacts"]))

# A retry with the same idempotency key gets the same decision back.
first = agent.decide("support-refunds", small, proposer="refund-agent", idempotency_key="ticket-7")
retry = agent.decide("support-refunds", small, proposer="refund-agent", idempotency_key="ticket-7")
seen["retry"] = {"same_id": first["decisionId"] == retry["decisionId"], "decision_again": "decision" in retry}

# An approve_before refund: pending until a team lead approves, then claimed with the approved facts only.
pending = agent.decide("support-refunds", held, proposer="refund-agent")
pid = pending["decisionId"]
seen["held"] = pending
seen["held_claim_early"] = outcome(lambda: agent.claim(pid, held))
seen["held_wait_no_time"] = agent.wait(pid, timeout_seconds=0)["status"]
seen["lead_lists"] = [p["id"] for p in lead.pending(reviewer="support-lead")].count(pid)
seen["fraud_lists"] = [p["id"] for p in fraud.pending(reviewer="fraud-analyst")].count(pid)
seen["anonymous_lists"] = outcome(lambda: agent.pending())
seen["approved"] = lead.answer(pid, "approve")
seen["waited"] = agent.wait(pid, poll_seconds=0.1)["status"]
seen["held_claim_other"] = outcome(lambda: agent.claim(pid, other))
seen["held_claim"] = outcome(lambda: agent.claim(pid, held))
seen["pid"] = pid

# A reject needs a reason.
proposal = agent.propose("support-refunds", held, "refund-agent", decision_key="ticket-9")
seen["proposed"] = {"status": proposal["status"], "reviewer": proposal["reviewer"], "summary": proposal["packet"]["summary"]}
seen["reject_no_reason"] = outcome(lambda: lead.answer(proposal["id"], "reject"))
seen["rejected"] = lead.answer(proposal["id"], "reject", reason="photos show no damage")
seen["rejected_id"] = proposal["id"]

# Problems and failures.
seen["unknown_policy"] = outcome(lambda: agent.decide("no-such-policy", small))
seen["odd_id"] = outcome(lambda: agent.get("no/such id?"))
seen["nan"] = outcome(lambda: agent.decide("support-refunds", dict(small, amount=float("nan"))))
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
free_port = probe.getsockname()[1]
probe.close()
seen["nobody_there"] = outcome(lambda: Oversight("http://127.0.0.1:%d" % free_port, timeout=30).decide("support-refunds", small))

class Proxy(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(502)
        self.send_header("content-type", "text/html")
        self.end_headers()
        self.wfile.write(b"<h1>Bad gateway</h1>")
    def log_message(self, *args):
        pass

proxy = http.server.HTTPServer(("127.0.0.1", 0), Proxy)
threading.Thread(target=proxy.serve_forever, daemon=True).start()
seen["proxy_page"] = outcome(lambda: Oversight("http://127.0.0.1:%d" % proxy.server_address[1], timeout=30).get("x"))
proxy.shutdown()

# The guide's examples: every block parses; the agent step and the reviewer script run.
seen["guide_blocks"] = {}
for name in sorted(os.listdir(os.environ["BLOCKS_DIR"])):
    try:
        compile(open(os.path.join(os.environ["BLOCKS_DIR"], name)).read(), name, "exec")
        seen["guide_blocks"][name] = "parses"
    except SyntaxError as error:
        seen["guide_blocks"][name] = str(error)

# The guide's snippets run in order in one namespace: the facts it shows, and its reject without a reason.
import contextlib, io
snippets = sorted((n for n in os.listdir(os.environ["BLOCKS_DIR"]) if n.startswith("block-")), key=lambda n: int(n[6:-3]))
shared = {"oversight": lead, "OversightError": OversightError,
          "proposal_id": agent.decide("support-refunds", held, proposer="refund-agent")["decisionId"]}
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    for name in snippets:
        exec(compile(open(os.path.join(os.environ["BLOCKS_DIR"], name)).read(), name, "exec"), shared)
routes = {}
for name in ("runs_alone", "team_lead_approves", "denied", "fraud_team"):
    decided = agent.decide("support-refunds", shared[name], proposer="refund-agent")
    routes[name] = [decided["route"], decided["decision"].get("reviewer"), [rule["id"] for rule in decided["decision"]["matched"]]]
seen["guide_snippets"] = {"printed": printed.getvalue().splitlines(), "routes": routes, "proposal_id": shared["proposal_id"]}

import refund_agent
paid = []
refund_agent.issue_refund = paid.append
review_env = dict(os.environ, OVERSIGHT_TOKEN=os.environ["LEAD_TOKEN"], PYTHONPATH=os.environ["CLIENT_DIR"])

def review(*args):
    done = subprocess.run([sys.executable, os.path.join(os.environ["BLOCKS_DIR"], "review.py"), *args],
                          env=review_env, capture_output=True, text=True, timeout=100)
    return {"code": done.returncode, "out": done.stdout, "err": done.stderr}

def answered_step(ticket, facts, *answer):
    result = {}
    step = threading.Thread(target=lambda: result.update(step=refund_agent.refund_step(ticket, facts)), daemon=True)
    step.start()
    waiting = []
    for _ in range(600):  # the step's decide is logged well before this; the bound only keeps a broken run from hanging
        waiting = [p["id"] for p in lead.pending(reviewer="support-lead") if p.get("decisionKey") == ticket]
        if waiting:
            break
        time.sleep(0.1)
    listed = review()
    result["listed"] = bool(waiting) and waiting[0] in listed["out"]
    result["review"] = review(answer[0], waiting[0], *answer[1:]) if waiting else "never pending"
    step.join(100)
    return result

guide = {}
guide["auto"] = refund_agent.refund_step("T-1001", small)
guide["retry"] = refund_agent.refund_step("T-1001", small)
guide["deny"] = refund_agent.refund_step("T-1002", dict(small, refundToOriginalMethod=False))
guide["approve"] = answered_step("T-1003", held, "approve")
guide["reject"] = answered_step("T-1004", held, "reject", "photos", "show", "no", "damage")
unanswered = agent.decide("support-refunds", held, proposer="refund-agent")
guide["reject_no_reason"] = review("reject", unanswered["decisionId"])
guide["paid"] = paid
seen["guide"] = guide

print(json.dumps(seen))
`;

type Observed = Record<string, unknown>;

let workspace: Workspace;
let server: RunningServer;
const messages: LogMessage[] = [];
let run: { ok: true; seen: Observed } | { ok: false; error: unknown } = { ok: false, error: new Error('the driver did not run') };

beforeAll(async () => {
  workspace = new Workspace();
  const reviewers = await reviewerKeys(workspace.dir);
  server = await startServer({
    policies: workspace.policyFile,
    store: await JsonlDecisionLog.open(workspace.logFile),
    auth: { jwtKeyFile: reviewers.keyFile, issuer: ISSUER, audience: AUDIENCE },
    log: captureLog(messages),
    watch: false,
    sweepIntervalMs: 3_600_000,
    port: 0,
  });
  const blocksDir = join(workspace.dir, 'guide');
  mkdirSync(blocksDir);
  for (const block of pythonBlocks(readFileSync(GUIDE, 'utf8'))) writeFileSync(join(blocksDir, block.name), block.code);
  const driver = join(workspace.dir, 'driver.py');
  writeFileSync(driver, DRIVER);
  const env = {
    ...process.env,
    PYTHONDONTWRITEBYTECODE: '1',
    CLIENT_DIR,
    BLOCKS_DIR: blocksDir,
    OVERSIGHT_URL: server.url,
    LEAD_TOKEN: await reviewers.token('ana@example.com', 'support-lead'),
    FRAUD_TOKEN: await reviewers.token('fred@example.com', 'fraud-analyst'),
    SMALL: JSON.stringify(refund(20)),
    HELD: JSON.stringify(refund(120)),
    OTHER: JSON.stringify(refund(1200)),
  };
  try {
    const { stdout } = await promisify(execFile)('python3', [driver], { env, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 });
    run = { ok: true, seen: JSON.parse(stdout) as Observed };
  } catch (error) {
    run = { ok: false, error };
  }
});

afterAll(async () => {
  await server?.close();
  workspace?.remove();
});

/** What the driver saw; a missing python3 (ENOENT) or a failed driver fails every test with its error, rather than skipping them. */
function observed(): Observed {
  if (!run.ok) throw run.error;
  return run.seen;
}

function problem(status: number, code: string): Record<string, unknown> {
  return { raised: 'OversightError', status, code, type: `https://oversight.dev/problems/${code}`, problem: expect.objectContaining({ status, code }) as unknown };
}

describe('the Python client (docs/python/oversight_client.py)', () => {
  it('decides a small refund to run alone, claims it once, and raises 409 already-executed on a second claim', () => {
    const seen = observed();
    expect(seen.auto).toMatchObject({ status: 'ran', effect: 'run', route: 'auto', runFacts: refund(20) });
    expect(seen.auto_claim).toMatchObject({ returned: { ok: true, facts: refund(20) } });
    expect(seen.auto_claim_again).toMatchObject({ ...problem(409, 'already-executed'), title: 'Conflict' });
    expect((seen.auto_claim_again as { str: string }).str).toMatch(/^409 Conflict \(already-executed\): decision \S+ already ran/);
  });

  it('sends the idempotency key: a retry gets the same decision back', () => {
    const seen = observed();
    expect(seen.retry).toEqual({ same_id: true, decision_again: false });
  });

  it('holds an approve_before refund until a reviewer with a token approves, then claims exactly the approved facts', () => {
    const seen = observed();
    expect(seen.held).toMatchObject({ status: 'pending', effect: 'wait', route: 'approve_before', decision: { reviewer: 'support-lead' } });
    expect(seen.held_claim_early).toMatchObject(problem(409, 'not-runnable'));
    expect(seen.held_wait_no_time).toBe('pending');
    expect(seen.lead_lists).toBe(1);
    expect(seen.fraud_lists).toBe(0);
    expect(seen.anonymous_lists).toMatchObject(problem(401, 'unauthenticated'));
    expect(seen.approved).toMatchObject({ status: 'approved', effect: 'run', runFacts: refund(120), outcome: { reviewer: 'support-lead', reviewerId: 'ana@example.com' } });
    expect(seen.waited).toBe('approved');
    expect(seen.held_claim_other).toMatchObject(problem(409, 'facts-differ'));
    expect(seen.held_claim).toMatchObject({ returned: { ok: true, facts: refund(120) } });
  });

  it('raises 422 reason-required with the problem detail when a reject gives no reason', () => {
    const seen = observed();
    expect(seen.proposed).toEqual({ status: 'pending', reviewer: 'support-lead', summary: 'refund of 120 USD on order ORD-1002341 (damaged)' });
    expect(seen.reject_no_reason).toMatchObject({ ...problem(422, 'reason-required'), title: 'Unprocessable request', detail: expect.stringContaining('say why (reason)') as unknown });
    expect(seen.rejected).toMatchObject({ status: 'rejected', effect: 'never', outcome: { decision: 'rejected', reason: 'photos show no damage' } });
  });

  it('raises 404 for an unknown policy, and quotes an id into one path segment', () => {
    const seen = observed();
    expect(seen.unknown_policy).toMatchObject({ ...problem(404, 'unknown-policy'), detail: expect.stringContaining('support-refunds') as unknown });
    expect(seen.odd_id).toMatchObject({ ...problem(404, 'not-found'), detail: expect.stringContaining('no/such id?') as unknown });
  });

  it('raises OversightUnavailable when nothing listens, or something other than Oversight answers', () => {
    const seen = observed();
    expect(seen.nobody_there).toMatchObject({ raised: 'OversightUnavailable' });
    expect(seen.proxy_page).toMatchObject({ raised: 'OversightUnavailable', str: expect.stringContaining('502') as unknown });
  });

  it('refuses NaN before sending: it is not JSON', () => {
    const seen = observed();
    expect(seen.nan).toMatchObject({ raised: 'ValueError' });
  });
});

describe("docs/python.md's examples", () => {
  it('all parse, and include the refund agent step and the reviewer script', () => {
    const seen = observed();
    const blocks = seen.guide_blocks as Record<string, string>;
    expect(Object.keys(blocks)).toEqual(expect.arrayContaining(['refund_agent.py', 'review.py']));
    for (const result of Object.values(blocks)) expect(result).toBe('parses');
  });

  it('routes the facts it shows as it says, and prints a problem as it says', () => {
    const seen = observed();
    const snippets = seen.guide_snippets as { printed: string[]; routes: Record<string, unknown>; proposal_id: string };
    expect(snippets.routes).toEqual({
      runs_alone: ['auto', null, ['small-confident-refund']],
      team_lead_approves: ['approve_before', 'support-lead', ['refund-needs-approval']],
      denied: ['deny', null, ['refund-to-other-account']],
      fraud_team: ['escalate', 'fraud-analyst', ['repeat-claimant', 'small-confident-refund']],
    });
    expect(snippets.printed[0]).toBe(`422 Unprocessable request (reason-required): to reject decision ${snippets.proposal_id}, say why (reason): the log keeps it for whoever tunes the policy`);
    expect(snippets.printed[1]).toMatch(/^\{'type': 'https:\/\/oversight\.dev\/problems\/reason-required', 'title': 'Unprocessable request', 'status': 422, 'detail': /);
  });

  it('the agent step refunds an auto decision once, never a denied one, and a held one only after approval', () => {
    const seen = observed();
    const guide = seen.guide as Record<string, unknown>;
    expect(guide.auto).toBe('refunded (ran)');
    expect(guide.retry).toMatch(/^not run: 409 Conflict \(already-executed\)/);
    expect(guide.deny).toBe('not run: denied');
    expect(guide.approve).toMatchObject({ step: 'refunded (approved)', listed: true, review: { code: 0, out: expect.stringContaining('approved') as unknown } });
    expect(guide.reject).toMatchObject({ step: 'not run: rejected', listed: true, review: { code: 0, out: expect.stringContaining('rejected') as unknown } });
    expect(guide.paid).toEqual([refund(20), refund(120)]);
  });

  it("the reviewer script says why an answer was refused, from the problem's detail", () => {
    const seen = observed();
    const guide = seen.guide as Record<string, { code: number; err: string }>;
    expect(guide.reject_no_reason!.code).toBe(1);
    expect(guide.reject_no_reason!.err).toMatch(/^not answered: 422 Unprocessable request \(reason-required\)/);
  });

  it('logged no server error while the client ran', () => {
    expect(messages.filter((message) => message.level === 'error')).toEqual([]);
  });
});
