import type { LintRule } from '../rule.js';
import { autoDefault } from './auto-default.js';
import { catchAllReview } from './catch-all-review.js';
import { contradictoryCondition } from './contradictory-condition.js';
import { disableWithoutReason } from './disable-without-reason.js';
import { duplicateId } from './duplicate-id.js';
import { factUnused } from './fact-unused.js';
import { irreversibleAuto } from './irreversible-auto.js';
import { irreversibleExemption } from './irreversible-exemption.js';
import { missingPacketContext } from './missing-packet-context.js';
import { missingReviewer } from './missing-reviewer.js';
import { reviewDatePassed } from './review-date-passed.js';
import { shadowedRule } from './shadowed-rule.js';
import { thresholdOutOfRange } from './threshold-out-of-range.js';
import { thresholdUnused } from './threshold-unused.js';
import { undeclaredFact } from './undeclared-fact.js';
import { undeclaredThreshold } from './undeclared-threshold.js';
import { unreachableRule } from './unreachable-rule.js';
import { unsafeRegex } from './unsafe-regex.js';
import { unusedDisable } from './unused-disable.js';
import { validPolicy } from './valid-policy.js';
import { versionNotBumped } from './version-not-bumped.js';

/** Every rule, in the order the rules index lists them. */
export const RULES: readonly LintRule[] = [
  validPolicy,
  duplicateId,
  undeclaredFact,
  undeclaredThreshold,
  autoDefault,
  irreversibleAuto,
  irreversibleExemption,
  unreachableRule,
  shadowedRule,
  contradictoryCondition,
  missingReviewer,
  missingPacketContext,
  catchAllReview,
  thresholdOutOfRange,
  thresholdUnused,
  factUnused,
  reviewDatePassed,
  versionNotBumped,
  unsafeRegex,
  disableWithoutReason,
  unusedDisable,
];
