import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

/** How long a shutdown may take before the process stops anyway. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Signals within this time of the first are the same request to stop, relayed (see `shutdown`). */
const REPEAT_WINDOW_MS = 1_000;

export interface GracefulShutdownOptions {
  /** Closes what the server holds (the comment store: the last checkpoint and close). */
  closeResources: () => Promise<void>;
  timeoutMs?: number;
  log?: (line: string) => void;
  exit?: (code: number) => void;
}

/**
 * Graceful shutdown for an HTTP server: call `shutdown()` on SIGTERM/SIGINT. It stops accepting
 * connections, lets every request in flight finish (answers sent from then on carry
 * `Connection: close`, so keep-alive clients leave instead of sending more), waits for the
 * connections to close, closes the resources and exits 0. After `timeoutMs`,
 * or on a second signal a second or more after the first, it cuts the connections left and exits 1.
 */
export function gracefulShutdown(
  server: Server,
  options: GracefulShutdownOptions,
): { shutdown: (signal: string) => void } {
  const {
    closeResources,
    timeoutMs = SHUTDOWN_TIMEOUT_MS,
    log = console.log,
    exit = (code) => process.exit(code),
  } = options;
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  // First among the request listeners, so the header is set before any handler answers.
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (draining) res.setHeader('Connection', 'close');
  });

  let closed = false;
  const finish = async (code: number) => {
    if (closed) return;
    closed = true;
    try {
      await closeResources();
    } catch (error) {
      log(`shutdown: closing the store failed (${error instanceof Error ? error.name : 'error'})`);
      code = 1;
    }
    exit(code);
  };

  const force = (why: string) => {
    log(`shutdown: ${why}; closing ${inFlight.size} open request(s) now`);
    server.closeAllConnections();
    void finish(1);
    // Should closing the store hang too, the bound still holds.
    setTimeout(() => exit(1), 1000).unref();
  };

  let firstSignalAt = 0;
  const shutdown = (signal: string) => {
    if (draining) {
      // The same signal often arrives two or three times at once: Ctrl-C reaches npm, tsx and the
      // server, and npm and tsx relay it. Only a signal given later means "stop now".
      if (Date.now() - firstSignalAt >= REPEAT_WINDOW_MS) force(`second ${signal}`);
      return;
    }
    draining = true;
    firstSignalAt = Date.now();
    log(
      `${signal}: no new connections; finishing ${inFlight.size} request(s) (at most ${Math.round(timeoutMs / 1000)} s)`,
    );
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    // Stop listening without http.Server.close()'s immediate cut of idle keep-alive connections: a
    // client may be sending its next request on one at this very moment, and would get a reset.
    NetServer.prototype.close.call(server, () => {
      log('shutdown: every connection closed');
      void finish(0);
    });
    // Idle keep-alive connections are not cut either, for the same reason: each ends when its client
    // closes it, sends one more request (answered with Connection: close), or reaches the server's
    // keep-alive timeout (5 s), which clients know from the Keep-Alive header and stay clear of.
    setTimeout(() => force(`still busy after ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
  };

  return { shutdown };
}
