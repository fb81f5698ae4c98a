import { RequestError } from '@hono/node-server';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/comments/store.ts';
import { describeFailure, statusForError } from '../../src/server/error-boundary.ts';

function invalidUrl(): Error {
  try {
    new URL('//[/', 'http://x');
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an invalid URL');
}

describe('statusForError', () => {
  it('maps malformed input to 4xx, an unavailable store to 503, the rest to 500', () => {
    expect(statusForError(invalidUrl())).toBe(400);
    expect(statusForError(new URIError('URI malformed'))).toBe(400);
    expect(statusForError(new RequestError('Invalid host header'))).toBe(400);
    expect(statusForError(Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' }))).toBe(400);
    expect(statusForError(Object.assign(new Error('Header overflow'), { code: 'HPE_HEADER_OVERFLOW' }))).toBe(431);
    expect(statusForError(new HTTPException(413))).toBe(413);
    expect(statusForError(new StoreUnavailableError())).toBe(503);
    expect(statusForError(new TypeError('Cannot convert object to primitive value'))).toBe(500);
    expect(statusForError('a string')).toBe(500);
  });
});

describe('describeFailure', () => {
  it('is one line without the input, even when the error message quotes it', () => {
    const line = describeFailure(400, invalidUrl());
    expect(line).toBe('request failed: 400 TypeError ERR_INVALID_URL');
  });

  it('names where a fault of ours was thrown, not its message', () => {
    const line = describeFailure(500, new TypeError('secret reader text'));
    expect(line).toMatch(/^request failed: 500 TypeError at tests\/unit\/error-boundary\.test\.ts:\d+$/);
    expect(line).not.toContain('\n');
  });

  it('keeps the store’s own message', () => {
    expect(
      describeFailure(
        503,
        new StoreUnavailableError('The comments database does not answer', { cause: new Error('/secret/path') }),
      ),
    ).toBe('request failed: 503 StoreUnavailableError: The comments database does not answer');
  });
});
