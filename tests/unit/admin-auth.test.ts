import { describe, expect, it } from 'vitest';
import { hashPassword, newSessionId, sessionIdHash, signInWaitSeconds, verifyPassword } from '../../src/admin/auth.ts';

describe('moderation password hashes', () => {
  it('verifies the password it hashed, with a fresh salt each time, and nothing else', async () => {
    const one = await hashPassword('correct horse battery staple');
    const two = await hashPassword('correct horse battery staple');
    expect(one).not.toBe(two);
    expect(await verifyPassword('correct horse battery staple', one)).toBe(true);
    expect(await verifyPassword('correct horse battery staple', two)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', one)).toBe(false);
    expect(await verifyPassword('', one)).toBe(false);
  });

  it('treats the same text in composed and decomposed Unicode as one password', async () => {
    const stored = await hashPassword('café au lait 密码');
    expect(await verifyPassword('cafe\u0301 au lait 密码', stored)).toBe(true);
  });

  it('matches nothing against a malformed or tampered hash, without asking scrypt for absurd work', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const parts = stored.split('$');
    for (const bad of [
      '',
      'plain text',
      parts.slice(0, 5).join('$'),
      ['bcrypt', ...parts.slice(1)].join('$'),
      [parts[0], String(2 ** 30), ...parts.slice(2)].join('$'),
      [parts[0], '1000', ...parts.slice(2)].join('$'),
      [...parts.slice(0, 5), 'AAAA'].join('$'),
    ])
      expect(await verifyPassword('correct horse battery staple', bad), bad).toBe(false);
  });
});

describe('sessions', () => {
  it('gives long random ids and stores only their hash', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newSessionId()));
    expect(ids.size).toBe(100);
    const [id] = ids;
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(sessionIdHash(id!)).not.toContain(id!);
    expect(sessionIdHash(id!)).toBe(sessionIdHash(id!));
  });
});

describe('signInWaitSeconds', () => {
  const limits = { windowMs: 60_000, perIp: 3, global: 10 };
  const none = { byIp: 0, all: 0, oldestByIp: null, oldestAll: null };
  it('lets a sign-in through below both limits', () => {
    expect(signInWaitSeconds(none, 0, limits)).toBe(0);
    expect(signInWaitSeconds({ byIp: 2, all: 9, oldestByIp: 0, oldestAll: 0 }, 1_000, limits)).toBe(0);
  });
  it('waits until the oldest failure of the limit reached leaves the window, rounded up', () => {
    expect(signInWaitSeconds({ byIp: 3, all: 3, oldestByIp: 0, oldestAll: 0 }, 1_500, limits)).toBe(59);
    expect(signInWaitSeconds({ byIp: 0, all: 10, oldestByIp: null, oldestAll: 10_000 }, 10_000, limits)).toBe(60);
    expect(signInWaitSeconds({ byIp: 3, all: 10, oldestByIp: 20_000, oldestAll: 0 }, 30_000, limits)).toBe(50);
    expect(signInWaitSeconds({ byIp: 3, all: 3, oldestByIp: 0, oldestAll: 0 }, 60_000, limits)).toBe(0);
  });
});
