// How each example policy's traffic looks: the facts an agent proposes, how
// often a proposal is wrong, and what reviewers say. Only the facts and the
// outcomes are modelled here; the route always comes from the policy itself.
import type { Route } from '@oversight/core';
import { chance, confidence, intBetween, logNormal, pick, round, sigmoid, weighted, type Rng } from './seeded-random.js';

export type Facts = Record<string, unknown>;
export type ReasonKind = 'rejected' | 'edited' | 'escalated';

export interface PolicyModel {
  /** The policy's name: `policies/<name>.yaml`. */
  name: string;
  /** In decision ids, `d-<prefix>-0000001`, so histories can be concatenated. */
  prefix: string;
  /** Records per support-refunds record (support-refunds is 1). */
  share: number;
  facts(rng: Rng): Facts;
  /** Facts an upstream lookup supplies; on ~1% of records one is missing. */
  lookups: readonly string[];
  /** Chance that the proposal is wrong: what a careful reviewer would reject or correct. */
  pWrong(facts: Facts): number;
  /** Chance a reviewer edits (wording, rounding) or rejects (judgement) a proposal that was right. */
  editCorrect: number;
  rejectCorrect: number;
  /** Of the wrong proposals a reviewer catches, the share fixed by an edit rather than rejected. */
  editWrong: number;
  /** Who QA-reads automatic decisions, and who handles a route when the decision names no reviewer (a policy without spec.reviewer). */
  fallbackReviewer: Readonly<Record<Exclude<Route, 'deny'>, string>>;
  /**
   * Ground truth for `oversight report`: a checkpoint that is a formality. Its
   * proposals (where it is a rule on the route taken) are right, and reviewers
   * approve them unchanged. The report must name it, and no other rule.
   */
  ceremonialRule?: string;
  /**
   * Ground truth for `oversight report`: a reviewer of this role who takes a
   * share of its approvals and approves each in under a minute, and approves
   * everything they take. The report must name them, and no other reviewer.
   */
  rubberStamper?: { role: string; id: string; share: number };
  reason(rng: Rng, kind: ReasonKind, facts: Facts, wrong: boolean): string;
}

const num = (facts: Facts, name: string, otherwise: number): number => (typeof facts[name] === 'number' ? facts[name] : otherwise);

