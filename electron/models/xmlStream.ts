import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export interface XmlHandlers {
  open(tag: SaxesTagPlain): void;
  close(name: string): void;
  text(t: string): void;
}

/**
 * Feeds a stream through saxes (a real XML parser: either quote, entities, any whitespace);
 * element and attribute names without their namespace prefix, since writers choose prefixes
 * freely (`r:id`, `x:sheet`).
 */
export async function parseXml(stream: Readable, h: XmlHandlers): Promise<void> {
  const parser = new SaxesParser();
  parser.on('opentag', (t) =>
    h.open({ ...t, name: local(t.name), attributes: Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [local(k), v])) }),
  );
  parser.on('closetag', (t) => h.close(local(t.name)));
  parser.on('text', h.text);
  parser.on('cdata', h.text);
  const utf8 = new StringDecoder('utf8'); // a chunk may end inside a character
  for await (const chunk of stream) parser.write(utf8.write(chunk as Buffer));
  parser.write(utf8.end());
  parser.close();
}

const local = (n: string) => n.slice(n.indexOf(':') + 1);

/** An element of a small XML part: its local name, attributes (entities decoded) and the names of its ancestors. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  parents: string[];
}

/** Every element of a (small) XML part, in document order. */
export async function xmlElements(stream: Readable): Promise<XmlElement[]> {
  const out: XmlElement[] = [];
  const parents: string[] = [];
  await parseXml(stream, {
    open(tag) {
      out.push({ name: tag.name, attributes: tag.attributes, parents: parents.slice() });
      parents.push(tag.name);
    },
    close() {
      parents.pop();
    },
    text() {},
  });
  return out;
}
