import fc, { Arbitrary } from 'fast-check';
import { gzipSync } from 'node:zlib';
import { Operation, Parameter, Schema } from './openapi-operations';

/**
 * fast-check arbitraries of HTTP requests generated from the app's OpenAPI operations: mostly
 * well-formed requests (so the handlers run, against real ids), mixed with the hostile inputs an
 * attacker sends — wrong types, null, missing, unknown and `__proto__` fields, boundary and huge
 * numbers, long and odd strings (NUL, RTL override, emoji), ids in non-canonical forms, malformed
 * and deeply nested JSON, wrong content types and encodings, oversized bodies, auth variants.
 */

/** Values that exist in the fuzzer's world, so generated requests reach real rows. */
export interface World {
  /** Ids of shows, movies, theaters, screens, seats (any numeric id a path or body may name). */
  ids: number[];
  holdIds: string[];
  codes: string[];
  emails: string[];
  names: string[];
  jobIds: string[];
  secrets: string[];
  adminToken: string;
}

/** One generated request, as sent on the wire. */
export interface FuzzRequest {
  /** `METHOD /path/template` of the operation. */
  operation: string;
  method: string;
  /** Path with parameters substituted (percent-encoded) and the query string. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the generator did to the request (for reading a failure). */
  notes: string[];
}

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202eevil\u202c',
  '\u200b',
  '😀🎬🍿',
  '😀'.repeat(200),
  'x'.repeat(5_000),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '%00',
  '../../etc/passwd',
  '\\',
  '"',
  '\r\n',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e3',
  '+1',
  '0x10',
  ' 1',
  '07',
  '1.5',
  '2147483648',
  '99999999999999999999',
  '2030-02-30',
  '9999-12-31',
  '0000-01-01',
  '2030-06-03T25:00:00Z',
  '__proto__',
  'constructor',
  'Ada Lovelace',
];

const HUGE_NUMBERS = [
  0,
  -1,
  -0,
  0.5,
  1e-7,
  2_147_483_647,
  2_147_483_648,
  4_294_967_296,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  1e308,
  -1e308,
];

/** Any string, biased to the odd ones. */
const oddString: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** JSON nested `depth` levels deep: `{"a":{"a":…1…}}` or `[[…]]`. */
function nestedJson(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object' ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);
}

/** A value of the wrong shape for almost any field. */
export const hostileValue: Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...HUGE_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  oddString,
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.constantFrom(8, 20).map((depth) => JSON.parse(nestedJson(depth, 'object')) as unknown),
);

/** `id` written the ways a canonical decimal parser must refuse. */
function nonCanonical(id: number): string[] {
  return [
    `+${id}`,
    `0${id}`,
    `${id}e0`,
    `0x${id.toString(16)}`,
    ` ${id}`,
    `${id} `,
    `${id}.0`,
    `-${id}`,
    `${id}\u0000`,
  ];
}

function isNumeric(schema: Schema): boolean {
  return schema.type === 'number' || schema.type === 'integer';
}

/** Well-formed values for a field, aware of what its name means in Marquee. */
function validValue(schema: Schema, name: string, world: World, depth = 0): Arbitrary<unknown> {
  const lower = name.toLowerCase();
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (isNumeric(schema) || (schema.allOf && (schema.minimum !== undefined || schema.maximum !== undefined))) {
    const min = schema.minimum ?? (lower.endsWith('id') ? 1 : 0);
    const max = schema.maximum ?? (lower.endsWith('id') ? 2_147_483_647 : 1_000_000);
    const bounded = fc.integer({ min, max: Math.min(max, min + 1_000) });
    return lower.endsWith('id') || lower.endsWith('ids')
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.ids) }, { weight: 1, arbitrary: bounded })
      : fc.oneof(bounded, fc.constantFrom(min, max));
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'array') {
    return fc.array(validValue(schema.items ?? {}, name.replace(/s$/, ''), world, depth + 1), {
      minLength: schema.minItems ?? 0,
      maxLength: Math.min(schema.maxItems ?? 4, 4),
    });
  }
  if (schema.type === 'object' || schema.properties) return objectValue(schema, world, depth, false);
  if (schema.type === 'string' || schema.example !== undefined) return stringValue(schema, lower, world);
  return fc.jsonValue({ maxDepth: 2 });
}

