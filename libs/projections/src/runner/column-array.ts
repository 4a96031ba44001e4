/**
 * One read-model column's values for a batch, as the one array parameter table-sql.ts sends for
 * it. Where the column's type allows, in PostgreSQL's binary array format (pg sends a Buffer
 * parameter as binary): nothing to quote or escape on this side, and on the server each element is
 * copied rather than parsed (a uuid from 16 bytes, a timestamp from 8, text as is), where the text
 * literal had both sides spend most of a replay's work quoting, escaping and parsing
 * (docs/adr/0020-read-model-rows-in-binary-arrays.md). Otherwise, or when a value does not fit
 * its type's binary form (a string in a timestamp column, say), PostgreSQL's text literal of the
 * array, which it parses as before.
 */

/** A column as the statement declares its parameter: `$n::<type>[]`. */
export interface ArrayColumn {
  /** The SQL type of the parameter's elements (`uuid`, `jsonb`, …; `text` for a column of arrays). */
  type: string;
  /** The column holds arrays: each value travels as its own text literal, cast by the statement. */
  arrays: boolean;
}

/** Writes one non-null element at the writer's end; false when the value has no binary form here. */
type ElementWriter = (out: Writer, value: unknown) => boolean;

interface BinaryType {
  oid: number;
  write: ElementWriter;
}

/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const TWO_TO_32 = 4_294_967_296;

const writeText: ElementWriter = (out, value) => typeof value === 'string' && out.text(value);

/** The element types sent in binary, by SQL type (OIDs from PostgreSQL's pg_type.dat). */
const BINARY: Record<string, BinaryType> = {
  uuid: { oid: 2950, write: (out, value) => typeof value === 'string' && out.uuid(value) },
  text: { oid: 25, write: writeText },
  'character varying': { oid: 1043, write: writeText },
  jsonb: { oid: 3802, write: (out, value) => out.jsonb(JSON.stringify(value)) },
  boolean: { oid: 16, write: (out, value) => typeof value === 'boolean' && out.bool(value) },
  integer: {
    oid: 23,
    write: (out, value) => typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1 && out.int32(value),
  },
  bigint: { oid: 20, write: (out, value) => out.int64(value) },
  'timestamp with time zone': {
    oid: 1184,
    write: (out, value) => value instanceof Date && out.timestamp(value.getTime()),
  },
};

/** A column of arrays: each value's own literal as one text element, cast by the statement. */
const ARRAY_LITERALS: BinaryType = {
  oid: 25,
  write: (out, value) => out.text(Array.isArray(value) ? innerLiteral(value) : JSON.stringify(value)),
};

/** The parameter for `values` (transformers applied, nulls as null or undefined). */
export function columnArray(column: ArrayColumn, values: readonly unknown[]): Buffer | string {
  const binary = column.arrays ? ARRAY_LITERALS : BINARY[column.type];
  return (binary && binaryArray(binary, values)) ?? textArray(column, values);
}

/** array_send's layout: dimensions, null flag, element type, length and lower bound, then each element length-prefixed (-1: null). */
function binaryArray(type: BinaryType, values: readonly unknown[]): Buffer | null {
  const out = new Writer(64 + values.length * 24);
  const header = out.reserve(20);
  let nulls = 0;
  for (const value of values) {
    if (isNull(value)) {
      nulls = 1;
      out.nullElement();
    } else if (!type.write(out, value)) return null;
  }
  const buffer = out.done();
  buffer.writeInt32BE(1, header);
  buffer.writeInt32BE(nulls, header + 4);
  buffer.writeInt32BE(type.oid, header + 8);
  buffer.writeInt32BE(values.length, header + 12);
  buffer.writeInt32BE(1, header + 16);
  return buffer;
}

const isNull = (value: unknown) => value === null || value === undefined || (value instanceof Date && Number.isNaN(value.getTime()));

/** A growing buffer of length-prefixed elements. */
class Writer {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** Makes room for `bytes` more and counts them as written; returns where they start. */
  reserve(bytes: number): number {
    this.room(bytes);
    const at = this.length;
    this.length += bytes;
    return at;
  }

  nullElement(): void {
    this.buffer.writeInt32BE(-1, this.reserve(4));
  }

  bool(value: boolean): true {
    const at = this.reserve(5);
    this.buffer.writeInt32BE(1, at);
    this.buffer[at + 4] = value ? 1 : 0;
    return true;
  }

  int32(value: number): true {
    const at = this.reserve(8);
    this.buffer.writeInt32BE(4, at);
    this.buffer.writeInt32BE(value, at + 4);
    return true;
  }

