/** Downloads one image of the old site for the importer. */

const TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
};

export type FetchedImage = { ok: true; bytes: Uint8Array; extension: string } | { ok: false; reason: string };

/** GET `url` (http or https), at most `maxBytes`, an image type the build can optimise, within `timeoutMs`. */
export async function fetchImage(
  url: string,
  { timeoutMs = 15_000, maxBytes = 20 * 1024 * 1024 } = {},
): Promise<FetchedImage> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: 'not an http(s) address' };
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      reason:
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : `cannot connect${cause ? ` (${cause})` : ''}`,
    };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, reason: `HTTP ${response.status}` };
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = TYPES[type];
  if (!extension) {
    await response.body?.cancel();
    return { ok: false, reason: `not an image the site can show (${type || 'no content type'})` };
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return { ok: false, reason: `larger than ${maxBytes / 1024 / 1024} MB` };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) return { ok: false, reason: `larger than ${maxBytes / 1024 / 1024} MB` };
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty file' };
  return { ok: true, bytes, extension };
}
