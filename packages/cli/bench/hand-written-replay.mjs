// A bound for `simulate`, not a product: the replay of support-refunds written by
// hand for this one policy (baseline, and autoRefundMax raised to 100), with the
// CLI's own reader and record validation, the same fact checks as the kernel, the
// same three-valued rules and routing, and the tallies the key figures need. What
// remains between it and `simulate` is the price of doing this for any policy.
// The benchmark checks that both give the same figures.
import { parseRecord } from '../../simulator/dist/history/parse-record.js';
import { LineSplitter } from '../../simulator/dist/history/line-splitter.js';
import { readHistoryFile } from '../dist/history/read-history-file.js';

const F = 0;
const T = 1;
const U = 2;
const [AUTO, APPROVE_BEFORE, ESCALATE, DENY] = [0, 2, 3, 4];
const ON_ERROR = ESCALATE;
const RULES = 7;
// Route rank of each rule, in file order.
const RANK = [DENY, DENY, ESCALATE, APPROVE_BEFORE, APPROVE_BEFORE, AUTO, AUTO];
// Reviewer of each rule as an index into ROLES; -1 for none.
const RULE_ROLE = [-1, -1, 2, 1, 0, -1, -1];
const ROLES = ['support-lead', 'support-manager', 'fraud-analyst'];
// spec.reviewer: owns the default, onError and the irreversible gate.
const POLICY_REVIEWER = 0;
const ROUTE_NAMES = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'];
const ORDER_ID = /^ORD-[0-9]{6,10}$/u;
const hasOwn = Object.prototype.hasOwnProperty;

const all = (a, b) => (a === F || b === F ? F : a === U || b === U ? U : T);
const any = (a, b) => (a === T || b === T ? T : a === U || b === U ? U : F);
const leaf = (value, test) => (value == null ? U : test ? T : F);

// The checked facts of the current record (undefined when missing).
let actionType, amount, currency, orderId, reasonCode, confidence, recentClaims, toOriginal, irreversible;

/** Step 1 and 2: every key declared, every value of its declared type and range. */
function checkFacts(facts) {
  for (const key in facts) {
    if (!hasOwn.call(facts, key)) continue;
    switch (key) {
      case 'actionType': case 'amount': case 'currency': case 'orderId': case 'reasonCode':
      case 'confidence': case 'recentClaims': case 'refundToOriginalMethod': case 'irreversible':
        break;
      default:
        return false;
    }
  }
  actionType = facts.actionType;
  amount = facts.amount;
  currency = facts.currency;
  orderId = facts.orderId;
  reasonCode = facts.reasonCode;
  confidence = facts.confidence;
  recentClaims = facts.recentClaims;
  toOriginal = facts.refundToOriginalMethod;
  irreversible = facts.irreversible;
  if (actionType != null && actionType !== 'refund' && actionType !== 'store_credit') return false;
  if (amount != null && !(typeof amount === 'number' && isFinite(amount) && amount > 0 && amount <= 100000)) return false;
  if (currency != null && currency !== 'USD' && currency !== 'EUR' && currency !== 'GBP' && currency !== 'CAD' && currency !== 'AUD') return false;
  if (orderId != null && !(typeof orderId === 'string' && ORDER_ID.test(orderId))) return false;
  if (reasonCode != null && reasonCode !== 'damaged' && reasonCode !== 'not_received' && reasonCode !== 'wrong_item' && reasonCode !== 'late_delivery' && reasonCode !== 'quality' && reasonCode !== 'goodwill' && reasonCode !== 'other') return false;
  if (confidence != null && !(typeof confidence === 'number' && isFinite(confidence) && confidence >= 0 && confidence <= 1)) return false;
  if (recentClaims != null && !(Number.isInteger(recentClaims) && recentClaims >= 0 && recentClaims <= 500)) return false;
  if (toOriginal != null && typeof toOriginal !== 'boolean') return false;
  if (irreversible != null && typeof irreversible !== 'boolean') return false;
  return true;
}

const states = new Uint8Array(RULES);
let deciding = -1;

/**
 * Rule states, then the route (most restrictive, the irreversible gate, failing
 * closed): its rank. Records with every fact the rules read take a two-valued path.
 */
