/**
 * A tiny element tree for markup that both the server and the browser render: a definition such
 * as `commentItem` (presentation.ts) returns a tree once, `toHtml` writes it as escaped HTML
 * (build, server) and `toDom` builds it with DOM calls and text nodes (browser, never innerHTML).
 * Text is always text: no renderer ever reads a string as markup.
 */

/** An element: its tag, attributes (false or undefined: left out; true: present without value) and children. */
export interface MarkupElement {
  tag: string;
  attrs: Readonly<Record<string, string | number | boolean | undefined>>;
  children: readonly MarkupNode[];
}

/** Text, or an element. */
export type MarkupNode = string | MarkupElement;

/** What may stand as a child: nodes, lists of them, and nothing (false, null, undefined, ''), which is left out. */
export type MarkupChild = MarkupNode | readonly MarkupChild[] | false | null | undefined;

/** Children as one flat list of nodes, the nothings left out. */
export function fragment(...children: MarkupChild[]): MarkupNode[] {
  const flat: MarkupNode[] = [];
  for (const child of children) {
    if (child === false || child === null || child === undefined || child === '') continue;
    if (Array.isArray(child)) flat.push(...fragment(...(child as MarkupChild[])));
    else flat.push(child as MarkupNode);
  }
  return flat;
}

/** An element of the tree. */
export function h(tag: string, attrs: MarkupElement['attrs'] = {}, ...children: MarkupChild[]): MarkupElement {
  return { tag, attrs, children: fragment(...children) };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const VOID = new Set(['br', 'input', 'img', 'meta', 'link', 'hr']);

/** The tree as HTML: text and attribute values escaped, attribute names and tags as the definition wrote them. */
export function toHtml(node: MarkupNode | readonly MarkupNode[]): string {
  if (Array.isArray(node)) return (node as MarkupNode[]).map(toHtml).join('');
  if (typeof node === 'string') return escapeHtml(node);
  const element = node as MarkupElement;
  let out = `<${element.tag}`;
  for (const [name, value] of Object.entries(element.attrs)) {
    if (value === undefined || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  out += '>';
  if (VOID.has(element.tag)) return out;
  // A textarea's first line break is dropped by the HTML parser: one more keeps a value that starts with one.
  if (element.tag === 'textarea') out += '\n';
  return `${out}${element.children.map(toHtml).join('')}</${element.tag}>`;
}

/** The tree as DOM nodes of `doc`: attributes set with setAttribute, text as text nodes. */
export function toDom(node: MarkupNode, doc: Document = document): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const element = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of node.children) element.append(toDom(child, doc));
  return element;
}
