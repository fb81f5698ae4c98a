import { describe, expect, it } from 'vitest';
import { detectInAppBrowser, type FollowContext, type ViewportHint } from '../../src/follow/context.ts';
import { followContextScript } from '../../src/follow/context-script.ts';
import { userAgents } from '../fixtures/user-agents.ts';

describe('detectInAppBrowser', () => {
  for (const fixture of userAgents) {
    it(`${fixture.name} → ${fixture.expected}`, () => {
      const viewport = fixture.maxTouchPoints === undefined ? undefined : { maxTouchPoints: fixture.maxTouchPoints };
      expect(detectInAppBrowser(fixture.userAgent, viewport)).toBe(fixture.expected);
    });
  }

  it('covers WeChat on iOS, Android, Windows and macOS, LINE on iOS and Android, and ordinary browsers', () => {
    const names = userAgents.map((fixture) => fixture.name).join(' | ');
    for (const name of [
      'WeChat on iOS',
      'WeChat on Android',
      'WeChat for Windows',
      'WeChat for macOS',
      'LINE on iOS',
      'LINE on Android',
    ]) {
      expect(names).toContain(name);
    }
    expect(new Set(userAgents.map((fixture) => fixture.expected))).toEqual(
      new Set(['wechat', 'line', 'mobile', 'desktop']),
    );
  });

  it('does not take a word ending in "line/" for LINE', () => {
    expect(detectInAppBrowser('Mozilla/5.0 (X11; Linux x86_64) Pipeline/2.0 Offline/1.0')).toBe('desktop');
  });

  it('treats an empty User-Agent as a desktop, where every option is shown anyway', () => {
    expect(detectInAppBrowser('')).toBe('desktop');
  });
});

describe('followContextScript', () => {
  it('embeds a detection that works without the module around it, as the inline script runs it', () => {
    const source = followContextScript();
    const detect = /,(function detectInAppBrowser[\s\S]*)\)$/.exec(source)?.[1];
    expect(detect).toBeDefined();
    const standalone = new Function(`return (${detect})`)() as (ua: string, viewport?: ViewportHint) => FollowContext;
    for (const fixture of userAgents) {
      const viewport = fixture.maxTouchPoints === undefined ? undefined : { maxTouchPoints: fixture.maxTouchPoints };
      expect(standalone(fixture.userAgent, viewport), fixture.name).toBe(fixture.expected);
    }
  });

  it('parses as one classic script (no module syntax, no optional chaining)', () => {
    const source = followContextScript();
    expect(() => new Function(source)).not.toThrow();
    expect(source).not.toMatch(/\?\.|\?\?|\bimport\b|\bexport\b/);
  });
});