const supportRefunds: PolicyModel = {
  name: 'support-refunds',
  prefix: 'sr',
  share: 1,
  facts(rng) {
    const actionType = chance(rng, 0.78) ? 'refund' : 'store_credit';
    const reasonCode = weighted(
      rng,
      actionType === 'refund'
        ? [['damaged', 26], ['not_received', 24], ['wrong_item', 15], ['late_delivery', 10], ['quality', 15], ['goodwill', 6], ['other', 4]]
        : [['damaged', 12], ['not_received', 8], ['wrong_item', 8], ['late_delivery', 27], ['quality', 10], ['goodwill', 30], ['other', 5]],
    );
    // Most claims are one cheap item; 8% are big-ticket orders (electronics, furniture): the long tail.
    let amount: number;
    if (actionType === 'store_credit' && chance(rng, 0.45)) amount = pick(rng, [5, 10, 10, 15, 20, 20, 25, 25, 30, 40, 50, 50, 75, 100]);
    else {
      amount = Math.max(1, round(chance(rng, 0.08) ? logNormal(rng, 320, 1.05) : logNormal(rng, 36, 0.85), 2));
      if (chance(rng, 0.3)) amount = Math.max(1, Math.round(amount));
    }
    const facts: Facts = {
      actionType,
      amount: Math.min(amount, 100000),
      currency: weighted(rng, [['USD', 62], ['EUR', 14], ['GBP', 10], ['CAD', 8], ['AUD', 6]]),
      orderId: `ORD-${intBetween(rng, 1000000, 1999999)}`,
      reasonCode,
      confidence: confidence(rng, reasonCode === 'goodwill' || reasonCode === 'other' ? 0.07 : 0.04, 0.85),
      recentClaims: weighted(rng, [[0, 60], [1, 22], [2, 10.5], [3, 3.5], [4, 1.8], [5, 1], [6, 0.5], [8, 0.4], [12, 0.3]]),
    };
    if (actionType === 'refund') facts.refundToOriginalMethod = chance(rng, 0.985);
    // Store credit can be clawed back; a few are paid out as gift cards, which cannot.
    facts.irreversible = actionType === 'refund' || chance(rng, 0.04);
    return facts;
  },
  lookups: ['recentClaims', 'refundToOriginalMethod', 'amount'],
  pWrong(facts) {
    const claims = num(facts, 'recentClaims', 0);
    const reason = facts.reasonCode;
    return sigmoid(
      -4.3 +
        10 * (0.95 - num(facts, 'confidence', 0.9)) +
        0.55 * Math.log(num(facts, 'amount', 50) / 50) +
        (claims > 2 ? 2 + 0.45 * (claims - 3) : 0.25 * claims) +
        (reason === 'goodwill' || reason === 'other' ? 0.6 : 0),
    );
  },
  editCorrect: 0.04,
  rejectCorrect: 0.03,
  editWrong: 0.4,
  fallbackReviewer: { auto: 'support-lead', review_after: 'support-lead', approve_before: 'support-lead', escalate: 'support-manager' },
  rubberStamper: { role: 'support-lead', id: 'rui@support.example', share: 0.2 },
  reason(rng, kind, facts, wrong) {
    if (kind === 'escalated') {
      const why = ['needs a fraud check', 'customer threatened a chargeback', 'unclear claim history'];
      if (num(facts, 'amount', 0) >= 200) why.push('above my approval limit');
      return pick(rng, why);
    }
    if (kind === 'edited') {
      return pick(rng, [
        'amount corrected to the order line total',
        'partial refund: shipping is not refundable',
        'amount reduced to the damaged item only',
        'currency corrected to the order currency',
        facts.actionType === 'refund' ? "changed to store credit at the customer's request" : 'credit rounded to the goodwill table',
      ]);
    }
    return wrong
      ? pick(rng, ['carrier shows delivered and signed for', 'photos do not show the damage', 'item already returned and refunded', 'duplicate of an earlier claim on this order', 'amount does not match any order line'])
      : pick(rng, ['outside the 30-day return window', 'marketplace order: the seller handles refunds', 'customer asked for a replacement instead', 'order still in transit']);
  },
};

const ACCOUNT_NAMES = [
  'Adventure Works Cycles', 'Alpine Ski House', 'Blue Yonder Airlines', 'Coho Winery', 'Consolidated Messenger', 'Contoso Health',
  'Datum Corporation', 'Fabrikam Foods', 'First Up Consultants', 'Fourth Coffee', 'Graphic Design Institute', 'Humongous Insurance',
  'Lamna Healthcare', 'Litware Labs', 'Lucerne Publishing', "Margie's Travel", 'Northwind Logistics', 'Proseware Analytics',
  'Relecloud', 'Southridge Video', 'Tailspin Toys', 'Trey Research', 'VanArsdel Ltd', 'Wide World Importers', 'Wingtip Retail', 'Woodgrove Credit Union',
];
const COMPLIANCE_ORDER = ['gdpr', 'soc2', 'iso27001', 'hipaa', 'pci_dss', 'fedramp', 'guarantee', 'indemnity'];
const REGULATED = new Set(['hipaa', 'pci_dss', 'fedramp', 'guarantee', 'indemnity']);

