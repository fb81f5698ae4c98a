/** Whether a request path (with its query) belongs to the moderation page: the Node server sends these to the API app. */
export function isAdminPath(url: string | undefined): boolean {
  return url !== undefined && (url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?'));
}