function stringValue(schema: Schema, lower: string, world: World): Arbitrary<string> {
  const examples = typeof schema.example === 'string' ? [schema.example] : [];
  const known = (values: string[]) => fc.constantFrom(...(values.length ? values : ['none']));
  if (lower.includes('email')) return fc.oneof({ weight: 3, arbitrary: known(world.emails) }, fc.emailAddress());
  if (lower === 'code') return known(world.codes);
  if (lower === 'holdid') return known(world.holdIds);
  if (lower === 'name')
    return fc.oneof({ weight: 2, arbitrary: known(world.names) }, fc.string({ minLength: 1, maxLength: 30 }));
  if (lower === 'secret' || lower.endsWith('secret')) return known(world.secrets);
  if (lower === 'startsat') {
    return fc
      .integer({ min: 1, max: 24 * 60 })
      .map((minutes) => new Date(Math.ceil(Date.now() / 60_000) * 60_000 + minutes * 3_600_000).toISOString());
  }
  if (lower === 'date') {
    return fc
      .integer({ min: -2, max: 10 })
      .map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));
  }
  if (lower === 'layout' || lower === 'row') return fc.stringMatching(/^[spw_]{1,12}$/);
  if (lower === 'id' && world.jobIds.length) return fc.oneof(known(world.jobIds), fc.string({ maxLength: 20 }));
  const max = Math.min(schema.maxLength ?? 40, 40);
  return fc.oneof(
    {
      weight: 2,
      arbitrary: examples.length ? fc.constantFrom(...examples) : fc.string({ minLength: 1, maxLength: max }),
    },
    { weight: 1, arbitrary: fc.string({ minLength: schema.minLength ?? 0, maxLength: max }) },
  );
}

/**
 * An object for `schema`: every property well-formed (`hostile` false), or each property
 * independently kept, replaced by a hostile value or dropped, plus unknown and prototype keys.
 */
function objectValue(schema: Schema, world: World, depth: number, hostile: boolean): Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([key, property]) => {
    const valid = depth < 4 ? validValue(property, key, world, depth + 1) : fc.constant(1);
    const nested =
      hostile && (property.properties || property.type === 'object') && depth < 3
        ? objectValue(property, world, depth + 1, true)
        : valid;
    const value: Arbitrary<unknown> = hostile
      ? fc.oneof(
          { weight: 5, arbitrary: nested },
          { weight: 2, arbitrary: hostileValue },
          { weight: 1, arbitrary: fc.constant(ABSENT) },
        )
      : required.has(key)
        ? valid
        : fc.oneof(valid, fc.constant(ABSENT));
    return fc.tuple(fc.constant(key), value);
  });
  const extras = hostile
    ? fc.array(
        fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'isAdmin', 'id', ''), hostileValue),
        { maxLength: 2 },
      )
    : fc.constant([] as [string, unknown][]);
  return fc.tuple(fc.tuple(...fields), extras).map(([entries, extra]) => {
    const object: Record<string, unknown> = {};
    for (const [key, value] of [...entries, ...extra]) {
      // defineProperty: an own `__proto__` key, serialised by JSON.stringify like any other.
      if (value !== ABSENT)
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return object;
  });
}

const ABSENT = Symbol('absent');

/** The text of a path parameter. */
function pathValue(parameter: Parameter, world: World): Arbitrary<string> {
  if (isNumeric(parameter.schema)) {
    const known = fc.constantFrom(...world.ids);
    return fc.oneof(
      { weight: 6, arbitrary: known.map(String) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_147_483_650 }).map(String) },
      { weight: 3, arbitrary: known.chain((id) => fc.constantFrom(...nonCanonical(id))) },
      { weight: 1, arbitrary: oddString },
    );
  }
  return fc.oneof(
    { weight: 5, arbitrary: validValue(parameter.schema, parameter.name, world).map(String) },
    { weight: 2, arbitrary: oddString },
  );
}