const salesOutreach: PolicyModel = {
  name: 'sales-outreach',
  prefix: 'so',
  share: 0.2,
  facts(rng) {
    const actionType = weighted(rng, [['first_touch', 30], ['follow_up', 45], ['reply', 25]]);
    const tier = weighted(rng, [['smb', 50], ['mid_market', 30], ['enterprise', 15], ['strategic', 5]]);
    // Embargoed countries are CRM data-quality slips, rare but real.
    const country = chance(rng, 0.003)
      ? pick(rng, ['CU', 'IR', 'KP', 'SY'])
      : weighted(rng, [['US', 45], ['GB', 10], ['DE', 8], ['CA', 7], ['FR', 6], ['NL', 4], ['AU', 4], ['JP', 3], ['BR', 3], ['IN', 3], ['SE', 2], ['ES', 2], ['IT', 2], ['MX', 1]]);
    const industry = weighted(rng, [['software', 24], ['financial_services', 15], ['healthcare', 12], ['retail', 14], ['manufacturing', 12], ['public_sector', 6], ['education', 7], ['other', 10]]);
    const medianArr = { smb: 9000, mid_market: 45000, enterprise: 220000, strategic: 900000 }[tier];
    const mentionsPricing = chance(rng, { first_touch: 0.08, follow_up: 0.22, reply: 0.3 }[actionType]);
    const discountPercent = mentionsPricing && chance(rng, 0.5) ? weighted(rng, [[5, 15], [10, 30], [12, 8], [15, 20], [20, 15], [25, 8], [30, 4]]) : 0;
    const terms = new Set<string>();
    if (chance(rng, 0.22)) {
      terms.add(pick(rng, ['gdpr', 'gdpr', 'gdpr', 'soc2', 'soc2', 'soc2', 'iso27001', 'iso27001', 'guarantee', 'indemnity']));
      if (industry === 'healthcare' && chance(rng, 0.5)) terms.add('hipaa');
      if ((industry === 'financial_services' || industry === 'retail') && chance(rng, 0.3)) terms.add('pci_dss');
      if (industry === 'public_sector' && chance(rng, 0.4)) terms.add('fedramp');
      if (chance(rng, 0.3)) terms.add(pick(rng, ['gdpr', 'soc2', 'iso27001']));
    }
    return {
      actionType,
      account: { id: `ACC-${intBetween(rng, 100000, 999999)}`, name: pick(rng, ACCOUNT_NAMES), tier, country, industry },
      accountValue: Math.min(50_000_000, Math.round(logNormal(rng, medianArr, 0.7) / 100) * 100),
      mentionsPricing,
      discountPercent,
      complianceTerms: COMPLIANCE_ORDER.filter((term) => terms.has(term)),
      recipientOptedOut: chance(rng, 0.012),
      confidence: confidence(rng, 0.07, 0.7),
      // Most drafts send on approval; some are queued with a one-hour cancel window.
      irreversible: chance(rng, 0.8),
    };
  },
  lookups: ['accountValue', 'recipientOptedOut', 'account'],
  pWrong(facts) {
    const terms = Array.isArray(facts.complianceTerms) ? facts.complianceTerms.filter((t) => REGULATED.has(t as string)).length : 0;
    return sigmoid(
      -3.6 +
        9 * (0.92 - num(facts, 'confidence', 0.85)) +
        (facts.mentionsPricing === true ? 0.7 : 0) +
        0.04 * num(facts, 'discountPercent', 0) +
        0.5 * terms +
        (facts.actionType === 'first_touch' ? 0.3 : 0),
    );
  },
  // Account executives rewrite a fair share of drafts that were fine: tone, names, length.
  editCorrect: 0.1,
  rejectCorrect: 0.03,
  editWrong: 0.65,
  fallbackReviewer: { auto: 'account-executive', review_after: 'account-executive', approve_before: 'account-executive', escalate: 'sales-manager' },
  // Drafts to high-value accounts are held for the account executive, who approves them as written:
  // the agent already writes these carefully, so the hold adds a day, not judgment.
  ceremonialRule: 'high-value-account',
  reason(rng, kind, facts, wrong) {
    if (kind === 'escalated') {
      const why = ['account status unclear: manager to decide', 'contact is an executive: manager to decide'];
      if (num(facts, 'discountPercent', 0) > 0) why.push('needs deal desk sign-off');
      if (Array.isArray(facts.complianceTerms) && facts.complianceTerms.length > 0) why.push('legal wording: counsel to review');
      return pick(rng, why);
    }
    if (kind === 'edited') {
      const fixes = ['wording changed: tone too pushy', 'corrected the product name', 'shortened and personalised the opening', 'fixed the contact name'];
      if (facts.mentionsPricing === true) fixes.push('removed the price: the quote goes out separately', 'discount reduced to the approved 10%');
      if (Array.isArray(facts.complianceTerms) && facts.complianceTerms.length > 0) fixes.push('removed the compliance claim, linked the trust page instead');
      return pick(rng, fixes);
    }
    return wrong
      ? pick(rng, ['wrong contact: they left the company', 'claims a certification we do not hold', 'pricing not approved for this account', 'facts about the account are out of date'])
      : pick(rng, ['account is in an active renewal negotiation', 'duplicate of a thread the AE already sent', 'open support escalation: not the moment']);
  },
};

