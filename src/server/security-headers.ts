import type { ServerResponse } from 'node:http';
import { secureHeaders } from 'hono/secure-headers';

import { currentServerPageFrames } from '../server-page/frame.ts';

/**
 * Headers on every response the server makes (built files, the API, its HTML pages, errors): no
 * framing by other sites (clickjacking), no MIME sniffing, only the origin as referrer to other sites.
 * HSTS belongs to the TLS-terminating reverse proxy (README, "Running in production").
 */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
} as const;

/**
 * Policy header for built files. Each built page carries its own script policy in a `<meta>`
 * (src/build/csp.ts); a `<meta>` cannot say `frame-ancestors`, so the header adds it. Browsers
 * enforce both policies, so this one only restricts further.
 */
export const FILES_POLICY = "frame-ancestors 'self'; base-uri 'self'; object-src 'none'";

/**
 * Policy of everything the API answers, the server-rendered pages above all: no script at all,
 * only the stylesheets of the site's frame (by their hashes, see src/server-page/frame.ts; none
 * with the plain frame), forms only to this origin, framed only by it.
 */
export function apiPolicy(styleHashes: readonly string[] = currentServerPageFrames().styleHashes) {
  return {
    defaultSrc: ["'none'"],
    styleSrc: styleHashes.length > 0 ? [...styleHashes] : ["'none'"],
    imgSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    baseUri: ["'none'"],
  };
}

/** `apiPolicy()` as a header value. */
export function apiPolicyHeader(styleHashes?: readonly string[]): string {
  return Object.entries(apiPolicy(styleHashes))
    .map(
      ([directive, values]) =>
        `${directive.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(' ')}`,
    )
    .join('; ');
}

/**
 * Hono's `secureHeaders`, set to exactly `SECURITY_HEADERS` plus `apiPolicy()` (its other defaults are left to the
 * proxy). The moderation page sets its own policy and is never embedded in or opened from another origin. The policy is read when the app is built: load the frames (`useServerPageFrames`) first.
 */
export function apiSecurityHeaders(options: { ownPolicy?: boolean; sameOriginOnly?: boolean } = {}) {
  return secureHeaders({
    xContentTypeOptions: SECURITY_HEADERS['X-Content-Type-Options'],
    xFrameOptions: SECURITY_HEADERS['X-Frame-Options'],
    referrerPolicy: SECURITY_HEADERS['Referrer-Policy'],
    // A part with a policy of its own (the moderation page) sets it itself.
    ...(options.ownPolicy ? {} : { contentSecurityPolicy: apiPolicy() }),
    crossOriginResourcePolicy: options.sameOriginOnly ? 'same-origin' : false,
    crossOriginOpenerPolicy: options.sameOriginOnly ? 'same-origin' : false,
    originAgentCluster: false,
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}

/** Sets the common headers and `policy` on a Node response (built files, and errors answered outside the API). */
export function setSecurityHeaders(res: ServerResponse, policy: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('Content-Security-Policy', policy);
}
