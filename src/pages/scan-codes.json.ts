import { codeTableJsonText } from '../codes/code-table.ts';
import { getCodeTable } from '../codes/site-codes.ts';

/**
 * The scan codes this build prints (name, kind, tagged target). The production server loads it
 * from dist/ to answer `/q/<name>` with a counted redirect; `npm run codes -- list` prints it.
 */
export async function GET() {
  return new Response(codeTableJsonText(await getCodeTable()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
