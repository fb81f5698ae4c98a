/**
 * The baseline of `npm run bench:comments`: the least a comment endpoint can do on this stack,
 * a bare node:http handler on node:sqlite with the same pragmas, query and JSON shape, and no
 * validation, spam rules or framework. PORT and DB from the environment.
 */
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const db = new DatabaseSync(process.env['DB'] ?? ':memory:');
db.exec(
  `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${process.env['SYNCHRONOUS'] === 'FULL' ? 'FULL' : 'NORMAL'};`,
);
db.exec(`CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY AUTOINCREMENT, thread TEXT NOT NULL, parent_id INTEGER, locale TEXT NOT NULL,
  author_name TEXT NOT NULL, author_email TEXT NOT NULL, author_url TEXT, body TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS comments_thread ON comments (thread, status, parent_id, created_at, id);`);
const list = db.prepare(`SELECT id, parent_id, locale, author_name, author_url, body, created_at FROM comments
  WHERE thread = ? AND status = 'approved' AND parent_id IS NULL ORDER BY created_at, id LIMIT 50`);
const insert = db.prepare(
  `INSERT INTO comments (thread, locale, author_name, author_email, author_url, body, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
);

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET' && url.pathname === '/api/comments') {
    const rows = list.all(url.searchParams.get('thread') ?? '') as Record<string, unknown>[];
    const body = JSON.stringify({
      total: rows.length,
      comments: rows.map((r) => ({
        id: r['id'],
        parentId: r['parent_id'],
        name: r['author_name'],
        url: r['author_url'],
        locale: r['locale'],
        createdAt: new Date(Number(r['created_at'])).toISOString(),
        text: r['body'],
      })),
    });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(body);
    return;
  }
  if (req.method === 'POST' && url.pathname === '/api/comments') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const c = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
      const result = insert.run(
        c['thread'] ?? '',
        c['locale'] ?? 'en',
        c['name'] ?? '',
        c['email'] ?? '',
        c['url'] || null,
        c['body'] ?? '',
        Date.now(),
      );
      res
        .writeHead(201, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ status: 'pending', id: Number(result.lastInsertRowid) }));
    });
    return;
  }
  res.writeHead(404).end();
}).listen(Number(process.env['PORT']), '127.0.0.1', () => console.log('bare server ready'));
