/** The comment API: its routed parts live in src/server/api/ (joined in src/server/api/index.ts). */
export { createCommentsApp, viewUrl, type CommentsAppOptions } from './api/index.ts';
