/**
 * A raw HTTP/1.1 exchange over node:net: the test writes exactly the bytes it wants (a broken
 * request line, a hostile target, any header), and gets back exactly what the server sent, read
 * until the server closes the connection.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent. */
  bytes: Buffer;
  /** Why the exchange failed on the wire (a reset, a timeout), or null. */
  error: string | null;
}

/** Sends `request` to 127.0.0.1:`port` and collects the answer until the server closes the connection. */
export function rawExchange(port: number, request: Buffer | string, { timeoutMs = 5_000 } = {}): Promise<RawAnswer> {
  return openExchange(port, request, { timeoutMs }).answer;
}

/**
 * Like `rawExchange`, for a request sent in parts: writes `first` now, more with `write`, and
 * collects the answer until the server closes the connection.
 */
export function openExchange(
  port: number,
  first: Buffer | string,
  { timeoutMs = 5_000 } = {},
): { write: (more: Buffer | string) => void; answer: Promise<RawAnswer> } {
  const chunks: Buffer[] = [];
  const socket = connect(port, '127.0.0.1');
  const answer = new Promise<RawAnswer>((resolve) => {
    let settled = false;
    const done = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), error });
    };
    const timer = setTimeout(() => done(`no end of answer within ${timeoutMs} ms`), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => done(null));
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
  socket.write(first);
  return { write: (more) => void socket.write(more), answer };
}

export interface ParsedAnswer {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Parses an HTTP/1.1 answer and checks that it is well-formed: a status line, headers ending in an
 * empty line, and a body that matches its Content-Length or chunked framing (none after HEAD, 1xx,
 * 204 and 304). Interim 100 Continue answers are skipped. Throws, saying what is wrong, otherwise.
 */
export function parseAnswer(bytes: Buffer, { head = false } = {}): ParsedAnswer {
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) throw new Error(`no end of headers in ${JSON.stringify(rest.subarray(0, 200).toString('latin1'))}`);
    const [statusLine = '', ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3}) [^\r\n]*$/.exec(statusLine);
    if (!match) throw new Error(`bad status line ${JSON.stringify(statusLine)}`);
    const status = Number(match[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`bad header line ${JSON.stringify(line)}`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    let body = rest.subarray(end + 4);
    if (status === 100) {
      rest = body;
      continue;
    }
    const bodiless = head || status < 200 || status === 204 || status === 304;
    if (bodiless) {
      if (body.length > 0)
        throw new Error(`${status} answer to ${head ? 'HEAD' : 'a request'} has ${body.length} bytes of body`);
    } else if (headers['transfer-encoding']?.includes('chunked')) {
      body = dechunk(body);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (!Number.isInteger(length) || length < 0) throw new Error(`bad Content-Length ${headers['content-length']}`);
      if (body.length !== length) throw new Error(`Content-Length ${length} but ${body.length} bytes of body`);
    }
    return { status, headers, body };
  }
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) throw new Error('chunked body cut short');
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isInteger(size) || size < 0) throw new Error('bad chunk size');
    at = lineEnd + 2;
    if (size === 0) {
      if (data.subarray(at).toString('latin1') !== '\r\n') throw new Error('bad end of chunked body');
      return Buffer.concat(parts);
    }
    parts.push(data.subarray(at, at + size));
    at += size;
    if (data.subarray(at, at + 2).toString('latin1') !== '\r\n') throw new Error('chunk not followed by CRLF');
    at += 2;
  }
}
