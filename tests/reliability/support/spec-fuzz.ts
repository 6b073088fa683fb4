import { createSpecAjv, SPEC_ID } from '@herald/api';
import type { OpenApiDocument } from '@herald/openapi';
import randexp from 'randexp';

type Schema = Record<string, unknown>;

/** One operation of the spec, ready to be fuzzed. */
export type FuzzOperation = {
  method: string;
  path: string;
  operationId: string;
  credentials: string[];
  declaredStatuses: Set<number>;
  pathParams: Array<{ name: string; pointer: string; schema: Schema }>;
  queryParams: Array<{ name: string; required: boolean; pointer: string; schema: Schema }>;
  headerParams: Array<{ name: string; required: boolean; schema: Schema }>;
  body?: { mediaType: string; pointer: string; schema: Schema; required: boolean };
};

/** A request to send: path with its parameters filled in, query string, raw body, and whether the spec accepts it. */
export type FuzzRequest = {
  variant: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: { mediaType: string; raw: string };
  /** The spec's own validator says the request is invalid: the API must answer 4xx and write nothing. */
  invalid: boolean;
};

// randexp is CommonJS whose `module.exports` is the class itself; its types declare a default.
const RandExp = randexp as unknown as typeof randexp.default;

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** Strings that have broken parsers, databases and terminals before. */
export const HOSTILE_STRINGS: Record<string, string> = {
  nul: 'a\u0000b',
  loneSurrogate: 'x\ud800y',
  rtlOverride: '\u202egnp.exe',
  zeroWidthAndBom: '\ufeff\u200b\u200d',
  emojiZwj: '👩‍👩‍👧‍👦 e\u0301',
  crlf: 'a\r\nBcc: victim@example.com',
  html: '<script>alert(1)</script><img src=x onerror=alert(1)>',
  sqlish: "' OR 1=1; DROP TABLE messages; --",
  pathTraversal: '../../../etc/passwd',
};

/** Percent-encoded text that decodes to no text: every URL carrying one is refused with 400. */
export const MALFORMED_ESCAPES: Record<string, string> = {
  'cut escape': '%E0%A4%A',
  'bare percent': '%',
  'not UTF-8': '%FF%FE',
  NUL: 'a%00b',
};

export class SpecFuzzer {
  private readonly ajv;
  private readonly paramAjv;

  constructor(private readonly spec: OpenApiDocument) {
    this.ajv = createSpecAjv(spec);
    this.paramAjv = createSpecAjv(spec, { coerceTypes: true });
  }

