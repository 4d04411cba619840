import { ROUTES } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { toolApprovalStatus } from '../src/index.js';

describe('routes as AI SDK 7 toolApproval statuses', () => {
  it('maps every route', () => {
    expect(Object.fromEntries(ROUTES.map((route) => [route, toolApprovalStatus(route)]))).toEqual({
      auto: 'not-applicable',
      review_after: 'approved',
      approve_before: 'user-approval',
      escalate: 'user-approval',
      deny: 'denied',
    });
  });
});