/** The value(s) of a query parameter; undefined leaves it out; an array repeats it. */
function queryValue(parameter: Parameter, world: World): Arbitrary<string | string[] | undefined> {
  const valid = validValue(parameter.schema, parameter.name, world).map(String);
  const numeric = isNumeric(parameter.schema) || parameter.schema.allOf !== undefined;
  const hostile = numeric
    ? fc.oneof(
        fc.constantFrom(...world.ids).chain((id) => fc.constantFrom(...nonCanonical(id))),
        oddString,
      )
    : oddString;
  return fc.oneof(
    { weight: parameter.required ? 1 : 3, arbitrary: fc.constant(undefined) },
    { weight: 5, arbitrary: valid },
    { weight: 2, arbitrary: hostile },
    { weight: 1, arbitrary: fc.tuple(valid, valid).map(([a, b]) => [a, b]) },
  );
}

/** A header value Node can send (no control characters but tab). */
const headerText: Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 300 }).filter((text) => /^[\t\x20-\x7e]*$/.test(text)),
  fc.constantFrom('', 'x'.repeat(2_000), 'é'),
);

type BodyKind =
  'json' | 'malformed' | 'deep-object' | 'deep-array' | 'content-type' | 'encoding' | 'gzip' | 'oversized' | 'scalar';

/** The wire form of a body: its bytes, content type and encoding, and what was done. */
interface Envelope {
  kind: BodyKind;
  contentType?: string;
  encoding?: string;
  text?: string;
  /** Deep nesting, as [depth, kind]. */
  deep?: [number, 'object' | 'array'];
}