  operations(): FuzzOperation[] {
    const defaults = ((this.spec as { security?: Schema[] }).security ?? []).flatMap((r) =>
      Object.keys(r),
    );
    const result: FuzzOperation[] = [];
    for (const [path, item] of Object.entries(this.spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op?.operationId) continue;
        const pointer = `#/paths/${escapePointer(path)}/${method}`;
        const params = (op.parameters ?? []).map((p, i) => {
          const ref = (p as { $ref?: string }).$ref;
          const resolved = (ref ? this.resolve(ref) : p) as {
            name: string;
            in: string;
            required?: boolean;
            schema: Schema;
          };
          const at = ref ?? `${pointer}/parameters/${i}`;
          return { ...resolved, pointer: `${at}/schema` };
        });
        const content = op.requestBody?.content ?? {};
        const mediaType = Object.keys(content)[0];
        result.push({
          method,
          path,
          operationId: op.operationId,
          credentials: (op.security ? op.security : defaults.map((d) => ({ [d]: [] }))).flatMap(
            (r) => Object.keys(r as Schema),
          ),
          declaredStatuses: new Set(Object.keys(op.responses).map(Number)),
          pathParams: params.filter((p) => p.in === 'path'),
          queryParams: params
            .filter((p) => p.in === 'query')
            .map((p) => ({ ...p, required: Boolean(p.required) })),
          headerParams: params
            .filter((p) => p.in === 'header')
            .map((p) => ({ ...p, required: Boolean(p.required) })),
          body: mediaType
            ? {
                mediaType,
                pointer: `${pointer}/requestBody/content/${escapePointer(mediaType)}/schema`,
                schema: content[mediaType]!.schema as Schema,
                required: Boolean(op.requestBody?.required),
              }
            : undefined,
        });
      }
    }
    return result;
  }

  /** The valid request and every hostile variant of it, each classified by the spec. */
  requests(op: FuzzOperation, fixed: Record<string, string> = {}): FuzzRequest[] {
    const pathValues = Object.fromEntries(
      op.pathParams.map((p) => [p.name, fixed[p.name] ?? String(this.sample(p.schema))]),
    );
    const queryValues = Object.fromEntries(
      op.queryParams.filter((p) => p.required).map((p) => [p.name, String(this.sample(p.schema))]),
    );
    const headers = Object.fromEntries(
      op.headerParams.filter((p) => p.required).map((p) => [p.name, String(this.sample(p.schema))]),
    );
    const base = op.body ? this.sample(op.body.schema) : undefined;
    const requests: FuzzRequest[] = [];
    const make = (
      variant: string,
      changes: {
        path?: Record<string, string>;
        /** Path parameters put in the URL as they are, not percent-encoded (malformed escapes). */
        rawPath?: Record<string, string>;
        query?: Record<string, string | string[]>;
        /** Appended to the query string as it is. */
        rawQuery?: string;
        raw?: string | null;
        headers?: Record<string, string>;
        invalid?: boolean;
      },
    ) => {
      const pathParams = { ...pathValues, ...changes.path };
      const query = { ...queryValues, ...changes.query };
      const encoded = queryString(query);
      const raw =
        changes.raw === null
          ? undefined
          : (changes.raw ?? (base === undefined ? undefined : this.encode(op, base)));
      const invalid =
        changes.invalid ??
        (!this.paramsValid(op, pathParams, query) ||
          (op.body !== undefined && !this.bodyValid(op, raw)));
      requests.push({
        variant,
        path: op.path.replace(
          /\{([^}]+)\}/g,
          (_, name: string) => changes.rawPath?.[name] ?? encodeURIComponent(pathParams[name]!),
        ),
        query: changes.rawQuery ? `${encoded ? `${encoded}&` : '?'}${changes.rawQuery}` : encoded,
        headers: { ...headers, ...changes.headers },
        body: raw === undefined ? undefined : { mediaType: op.body!.mediaType, raw },
        invalid,
      });
    };

    make('valid', {});
    for (const p of op.pathParams) {
      make(`path ${p.name} malformed`, { path: { [p.name]: 'not-an-id' } });
      make(`path ${p.name} huge`, { path: { [p.name]: 'a'.repeat(8000) } });
      make(`path ${p.name} unicode`, { path: { [p.name]: HOSTILE_STRINGS.emojiZwj! } });
      make(`path ${p.name} traversal`, { path: { [p.name]: HOSTILE_STRINGS.pathTraversal! } });
      // Text that does not decode: a cut escape, bytes that are not UTF-8, a NUL.
      for (const [label, text] of Object.entries(MALFORMED_ESCAPES))
        make(`path ${p.name} ${label}`, { rawPath: { [p.name]: text }, invalid: true });
    }
    make('unknown query parameter', { query: { __proto__x: '1' }, invalid: true });
    for (const [label, text] of Object.entries(MALFORMED_ESCAPES))
      make(`query string ${label}`, { rawQuery: `x=${text}`, invalid: true });
    for (const p of op.queryParams) {
      make(`query ${p.name} huge`, { query: { [p.name]: 'z'.repeat(8000) } });
      make(`query ${p.name} repeated`, { query: { [p.name]: ['1', '2'] } });
      make(`query ${p.name} hostile`, { query: { [p.name]: HOSTILE_STRINGS.sqlish! } });
      make(`query ${p.name} NUL`, {
        rawQuery: `${encodeURIComponent(p.name)}=a%00b`,
        invalid: true,
      });
      if (p.required) make(`query ${p.name} missing`, { query: { [p.name]: [] } });
    }
    if (op.body && op.body.mediaType === 'application/json') this.jsonVariants(op, base, make);
    if (op.body && op.body.mediaType !== 'application/json') this.formVariants(op, base, make);
    return requests;
  }

  private jsonVariants(
    op: FuzzOperation,
    base: unknown,
    make: (variant: string, changes: { raw?: string | null; invalid?: boolean }) => void,
  ) {
    const object = (base ?? {}) as Schema;
    const with_ = (key: string, value: unknown) => JSON.stringify({ ...object, [key]: value });
    // Deep values are written as text: JSON.stringify itself overflows the stack on them.
    const withRaw = (key: string, json: string) =>
      JSON.stringify({ ...object, [key]: '\u0000raw' }).replace('"\\u0000raw"', json);
    for (const raw of ['[]', '"text"', '42', 'null', 'true']) make(`body ${raw}`, { raw });
    make('body not JSON', { raw: '{"unterminated": ', invalid: true });
    this.encodingVariants(op, make);
    make('body empty object', { raw: '{}' });
    // JSON.parse makes "__proto__" an own key: the API must refuse it, not merge it.
    make('body __proto__ key', {
      raw: `{"__proto__":{"polluted":"yes"},${JSON.stringify(object).slice(1)}`.replace(',}', '}'),
    });
    make('body constructor.prototype key', {
      raw: with_('constructor', { prototype: { polluted: 'yes' } }),
    });
    make('body deep nesting', { raw: withRaw('deep', deepJson(5000)) });
    for (const [name, schema] of Object.entries(this.properties(op.body!.schema))) {
      const value = object[name];
      const required = this.requiredOf(op.body!.schema).has(name);
      if (required) {
        const { [name]: _, ...rest } = object;
        make(`${name} missing`, { raw: JSON.stringify(rest) });
      }
      for (const [kind, wrong] of wrongTypes(value ?? this.sample(schema)))
        make(`${name} ${kind}`, { raw: with_(name, wrong) });
      make(`${name} huge string`, { raw: with_(name, 'h'.repeat(300_000)) });
      make(`${name} deep`, { raw: withRaw(name, deepJson(5000)) });
      for (const [label, text] of Object.entries(HOSTILE_STRINGS))
        make(`${name} ${label}`, { raw: with_(name, text) });
    }
  }

  private formVariants(
    op: FuzzOperation,
    base: unknown,
    make: (variant: string, changes: { raw?: string | null; invalid?: boolean }) => void,
  ) {
    const object = Object.fromEntries(
      Object.entries((base ?? {}) as Schema).map(([k, v]) => [k, String(v)]),
    );
    const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
    make('form empty', { raw: '' });
    this.encodingVariants(op, make);
    make('form bad escape', { raw: `${form(object)}&x=%E0%A4%A`, invalid: true });
    make('form __proto__ key', { raw: `__proto__%5Bpolluted%5D=yes&${form(object)}` });
    for (const name of Object.keys(this.properties(op.body!.schema))) {
      make(`${name} huge`, { raw: form({ ...object, [name]: 'h'.repeat(300_000) }) });
      for (const [label, text] of Object.entries(HOSTILE_STRINGS))
        make(`${name} ${label}`, { raw: form({ ...object, [name]: text }) });
    }
  }

  /** A body that does not decode as its headers say: every one is refused, 4xx. */
  private encodingVariants(
    op: FuzzOperation,
    make: (
      variant: string,
      changes: { headers?: Record<string, string>; invalid?: boolean },
    ) => void,
  ) {
    make('body in a foreign charset', {
      headers: { 'Content-Type': `${op.body!.mediaType}; charset=latin1` },
      invalid: true,
    });
    for (const encoding of ['gzip', 'deflate', 'br'])
      make(`body says ${encoding} but is not`, {
        headers: { 'Content-Encoding': encoding },
        invalid: true,
      });
    make('body in an unknown Content-Encoding', {
      headers: { 'Content-Encoding': 'compress' },
      invalid: true,
    });
  }

  /** An instance of the schema: the first branch, the smallest value every rule allows. */
  sample(schema: Schema, depth = 0): unknown {
    if (depth > 12) return null;
    if (schema.$ref) return this.sample(this.resolve(schema.$ref as string) as Schema, depth + 1);
    if ('const' in schema) return schema.const;
    if (Array.isArray(schema.enum)) return schema.enum[0];
    if ('default' in schema && schema.default !== null) return schema.default;
    for (const key of ['oneOf', 'anyOf'] as const)
      if (Array.isArray(schema[key])) return this.sample((schema[key] as Schema[])[0]!, depth + 1);
    if (Array.isArray(schema.allOf))
      return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => this.sample(s, depth + 1)));
    const type = Array.isArray(schema.type)
      ? (schema.type as string[]).find((t) => t !== 'null')
      : (schema.type as string | undefined);
    switch (type ?? (schema.properties ? 'object' : 'string')) {
      case 'object': {
        const out: Schema = {};
        for (const name of this.requiredOf(schema))
          out[name] = this.sample(this.properties(schema)[name] ?? {}, depth + 1);
        return out;
      }
      case 'array':
        return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () =>
          this.sample((schema.items as Schema) ?? {}, depth + 1),
        );
      case 'integer':
      case 'number':
        return Math.max(Number(schema.minimum ?? 1), Number(schema.exclusiveMinimum ?? 0) + 1);
      case 'boolean':
        return true;
      default:
        return sampleString(schema);
    }
  }

  properties(schema: Schema): Record<string, Schema> {
    const resolved = (schema.$ref ? this.resolve(schema.$ref as string) : schema) as Schema;
    const branches = [
      resolved,
      ...((resolved.oneOf ?? resolved.anyOf ?? resolved.allOf ?? []) as Schema[]),
    ];
    return Object.assign(
      {},
      ...branches.map((b) => {
        const r = (b.$ref ? this.resolve(b.$ref as string) : b) as Schema;
        return (r.properties ?? {}) as Record<string, Schema>;
      }),
    );
  }

  private requiredOf(schema: Schema): Set<string> {
    const resolved = (schema.$ref ? this.resolve(schema.$ref as string) : schema) as Schema;
    const first = ((resolved.oneOf ?? resolved.anyOf) as Schema[] | undefined)?.[0];
    const branch = first
      ? ((first.$ref ? this.resolve(first.$ref as string) : first) as Schema)
      : undefined;
    return new Set([
      ...((resolved.required ?? []) as string[]),
      ...((branch?.required ?? []) as string[]),
    ]);
  }

  private resolve(ref: string): unknown {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (node as Schema)[key], this.spec);
  }

  private encode(op: FuzzOperation, value: unknown): string {
    if (op.body?.mediaType === 'application/json') return JSON.stringify(value);
    return new URLSearchParams(
      Object.entries((value ?? {}) as Schema).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
  }

  private bodyValid(op: FuzzOperation, raw: string | undefined): boolean {
    if (raw === undefined || raw === '') return !op.body!.required;
    let value: unknown;
    if (op.body!.mediaType === 'application/json') {
      try {
        value = JSON.parse(raw);
      } catch {
        return false;
      }
    } else {
      value = Object.fromEntries(new URLSearchParams(raw));
    }
    if (breaksTextRules(value)) return false;
    const validate = this.ajv.getSchema(`${SPEC_ID}${op.body!.pointer}`);
    // The validator applies defaults in place: it gets the parsed value of its own.
    return Boolean(validate?.(value));
  }

  private paramsValid(
    op: FuzzOperation,
    path: Record<string, string>,
    query: Record<string, string | string[]>,
  ): boolean {
    // Through a holder object, as the API does: coercion needs a parent to write into.
    const check = (pointer: string, value: unknown) => {
      const key = `holder-${Buffer.from(pointer).toString('hex')}`;
      if (!this.paramAjv.getSchema(key))
        this.paramAjv.addSchema(
          { type: 'object', properties: { value: { $ref: `${SPEC_ID}${pointer}` } } },
          key,
        );
      const validate = this.paramAjv.getSchema(key)!;
      return validate({ value });
    };
    for (const p of op.pathParams) if (!check(p.pointer, path[p.name])) return false;
    for (const p of op.queryParams) {
      const value = query[p.name];
      if (Array.isArray(value)) {
        if (value.length === 0 && !p.required) continue;
        return false;
      }
      if (value === undefined) {
        if (p.required) return false;
        continue;
      }
      if (!check(p.pointer, value)) return false;
    }
    return true;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Herald's rules for text, which no schema says: no NUL, no unpaired surrogate. */
function breaksTextRules(root: unknown): boolean {
  const pending = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000') || LONE_SURROGATE.test(value)) return true;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) pending.push(key, item);
    }
  }
  return false;
}

function sampleString(schema: Schema): string {
  const format = schema.format as string | undefined;
  if (format === 'email') return 'fuzz@example.com';
  if (format === 'uri' || format === 'url') return 'https://hooks.example/fuzz';
  if (format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
  if (format === 'date') return '2026-01-01';
  if (typeof schema.pattern === 'string') {
    const generator = new RandExp(schema.pattern as string);
    generator.max = 4;
    return generator.gen();
  }
  return 'f'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
}

function wrongTypes(value: unknown): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [['null', null]];
  if (typeof value === 'number') out.push(['number as string', String(value)]);
  else out.push(['as number', 12345]);
  if (typeof value === 'boolean') out.push(['boolean as string', String(value)]);
  if (Array.isArray(value)) out.push(['object for array', { 0: value[0] }]);
  else out.push(['as array', [value]]);
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    out.push(['string for object', 'x']);
  else out.push(['as object', { value }]);
  return out;
}

function deepJson(depth: number): string {
  return `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;
}

function queryString(query: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}
