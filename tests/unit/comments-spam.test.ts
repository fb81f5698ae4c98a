import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  duplicateKey,
  floodWaitSeconds,
  hashIp,
  initialStatus,
  isHoneypotFilled,
  signFormToken,
  verifyFormToken,
} from '../../src/comments/spam.ts';

const SECRET = 'test-secret-0123456789';
const RULES = { minFillSeconds: 3, tokenMaxAgeSeconds: 3600 };
const T0 = Date.UTC(2026, 0, 1);

describe('honeypot', () => {
  it('catches a filled hidden field and ignores an empty one', () => {
    expect(isHoneypotFilled('http://spam.example')).toBe(true);
    expect(isHoneypotFilled('')).toBe(false);
    expect(isHoneypotFilled('   ')).toBe(false);
    expect(isHoneypotFilled(undefined)).toBe(false);
  });
});

describe('form token', () => {
  it('accepts a token of this thread once the minimum fill time has passed', () => {
    const token = signFormToken('post-a', T0, SECRET);
    expect(verifyFormToken(token, 'post-a', SECRET, T0 + 10_000, RULES)).toEqual({ ok: true, ageMs: 10_000 });
  });

  it('refuses a form sent faster than a person can fill it', () => {
    const token = signFormToken('post-a', T0, SECRET);
    expect(verifyFormToken(token, 'post-a', SECRET, T0 + 1_000, RULES)).toEqual({ ok: false, reason: 'too-fast' });
  });

  it('refuses an old token, a token of another thread, a forged or missing token', () => {
    const token = signFormToken('post-a', T0, SECRET);
    expect(verifyFormToken(token, 'post-a', SECRET, T0 + 3_601_000, RULES)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyFormToken(token, 'post-b', SECRET, T0 + 10_000, RULES)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyFormToken(token, 'post-a', 'another-secret-0123', T0 + 10_000, RULES)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    // Moving the time back to look older breaks the signature.
    const [, nonce, signature] = token.split('.');
    expect(
      verifyFormToken(`${(T0 - 60_000).toString(36)}.${nonce}.${signature}`, 'post-a', SECRET, T0 + 1_000, RULES),
    ).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyFormToken('', 'post-a', SECRET, T0, RULES)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyFormToken('garbage', 'post-a', SECRET, T0, RULES)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('flood control', () => {
  it('makes a commenter wait 15 seconds after their last comment', () => {
    expect(floodWaitSeconds(null, T0, 15)).toBe(0);
    expect(floodWaitSeconds(T0, T0 + 1_000, 15)).toBe(14);
    expect(floodWaitSeconds(T0, T0 + 14_001, 15)).toBe(1);
    expect(floodWaitSeconds(T0, T0 + 15_000, 15)).toBe(0);
    expect(floodWaitSeconds(T0, T0, 0)).toBe(0);
  });
});

describe('IP hash', () => {
  it('is stable for one address, differs between addresses and secrets, and does not contain the address', () => {
    const hash = hashIp('203.0.113.7', SECRET);
    expect(hashIp('203.0.113.7', SECRET)).toBe(hash);
    expect(hashIp('203.0.113.8', SECRET)).not.toBe(hash);
    expect(hashIp('203.0.113.7', 'another-secret-0123')).not.toBe(hash);
    expect(hash).not.toContain('203');
  });
});

describe('duplicates', () => {
  it('treats the same text from the same email on the same thread as a duplicate, whatever the case and spacing', () => {
    expect(duplicateKey('a', 'Ada@x.com', 'Great  post!\n')).toBe(duplicateKey('a', 'ada@x.com', 'great post!'));
    expect(duplicateKey('a', 'ada@x.com', 'Great post!')).not.toBe(duplicateKey('b', 'ada@x.com', 'Great post!'));
    expect(duplicateKey('a', 'ada@x.com', 'Great post!')).not.toBe(duplicateKey('a', 'bob@x.com', 'Great post!'));
  });
});

describe('initial status', () => {
  const rules = { maxLinks: 2, autoApproveTrusted: true };
  it('holds new commenters for moderation and approves trusted ones', () => {
    expect(initialStatus({ linkCount: 0, trusted: false }, rules)).toBe('pending');
    expect(initialStatus({ linkCount: 2, trusted: true }, rules)).toBe('approved');
  });
  it('holds a comment with many links even from a trusted commenter', () => {
    expect(initialStatus({ linkCount: 3, trusted: true }, rules)).toBe('pending');
  });
  it('holds everyone when auto-approval is off', () => {
    expect(initialStatus({ linkCount: 0, trusted: true }, { ...rules, autoApproveTrusted: false })).toBe('pending');
  });
});

describe('constantTimeEqual', () => {
  it('compares strings of any length', () => {
    expect(constantTimeEqual('token-abc', 'token-abc')).toBe(true);
    expect(constantTimeEqual('token-abc', 'token-abd')).toBe(false);
    expect(constantTimeEqual('short', 'a much longer string')).toBe(false);
  });
});