const VENDOR_NAMES = [
  'Acme Industrial Supply', 'Brightline Staffing LLC', 'Cascade Janitorial', 'Delta Freight Partners', 'Evergreen Print Co', 'Foxhollow IT Services',
  'Granite Office Furniture', 'Harbor Catering', 'Ironwood Security', 'Juniper Legal LLP', 'Keystone Packaging', 'Lakeside Electric',
  'Meridian Cloud Ltd', 'Northstar Couriers', 'Oakridge Facilities', 'Quarry Road Analytics', 'Redwood HVAC', 'Summit Travel Group', 'Tidewater Uniforms',
];

const backOfficeForms: PolicyModel = {
  name: 'back-office-forms',
  prefix: 'bo',
  share: 0.2,
  facts(rng) {
    const formType = weighted(rng, [['invoice', 60], ['vendor_onboarding', 15], ['vendor_update', 17], ['bank_details_change', 8]]);
    const invoice = formType === 'invoice';
    const facts: Facts = { formType, vendorId: `V-${intBetween(rng, 10000, 99999)}`, vendorName: pick(rng, VENDOR_NAMES) };
    // Amount and currency are on invoices only, as the agent sends them.
    if (invoice) {
      facts.amount = Math.min(10_000_000, round(logNormal(rng, 2400, 1.2), 2));
      facts.currency = weighted(rng, [['USD', 70], ['EUR', 12], ['GBP', 7], ['CAD', 6], ['MXN', 5]]);
    }
    facts.mismatchedFields = weighted(rng, [[0, 78], [1, 10], [2, 5], [3, 3], [4, 2], [6, 1], [9, 0.6], [14, 0.4]]);
    const missingShare = { invoice: 0.07, vendor_onboarding: 0.3, vendor_update: 0.1, bank_details_change: 0.15 }[formType];
    facts.missingDocuments = chance(rng, missingShare) ? weighted(rng, [[1, 70], [2, 22], [3, 8]]) : 0;
    facts.riskScore = Math.min(100, round(logNormal(rng, 22, 0.6), 1));
    facts.sanctionsHit = chance(rng, 0.003);
    if (invoice) facts.poMatched = chance(rng, 0.72);
    facts.confidence = confidence(rng, 0.045, 0.8);
    // Filing an invoice releases a payment only when it lands in today's payment run.
    facts.irreversible = invoice && chance(rng, 0.35);
    return facts;
  },
  lookups: ['riskScore', 'sanctionsHit', 'poMatched'],
  pWrong(facts) {
    const mismatched = num(facts, 'mismatchedFields', 0);
    const amount = num(facts, 'amount', 0);
    return sigmoid(
      -4.2 +
        10 * (0.95 - num(facts, 'confidence', 0.9)) +
        (mismatched === 0 ? 0 : mismatched <= 2 ? 4.5 : 5) +
        2 * num(facts, 'missingDocuments', 0) +
        0.03 * Math.max(0, num(facts, 'riskScore', 20) - 40) +
        (amount > 0 ? 0.25 * Math.log(amount / 2400) : 0) +
        (facts.formType === 'bank_details_change' ? 1 : 0),
    );
  },
  editCorrect: 0.03,
  rejectCorrect: 0.02,
  // A clerk corrects a wrong field rather than sending the form back.
  editWrong: 0.75,
  fallbackReviewer: { auto: 'ap-specialist', review_after: 'ap-specialist', approve_before: 'ap-specialist', escalate: 'controller' },
  reason(rng, kind, facts, wrong) {
    if (kind === 'escalated') {
      const why = ['possible duplicate vendor', 'screening result needs vendor risk'];
      if (num(facts, 'amount', 0) > 5000) why.push('amount above my approval limit');
      return pick(rng, why);
    }
    if (kind === 'edited') {
      return facts.formType === 'invoice'
        ? pick(rng, ['invoice date corrected', 'line total corrected to match the PO', 'remit-to name corrected', 'payment terms corrected to net 30', 'tax amount corrected'])
        : pick(rng, ['vendor address corrected from the W-9', 'tax ID corrected', 'remit-to name corrected', 'contact email corrected']);
    }
    if (!wrong) return pick(rng, ['vendor not approved by procurement', 'PO closed: goods not received', 'cost centre no longer active']);
    if (facts.formType === 'bank_details_change') return pick(rng, ['call-back failed: vendor did not confirm the new account', 'bank letter does not match the vendor name']);
    if (num(facts, 'missingDocuments', 0) > 0) return pick(rng, ['W-9 missing: returned to the vendor', 'certificate of insurance expired', 'delivery note missing']);
    return pick(rng, ['invoice already paid (duplicate)', 'amount does not match the PO', 'wrong vendor selected']);
  },
};