function decide(autoRefundMax) {
  if (actionType == null || amount == null || confidence == null || recentClaims == null || reasonCode == null || toOriginal == null) return decideWithMissing(autoRefundMax);
  const refund = actionType === 'refund';
  const smallConfident = amount <= autoRefundMax && confidence >= 0.9;
  states[0] = refund && toOriginal === false ? T : F;
  states[1] = amount > 2500 ? T : F;
  states[2] = recentClaims > 2 ? T : F;
  states[3] = amount >= 500 ? T : F;
  states[4] = smallConfident ? F : T;
  states[5] = refund && reasonCode !== 'goodwill' && reasonCode !== 'other' && smallConfident && toOriginal === true ? T : F;
  states[6] = actionType === 'store_credit' && smallConfident ? T : F;
  deciding = states[0] === T ? 0 : states[1] === T ? 1 : states[2] === T ? 2 : states[3] === T ? 3 : states[4] === T ? 4 : states[5] === T ? 5 : states[6] === T ? 6 : -1;
  if (deciding < 0) return APPROVE_BEFORE;
  if (RANK[deciding] !== AUTO || irreversible === false || states[5] === T) return RANK[deciding];
  deciding = -1;
  return irreversible === true ? APPROVE_BEFORE : ON_ERROR;
}

function decideWithMissing(autoRefundMax) {
  const refund = leaf(actionType, actionType === 'refund');
  states[0] = all(refund, leaf(toOriginal, toOriginal === false));
  states[1] = leaf(amount, amount > 2500);
  states[2] = leaf(recentClaims, recentClaims > 2);
  states[3] = leaf(amount, amount >= 500);
  states[4] = any(leaf(amount, amount > autoRefundMax), leaf(confidence, confidence < 0.9));
  const small = leaf(amount, amount <= autoRefundMax);
  const confident = leaf(confidence, confidence >= 0.9);
  states[5] = all(all(all(refund, leaf(reasonCode, reasonCode !== 'goodwill' && reasonCode !== 'other')), all(small, confident)), leaf(toOriginal, toOriginal === true));
  states[6] = all(leaf(actionType, actionType === 'store_credit'), all(small, confident));
  deciding = -1;
  for (let i = 0; i < RULES; i++) if (states[i] === T && (deciding < 0 || RANK[i] > RANK[deciding])) deciding = i;
  let rank = deciding >= 0 ? RANK[deciding] : APPROVE_BEFORE;
  let owned = true;
  if (rank === AUTO && irreversible !== false && states[5] !== T) {
    rank = irreversible === true ? APPROVE_BEFORE : ON_ERROR;
    owned = false;
  }
  for (let i = 0; i < RULES; i++) {
    if (states[i] === U && RANK[i] > rank) {
      rank = ON_ERROR;
      owned = false;
      break;
    }
  }
  if (!owned) deciding = -1;
  return rank;
}

function newTally() {
  return { routes: [0, 0, 0, 0, 0], ruleHits: new Array(RULES).fill(0), reviews: new Array(ROLES.length).fill(0), matrix: new Array(25).fill(0), escapes: 0, savedReviews: 0 };
}

/** Replays the file; returns the figures `simulate` reports, for the agreement check. */
export async function handWrittenReplay(path) {
  const variants = [newTally(), newTally()];
  const thresholds = [50, 100];
  const ranks = [0, 0];
  let reproduced = 0;
  let invalid = 0;
  const onLine = (text) => {
    const parsed = parseRecord(text);
    if (!parsed.ok) {
      invalid++;
      return;
    }
    const record = parsed.record;
    if (record.policy.name !== 'support-refunds') return;
    const facts = record.facts;
    const checked = facts !== null && typeof facts === 'object' && !Array.isArray(facts) && checkFacts(facts);
    for (let v = 0; v < 2; v++) {
      const tally = variants[v];
      let rank = ON_ERROR;
      if (checked) {
        rank = decide(thresholds[v]);
        for (let i = 0; i < RULES; i++) if (states[i] === T) tally.ruleHits[i]++;
      } else {
        deciding = -1;
      }
      ranks[v] = rank;
      tally.routes[rank]++;
      if (rank >= 1 && rank <= 3) tally.reviews[deciding < 0 || RULE_ROLE[deciding] < 0 ? POLICY_REVIEWER : RULE_ROLE[deciding]]++;
    }
    if (ROUTE_NAMES[ranks[0]] === record.route) reproduced++;
    const candidate = variants[1];
    candidate.matrix[ranks[0] * 5 + ranks[1]]++;
    if (ranks[1] === AUTO && ranks[0] !== AUTO) {
      const verdict = record.outcome?.decision;
      if (verdict === 'rejected' || verdict === 'edited' || record.downstream?.error === true) candidate.escapes++;
      else if (verdict === 'approved') candidate.savedReviews++;
    }
  };
  const splitter = new LineSplitter(onLine);
  for await (const chunk of readHistoryFile(path)) splitter.push(chunk);
  splitter.end();
  return { reproduced, invalid, variants: variants.map((tally) => ({ ...tally, reviews: Object.fromEntries(ROLES.map((role, i) => [role, tally.reviews[i]]).filter(([, n]) => n > 0)) })) };
}
