/**
 * Fills `{{name}}` placeholders of a UI string template with values, for strings completed in the
 * browser (the comment script, the search page). Values go in through a function replacer, so text
 * a reader typed is inserted as it is: `String.replace` with a string would read `$&`, `` $` ``,
 * `$'` and `$$` in it as replacement patterns. Placeholders without a value stay as they are.
 */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