const REPORT_TITLES: Record<string, readonly string[]> = {
  status_update: ['Payments squad sprint summary', 'Mobile release train status', 'Infra cost-reduction workstream update', 'Benefits enrollment status', 'Support tooling weekly update', 'Security program monthly status', 'Platform team weekly status'],
  metrics_digest: ['Marketing pipeline weekly', 'Activation metrics', 'Support queue SLA digest', 'Search quality weekly digest', 'On-call load digest'],
  incident_summary: ['Checkout latency incident', 'Delayed payouts incident summary', 'EU login outage postmortem', 'Email delivery delay summary', 'Search index rebuild incident'],
  financial_summary: ['Contractor spend review', 'Vendor consolidation business case', 'October opex variance', 'Cloud spend by team', 'Travel and expenses review'],
  forecast: ['Q1 hiring plan draft', 'FY27 infra capacity forecast', 'Support headcount forecast', 'Q1 revenue outlook'],
};

type Audience = 'team' | 'department' | 'company' | 'leadership' | 'board';
// Money reports go up the organisation; incidents go wide.
const AUDIENCES: Record<string, readonly (readonly [Audience, number])[]> = {
  status_update: [['team', 50], ['department', 35], ['company', 8], ['leadership', 7]],
  metrics_digest: [['team', 35], ['department', 35], ['company', 10], ['leadership', 17], ['board', 3]],
  incident_summary: [['team', 30], ['department', 25], ['company', 35], ['leadership', 10]],
  financial_summary: [['team', 10], ['department', 30], ['leadership', 40], ['board', 20]],
  forecast: [['department', 30], ['leadership', 50], ['board', 20]],
};

function reportTitle(rng: Rng, reportType: string): string {
  const title = pick(rng, REPORT_TITLES[reportType]!);
  if (reportType === 'incident_summary') return `${title} (INC-${intBetween(rng, 4000, 4999)})`;
  return reportType === 'status_update' || reportType === 'metrics_digest' ? `${title}, week ${intBetween(rng, 40, 44)}` : title;
}