const envelope: Arbitrary<Envelope> = fc.oneof(
  { weight: 16, arbitrary: fc.constant<Envelope>({ kind: 'json' }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{', '{"a":', 'nul', '[1,]', "{'a':1}", '\u0000', '{"a":1}}', '\ufeff{}', '{"a":"\ud800"}')
      .map((text): Envelope => ({ kind: 'malformed', text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(17, 64, 1_000, 10_000)
      .map((depth): Envelope => ({ kind: 'deep-object', deep: [depth, 'object'] })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(17, 1_000, 30_000)
      .map((depth): Envelope => ({ kind: 'deep-array', deep: [depth, 'array'] })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/xml',
        '',
      )
      .map((contentType): Envelope => ({ kind: 'content-type', contentType })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'identity', 'gzip, gzip')
      .map((encoding): Envelope => ({ kind: 'encoding', encoding })),
  },
  { weight: 1, arbitrary: fc.constant<Envelope>({ kind: 'gzip', encoding: 'gzip' }) },
  { weight: 1, arbitrary: fc.constant<Envelope>({ kind: 'oversized' }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('null', '1', '"x"', 'true', '[]', '[{}]')
      .map((text): Envelope => ({ kind: 'scalar', text })),
  },
);

/** The `Authorization` header of a request (undefined: none). */
function authorization(operation: Operation, world: World): Arbitrary<string | undefined> {
  const right = `Bearer ${world.adminToken}`;
  const wrong = fc.constantFrom(
    'Bearer wrong-token-0123456789',
    `Bearer ${world.adminToken}x`,
    `Bearer ${world.adminToken.slice(0, -1)}`,
    'Basic YWRtaW46YWRtaW4=',
    'Bearer',
    'Bearer ',
    `bearer ${world.adminToken} extra`,
    `Token ${world.adminToken}`,
  );
  return operation.admin
    ? fc.oneof(
        { weight: 8, arbitrary: fc.constant(right) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: wrong },
      )
    : fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant(right) },
        { weight: 1, arbitrary: wrong },
      );
}

/** Requests for one operation. */
export function requestFor(operation: Operation, world: World): Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const headerParameters = operation.parameters.filter((parameter) => parameter.in === 'header');
  const body = operation.body
    ? fc.oneof(
        { weight: 5, arbitrary: validValue(operation.body, 'body', world) },
        {
          weight: 4,
          arbitrary: operation.body.properties ? objectValue(operation.body, world, 0, true) : hostileValue,
        },
        { weight: 1, arbitrary: hostileValue },
      )
    : fc.oneof({ weight: 6, arbitrary: fc.constant(ABSENT as unknown) }, { weight: 1, arbitrary: hostileValue });
  return fc
    .record({
      path: fc.tuple(...pathParameters.map((parameter) => pathValue(parameter, world))),
      query: fc.tuple(...queryParameters.map((parameter) => queryValue(parameter, world))),
      unknownQuery: fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'a[b]', 'limit[]'), oddString),
        },
      ),
      headers: fc.tuple(...headerParameters.map(() => fc.option(headerText, { freq: 2 }))),
      authorization: authorization(operation, world),
      body,
      envelope: operation.body
        ? envelope
        : fc.oneof(
            { weight: 6, arbitrary: fc.constant<Envelope>({ kind: 'json' }) },
            { weight: 1, arbitrary: envelope },
          ),
    })
    .map((parts) => {
      const notes: string[] = [];
      let path = operation.path;
      pathParameters.forEach((parameter, index) => {
        path = path.replace(`{${parameter.name}}`, encodeURIComponent(parts.path[index]));
      });
      const search = new URLSearchParams();
      queryParameters.forEach((parameter, index) => {
        const value = parts.query[index];
        for (const item of value === undefined ? [] : Array.isArray(value) ? value : [value])
          search.append(parameter.name, item);
      });
      if (parts.unknownQuery) {
        search.append(parts.unknownQuery[0], parts.unknownQuery[1]);
        notes.push(`unknown query ${parts.unknownQuery[0]}`);
      }
      const query = search.toString();
      const headers: Record<string, string> = {};
      headerParameters.forEach((parameter, index) => {
        const value = parts.headers[index];
        if (value !== null) headers[parameter.name] = value;
      });
      if (parts.authorization !== undefined) headers.authorization = parts.authorization;
      const { bytes, contentType, encoding } = wireBody(parts.body, parts.envelope);
      if (parts.envelope.kind !== 'json') notes.push(`body ${parts.envelope.kind}`);
      if (contentType !== undefined) headers['content-type'] = contentType;
      if (encoding !== undefined) headers['content-encoding'] = encoding;
      return {
        operation: `${operation.method} ${operation.path}`,
        method: operation.method,
        path: query ? `${path}?${query}` : path,
        headers,
        body: bytes,
        notes,
      };
    });
}

function wireBody(value: unknown, wire: Envelope): { bytes?: Buffer; contentType?: string; encoding?: string } {
  const json = value === ABSENT ? undefined : JSON.stringify(value);
  switch (wire.kind) {
    case 'json':
      return json === undefined ? {} : { bytes: Buffer.from(json), contentType: 'application/json' };
    case 'malformed':
    case 'scalar':
      return { bytes: Buffer.from(wire.text!), contentType: 'application/json' };
    case 'deep-object':
    case 'deep-array':
      return { bytes: Buffer.from(nestedJson(...wire.deep!)), contentType: 'application/json' };
    case 'content-type':
      return { bytes: Buffer.from(json ?? '{}'), contentType: wire.contentType || undefined };
    case 'encoding':
      return { bytes: Buffer.from(json ?? '{}'), contentType: 'application/json', encoding: wire.encoding };
    case 'gzip':
      return { bytes: gzipSync(Buffer.from(json ?? '{}')), contentType: 'application/json', encoding: 'gzip' };
    case 'oversized':
      return { bytes: Buffer.from(JSON.stringify({ padding: 'x'.repeat(70_000) })), contentType: 'application/json' };
  }
}

/** Requests for any of `operations`, each operation equally likely. */
export function anyRequest(operations: Operation[], world: World): Arbitrary<FuzzRequest> {
  return fc.oneof(...operations.map((operation) => requestFor(operation, world)));
}
