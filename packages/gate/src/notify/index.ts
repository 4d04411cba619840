// Notifiers: how reviewers and proposing services hear of gate events without polling.
export { createWebhookNotifier, type WebhookFailure, type WebhookFetch, type WebhookNotifier, type WebhookNotifierOptions } from './webhook-notifier.js';
export { verifyWebhookSignature, type VerifyWebhookSignatureOptions } from './signature.js';
export type { BackoffOptions } from './backoff.js';
export { slackEventMessage } from './slack-event-message.js';
