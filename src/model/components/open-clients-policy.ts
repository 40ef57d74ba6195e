// The retry policy of open-clients from its parameters (backoff as a code), shared by its scalar
// and batched steps.
import type { BackoffKind, RetryPolicy } from './retrying-clients.js';

const backoffCode: Record<number, BackoffKind> = { 0: 'none', 1: 'constant', 2: 'exponential' };

export function policyOf(p: Readonly<Record<string, number>>): RetryPolicy {
  return {
    maxAttempts: p.maxAttempts!,
    backoff: backoffCode[p.backoff!] ?? 'none',
    baseDelayMinutes: p.baseDelay!,
    maxDelayMinutes: p.maxDelay!,
    jitter: p.jitter! > 0,
  };
}