const internalReporting: PolicyModel = {
  name: 'internal-reporting',
  prefix: 'ir',
  share: 0.2,
  facts(rng) {
    const reportType = weighted(rng, [['status_update', 35], ['metrics_digest', 25], ['incident_summary', 12], ['financial_summary', 15], ['forecast', 13]]);
    const audience = weighted(rng, AUDIENCES[reportType]!);
    const money = reportType === 'financial_summary' || reportType === 'forecast';
    const sharedExternally = chance(rng, money ? 0.08 : 0.015);
    const [low, high] = ({ team: [3, 25], department: [15, 300], company: [300, 4000], leadership: [4, 30], board: [6, 14] } as const)[audience];
    const materialDecision = chance(rng, { status_update: 0.03, metrics_digest: 0.08, incident_summary: 0.02, financial_summary: 0.25, forecast: 0.45 }[reportType]);
    const facts: Facts = {
      reportType,
      title: reportTitle(rng, reportType),
      audience,
      recipientCount: intBetween(rng, low, high) + (sharedExternally ? intBetween(rng, 1, 10) : 0),
      sharedExternally,
      containsPersonalData: chance(rng, { status_update: 0.1, metrics_digest: 0.08, incident_summary: 0.2, financial_summary: 0.05, forecast: 0.02 }[reportType]),
      containsFinancialFigures: money || chance(rng, reportType === 'metrics_digest' ? 0.3 : 0.05),
      materialDecision,
    };
    // The money at stake is known only when a decision rests on the report.
    if (materialDecision) facts.decisionValue = Math.min(1e9, Math.round(logNormal(rng, 140000, 1.3) / 1000) * 1000);
    facts.confidence = confidence(rng, 0.08, 0.7);
    facts.dataAgeHours = Math.min(8760, Math.max(0.1, round(logNormal(rng, 9, 1), 1)));
    // Emailed reports cannot be unsent; wiki pages stay editable.
    facts.irreversible = chance(rng, audience === 'company' ? 0.5 : 0.7);
    return facts;
  },
  lookups: ['dataAgeHours', 'decisionValue', 'audience'],
  pWrong(facts) {
    return sigmoid(
      -4 +
        9 * (0.9 - num(facts, 'confidence', 0.8)) +
        (num(facts, 'dataAgeHours', 0) > 48 ? 1.2 : 0) +
        (facts.containsFinancialFigures === true ? 0.6 : 0) +
        (facts.materialDecision === true ? 0.4 : 0),
    );
  },
  editCorrect: 0.06,
  rejectCorrect: 0.015,
  // A wrong figure in a report is corrected, rarely the whole report withdrawn.
  editWrong: 0.8,
  fallbackReviewer: { auto: 'report-owner', review_after: 'report-owner', approve_before: 'report-owner', escalate: 'finance-controller' },
  reason(rng, kind, facts, wrong) {
    if (kind === 'escalated') return pick(rng, ['needs the controller to sign off the figures', 'legal to review before it goes out', 'department head to decide']);
    if (kind === 'edited') {
      const fixes = ['updated with the latest data', 'fixed the chart totals', 'rewrote the summary for the audience', 'corrected a mislabelled metric'];
      if (facts.containsFinancialFigures === true) fixes.push('corrected the revenue figure to the closed books', 'cost figures restated in USD');
      if (facts.containsPersonalData === true) fixes.push('removed customer names');
      if (facts.reportType === 'incident_summary') fixes.push('corrected the incident timeline');
      return pick(rng, fixes);
    }
    return wrong
      ? pick(rng, ['figures do not match the finance close', 'wrong period in the source query', 'draws on a deprecated dashboard'])
      : pick(rng, ['not ready to share outside the team', 'superseded by the incident review', "duplicate of this week's digest"]);
  },
};

/** The four example policies, in the order they are generated. */
export const MODELS: readonly PolicyModel[] = [supportRefunds, salesOutreach, backOfficeForms, internalReporting];