  text(value: string, prefix?: number): true {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; the length is known once written.
    const extra = prefix === undefined ? 0 : 1;
    this.room(4 + extra + value.length * 3);
    if (prefix !== undefined) this.buffer.writeUInt8(prefix, this.length + 4);
    const written = writeUtf8(this.buffer, value, this.length + 4 + extra);
    this.buffer.writeInt32BE(extra + written, this.length);
    this.length += 4 + extra + written;
    return true;
  }

  /** jsonb's binary form: a version byte (1), then the JSON text. */
  jsonb(json: string | undefined): boolean {
    return json !== undefined && this.text(json, 1);
  }

  /** 16 bytes from 32 hexadecimal digits, hyphens between them ignored (uuid_in's usual forms). */
  uuid(value: string): boolean {
    this.room(20);
    const start = this.length + 4;
    let at = start;
    let high = -1;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code === 45 /* - */) continue;
      const digit = hexDigit(code);
      if (digit < 0 || at === start + 16) return false;
      if (high < 0) high = digit;
      else {
        this.buffer[at++] = high * 16 + digit;
        high = -1;
      }
    }
    if (at !== start + 16 || high >= 0) return false;
    this.buffer.writeInt32BE(16, this.length);
    this.length += 20;
    return true;
  }

  /** int8, from a safe integer, a string of digits (as the position columns' transformer gives) or a bigint. */
  int64(value: unknown): boolean {
    if (typeof value === 'number') return Number.isSafeInteger(value) && this.int64Exact(value);
    if (typeof value === 'string') {
      if (!/^-?\d{1,19}$/.test(value)) return false;
      // Up to 15 digits a string is a safe integer: no bigint to allocate.
      return value.length <= 15 ? this.int64Exact(Number(value)) : this.int64(BigInt(value));
    }
    if (typeof value !== 'bigint' || value > 9_223_372_036_854_775_807n || value < -9_223_372_036_854_775_808n) return false;
    const at = this.reserve(12);
    this.buffer.writeInt32BE(8, at);
    this.buffer.writeBigInt64BE(value, at + 4);
    return true;
  }

  /** timestamptz: microseconds since PostgreSQL's epoch (exact: far inside 2^53). */
  timestamp(unixMs: number): true {
    return this.int64Exact((unixMs - POSTGRES_EPOCH_MS) * 1000);
  }

  /** A safe integer as int8: its high and low 32 bits. */
  private int64Exact(value: number): true {
    const high = Math.floor(value / TWO_TO_32);
    const at = this.reserve(12);
    this.buffer.writeInt32BE(8, at);
    this.buffer.writeInt32BE(high, at + 4);
    this.buffer.writeUInt32BE(value - high * TWO_TO_32, at + 8);
    return true;
  }

  done(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

/**
 * `value` as UTF-8 at `at`, room already made; returns the bytes written. Short ASCII text (most of
 * a read model's: keys, codes, organisation ids) byte by byte, three times faster than a call into
 * Buffer.write at that size; anything else through it.
 */
function writeUtf8(buffer: Buffer, value: string, at: number): number {
  if (value.length > SHORT_TEXT) return buffer.write(value, at, 'utf8');
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x80) return buffer.write(value, at, 'utf8');
    buffer[at + i] = code;
  }
  return value.length;
}

const SHORT_TEXT = 64;

/** The value of each hexadecimal digit's character code, -1 for any other below 128. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX[i.toString(16).charCodeAt(0)] = HEX[i.toString(16).toUpperCase().charCodeAt(0)] = i;

const hexDigit = (code: number): number => (code < 128 ? (HEX[code] ?? -1) : -1);

/**
 * PostgreSQL's text literal of a one-dimensional array, built in one join (pg builds it by
 * concatenating escaped elements one at a time): text quoted, `"` and `\` escaped; numbers and
 * booleans bare. Never for a column of arrays, whose binary form takes any value.
 */
function textArray(column: ArrayColumn, values: readonly unknown[]): string {
  const elements = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) elements[i] = textElement(column, values[i]);
  return `{${elements.join(',')}}`;
}

function textElement(column: ArrayColumn, value: unknown): string {
  if (isNull(value)) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return quoted(value.toISOString());
  if (column.type === 'jsonb') return quoted(JSON.stringify(value));
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return quoted(JSON.stringify(value));
}

/** The literal of one value of a column of arrays: every element quoted. */
function innerLiteral(values: readonly unknown[]): string {
  const elements = values.map((value) =>
    value === null || value === undefined ? 'NULL' : quoted(typeof value === 'string' ? value : JSON.stringify(value)),
  );
  return `{${elements.join(',')}}`;
}

const NEEDS_ESCAPE = /["\\]/;
const quoted = (text: string) => (NEEDS_ESCAPE.test(text) ? `"${text.replace(/["\\]/g, '\\$&')}"` : `"${text}"`);
