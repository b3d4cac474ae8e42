/**
 * The slice of Thrift's compact protocol that Parquet metadata needs: structs of i32, i64,
 * binary, lists and nested structs. A struct is written from fields in id order:
 * `[id, value]`, where value says its own type (see the constructors below).
 */
export type ThriftValue =
  | { t: 'i32'; v: number }
  | { t: 'i64'; v: number }
  | { t: 'bin'; v: string | Uint8Array }
  | { t: 'struct'; v: ThriftField[] }
  | { t: 'list'; elem: 'i32' | 'bin' | 'struct'; v: ThriftValue[] };

export type ThriftField = [id: number, value: ThriftValue | undefined];

export const i32 = (v: number): ThriftValue => ({ t: 'i32', v });
export const i64 = (v: number): ThriftValue => ({ t: 'i64', v });
export const bin = (v: string | Uint8Array): ThriftValue => ({ t: 'bin', v });
export const struct = (...v: ThriftField[]): ThriftValue => ({ t: 'struct', v });
export const list = (elem: 'i32' | 'bin' | 'struct', v: ThriftValue[]): ThriftValue => ({ t: 'list', elem, v });

const TYPE = { i32: 5, i64: 6, bin: 8, list: 9, struct: 12 } as const;

export function encodeStruct(fields: ThriftField[]): Buffer {
  const out: number[] = [];
  writeStruct(out, fields);
  return Buffer.from(out);
}

function writeStruct(out: number[], fields: ThriftField[]): void {
  let last = 0;
  for (const [id, value] of fields) {
    if (value === undefined) continue;
    const type = TYPE[value.t];
    const delta = id - last;
    if (delta > 0 && delta <= 15) out.push((delta << 4) | type);
    else {
      out.push(type);
      varint(out, zigzag(id));
    }
    last = id;
    writeValue(out, value);
  }
  out.push(0);
}

function writeValue(out: number[], value: ThriftValue): void {
  switch (value.t) {
    case 'i32':
    case 'i64':
      return varint(out, zigzag(value.v));
    case 'bin': {
      const bytes = typeof value.v === 'string' ? Buffer.from(value.v, 'utf8') : value.v;
      varint(out, bytes.length);
      for (const b of bytes) out.push(b);
      return;
    }
    case 'struct':
      return writeStruct(out, value.v);
    case 'list': {
      const n = value.v.length;
      if (n < 15) out.push((n << 4) | TYPE[value.elem]);
      else {
        out.push(0xf0 | TYPE[value.elem]);
        varint(out, n);
      }
      for (const item of value.v) writeValue(out, item);
    }
  }
}

/** Zigzag for integers up to 2^52 (JS numbers): sign-folded, as Thrift's varints expect. */
function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function varint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}
