import type { OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import { completeBody, nullablePlaces, requestArbitrary, type DocumentedOperation, type RequestParts } from './openapi-requests.js';

/** A request as it goes on the wire: the URL percent-encoded, the body as text. */
export interface WireRequest {
  readonly operation: DocumentedOperation;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** What was broken in it, to tell a failure apart. */
  readonly breakages: readonly string[];
}

/** A request being assembled: encoded path and query parameters, headers, and the body as a value or as text. */
interface Draft {
  readonly method: string;
  readonly pathTemplate: string;
  readonly path: Readonly<Record<string, string>>;
  /** `name=value` pairs, encoded. */
  readonly query: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Sent instead of the body as JSON: text no JSON value serialises to. */
  readonly text?: string;
}

/**
 * One way to break a request. Breakages of the body's value apply before those that write its text,
 * so that the text is written from the broken value.
 */
interface Breakage {
  readonly name: string;
  readonly writesText?: boolean;
  apply(draft: Draft): Draft;
}

/** Who sends the requests, and the ids of what they created so far, by collection (`/care-cases`). */
export interface Sender {
  readonly credentials: Readonly<Record<string, string>>;
  idsIn(collection: string): readonly string[];
}

/** The collection an operation's first path parameter names a member of: `/care-cases` for `/care-cases/{id}/refund`. */
export function collectionOf(operation: DocumentedOperation): string {
  return operation.path.split('/{')[0]!;
}

/**
 * Requests an operation documents, as valid as the schemas can tell. The first path parameter often
 * names something created before, so that commands reach the rules of a real entity.
 */
export function validRequestArbitrary(document: OpenAPIObject, operation: DocumentedOperation, sender: Sender): fc.Arbitrary<WireRequest> {
  return fc.tuple(requestArbitrary(document, operation), fc.nat()).map(([parts, pick]) => toWire(draftOf(parts, sender, pick), operation, []));
}

/** The same requests with one to three things broken: the body, the path, the query or the headers. */
export function hostileRequestArbitrary(document: OpenAPIObject, operation: DocumentedOperation, sender: Sender): fc.Arbitrary<WireRequest> {
  const breakages = fc.array(BREAKAGES, { minLength: 1, maxLength: 3 });
  return fc.tuple(requestArbitrary(document, operation), fc.nat(), breakages).map(([parts, pick, breakages]) => {
    const ordered = [...breakages].sort((a, b) => Number(a.writesText ?? false) - Number(b.writesText ?? false));
    const draft = ordered.reduce((broken, breakage) => breakage.apply(broken), draftOf(parts, sender, pick));
    return toWire(draft, operation, ordered.map((breakage) => breakage.name));
  });
}

/**
 * An operation's body with every documented property (`completeBody`), once per place in it with
 * `null` there, where the schema does not allow null. JSON's null is a value of its own: a layer that
 * reads it as "absent" lets it through to one that does not, so each place is tried, optional ones at
 * any depth included. Each request has an idempotency key of its own, so that each reaches validation.
 */
export function nullAtEveryPlace(document: OpenAPIObject, operation: DocumentedOperation, sender: Sender): fc.Arbitrary<NullRequest[]> {
  const body = completeBody(document, operation);
  if (body === undefined) return fc.constant([]);
  const nullable = nullablePlaces(document, operation);
  return fc.tuple(requestArbitrary(document, operation), fc.nat()).map(([parts, pick]) =>
    placesIn(body).flatMap((place, index) => {
      const field = place.join('.');
      if (nullable.has(field)) return [];
      const headers = Object.fromEntries(Object.entries(parts.headers).map(([name, value]) => [name, name.toLowerCase() === 'idempotency-key' ? `${value}-${index}` : value]));
      const draft = draftOf({ ...parts, headers, body: changeAt(body, index, () => null) }, sender, pick);
      return [{ ...toWire(draft, operation, [`null at ${field}`]), field }];
    }),
  );
}

/** A request with null in one place of its body, and the field that place is. */
export interface NullRequest extends WireRequest {
  readonly field: string;
}

function draftOf(parts: RequestParts, sender: Sender, pick: number): Draft {
  const { operation } = parts;
  const known = sender.idsIn(collectionOf(operation));
  const member = /\{(\w+)\}/.exec(operation.path)?.[1];
  const useKnown = known.length > 0 && pick % 4 !== 0;
  const path = Object.fromEntries(
    Object.entries(parts.path).map(([name, value]) => [name, encode(useKnown && name === member ? known[pick % known.length] : value)]),
  );
  const query = Object.entries(parts.query).flatMap(([name, value]) => [value].flat().map((item) => `${name}=${encode(item)}`));
  const json: Record<string, string> = parts.body === undefined ? {} : { 'content-type': 'application/json' };
  return { method: operation.method, pathTemplate: operation.path, path, query, headers: { ...sender.credentials, ...json, ...parts.headers }, body: parts.body };
}

function toWire(draft: Draft, operation: DocumentedOperation, breakages: readonly string[]): WireRequest {
  const path = draft.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => draft.path[name]!);
  const query = draft.query.join('&');
  const body = draft.text ?? (draft.body === undefined ? undefined : JSON.stringify(draft.body));
  return {
    operation,
    method: draft.method.toUpperCase(),
    url: query === '' ? path : `${path}?${query}`,
    headers: draft.headers,
    ...(body === undefined ? {} : { body }),
    breakages,
  };
}

/** Percent-encoding, with lone surrogates made well-formed first: a URL can only carry UTF-8. */
function encode(value: unknown): string {
  return encodeURIComponent(String(value).toWellFormed());
}


const LONE_SURROGATES = ['\ud800', 'x\udfffy', '\udbff\ud800'];
const NULL_BYTES = ['\u0000', 'a\u0000b', '\u0000'.repeat(64)];
const HUGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 2, 2 ** 64, Number.MAX_SAFE_INTEGER, 5e-324, -0];
const NEGATIVE_NUMBERS = [-1, -(2 ** 31), -1e9];
const FRACTIONS = [0.5, 1.5, 99.999, 1e-7];
const ODD_TEXTS = ['', ' ', '\t', '\r\n', 'é', '\u202e', '\ud83d\ude00', '../../etc/passwd', '<script>', "' OR 1=1 --", '%s%n', '${x}', 'null', '__proto__'];

/** A JSON value of another type than most fields expect. */
const WRONG_TYPES = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));


type Key = string | number;

/** Every place inside a JSON value, nested ones too, as key paths. */
function placesIn(value: unknown, at: readonly Key[] = []): Key[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [Key, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...at, key], ...placesIn(item, [...at, key])]);
}

/** A copy of the body with one place changed (`undefined` removes it); a place picked by number, wrapping around. */
function changeAt(body: unknown, pick: number, change: (value: unknown) => unknown): unknown {
  const root = typeof body === 'object' && body !== null ? structuredClone(body) : {};
  const places = placesIn(root);
  const place = places.length === 0 ? ['field'] : places[pick % places.length]!;
  const parent = place.slice(0, -1).reduce<Record<Key, unknown>>((node, key) => node[key] as Record<Key, unknown>, root as Record<Key, unknown>);
  const key = place[place.length - 1]!;
  const changed = change(parent[key]);
  if (changed === undefined && !Array.isArray(parent)) delete parent[key];
  else parent[key] = changed;
  return root;
}

function valueBreakage(name: string, replacements: fc.Arbitrary<unknown>): fc.Arbitrary<Breakage> {
  return fc.tuple(fc.nat(), replacements).map(([pick, replacement]) => ({
    name,
    apply: (draft: Draft) => ({ ...draft, body: changeAt(draft.body, pick, () => replacement) }),
  }));
}

function textBreakage(name: string, texts: fc.Arbitrary<(draft: Draft) => string>): fc.Arbitrary<Breakage> {
  return texts.map((write) => ({ name, writesText: true, apply: (draft: Draft) => ({ ...draft, text: write(draft) }) }));
}

const MARKER = 'NESTED-HERE';

/** The body as JSON with one place holding arrays nested `depth` deep, written as text: no serialiser recurses that far. */
const deepNesting = fc.tuple(fc.nat(), fc.constantFrom(31, 32, 33, 100, 20_000)).map(
  ([pick, depth]): Breakage => ({
    name: `nesting ${depth} deep`,
    writesText: true,
    apply: (draft) => ({
      ...draft,
      text: JSON.stringify(changeAt(draft.body, pick, () => MARKER)).replace(`"${MARKER}"`, '['.repeat(depth) + ']'.repeat(depth)),
    }),
  }),
);

const hugeString = fc.tuple(fc.nat(), fc.constantFrom(10_000, 200_000, 1_100_000)).map(
  ([pick, length]): Breakage => ({
    name: `a string of ${length} characters`,
    apply: (draft) => ({ ...draft, body: changeAt(draft.body, pick, () => 'x'.repeat(length)) }),
  }),
);

const missingField = fc.nat().map((pick): Breakage => ({ name: 'a field missing', apply: (draft) => ({ ...draft, body: changeAt(draft.body, pick, () => undefined) }) }));

/** The body as JSON text with a field put first; as text, since `__proto__` set on an object would change its prototype instead. */
function withFieldFirst(body: unknown, name: string, value: unknown): string {
  const rest = JSON.stringify(typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}).slice(1);
  return `{${JSON.stringify(name)}:${JSON.stringify(value)}${rest === '}' ? '' : ','}${rest}`;
}

const extraField = fc.tuple(fc.constantFrom('extra', 'admin', '__proto__', 'constructor', ''), WRONG_TYPES).map(
  ([name, value]): Breakage => ({
    name: `an extra field "${name}"`,
    writesText: true,
    apply: (draft) => ({ ...draft, text: withFieldFirst(draft.body, name, value) }),
  }),
);

const notJson = textBreakage(
  'a body that is not JSON',
  fc.oneof(
    fc.constantFrom('{"name":', 'undefined', 'NaN', "{'a':1}", '{"a":1}{"b":2}', '\ufeff{}', '[1,]', '{"a":01}', '"\\ud800"', '{"a":"\\x41"}'),
    fc.string({ unit: 'binary', maxLength: 64 }),
  ).map((text) => () => text),
);

const notAnObject = textBreakage('a body that is no object', fc.constantFrom('[]', '[{}]', '"text"', '42', 'null', 'true', '1e999').map((text) => () => text));

const duplicateKeys = textBreakage(
  'a field twice',
  fc.constant((draft: Draft) => withFieldFirst(draft.body, Object.keys(draft.body ?? {})[0] ?? 'a', 'the first of two')),
);

const emptyBody = textBreakage('an empty body', fc.constantFrom('', ' ', '\n').map((text) => () => text));

const wrongContentType = fc
  .constantFrom(
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/jsonx',
    'application/problem+json',
    ';;;',
    '*/*',
    'application/json, text/plain',
  )
  .map((type): Breakage => ({ name: `content type ${type}`, apply: (draft) => ({ ...draft, headers: { ...draft.headers, 'content-type': type } }) }));

const noContentType: fc.Arbitrary<Breakage> = fc.constant({
  name: 'no content type',
  apply: (draft) => ({ ...draft, headers: withoutHeader(draft.headers, 'content-type') }),
});

const BODY_BREAKAGES = fc.oneof(
  valueBreakage('a value of another type', WRONG_TYPES),
  valueBreakage('a lone surrogate', fc.constantFrom(...LONE_SURROGATES)),
  valueBreakage('a null byte', fc.constantFrom(...NULL_BYTES)),
  valueBreakage('a huge number', fc.constantFrom(...HUGE_NUMBERS)),
  valueBreakage('a negative number', fc.constantFrom(...NEGATIVE_NUMBERS)),
  valueBreakage('a fraction', fc.constantFrom(...FRACTIONS)),
  valueBreakage('an odd text', fc.constantFrom(...ODD_TEXTS)),
  missingField,
  extraField,
  hugeString,
  deepNesting,
  notJson,
  notAnObject,
  duplicateKeys,
  emptyBody,
  wrongContentType,
  noContentType,
);


/** Path segments as they go on the wire, already percent-encoded, some of them wrongly. */
const ODD_SEGMENTS = [
  '..', '.', '%00', '%zz', '%', '%ED%A0%80', '%C0%AF', '%2F', '%252F', 'a%20b', '%C3%A9', '\u00e9', '%F0%9F%98%80', '~', 'a;b', '-1',
  '1.5', '1e9', '0', '9223372036854775808', '18446744073709551616', '99999999999999999999999', 'null', '__proto__', 'constructor',
  '%2e%2e', '+', '%0D%0A', 'a%09b',
];

function withPathParameter(draft: Draft, pick: number, segment: string): Draft {
  const names = Object.keys(draft.path);
  if (names.length === 0) return { ...draft, pathTemplate: `${draft.pathTemplate}/${segment}` };
  return { ...draft, path: { ...draft.path, [names[pick % names.length]!]: segment } };
}

const overlongPathParameter = fc.tuple(fc.nat(), fc.constantFrom(201, 401, 513, 2_000, 8_000), fc.constantFrom('a', '%41', '-')).map(
  ([pick, length, unit]): Breakage => ({ name: `a path parameter of ${length} × ${unit}`, apply: (draft) => withPathParameter(draft, pick, unit.repeat(length)) }),
);

const oddPathParameter = fc.tuple(fc.nat(), fc.constantFrom(...ODD_SEGMENTS)).map(
  ([pick, segment]): Breakage => ({ name: `a path parameter ${segment}`, apply: (draft) => withPathParameter(draft, pick, segment) }),
);

const pathSuffix = fc.constantFrom('/', '//', '/..', '/%2e%2e', '/extra', '?', '#x').map(
  (suffix): Breakage => ({ name: `the path ending in ${suffix}`, apply: (draft) => ({ ...draft, pathTemplate: `${draft.pathTemplate}${suffix}` }) }),
);

const wrongMethod = fc.constantFrom('get', 'post', 'put', 'patch', 'delete', 'options', 'head').map(
  (method): Breakage => ({ name: `method ${method}`, apply: (draft) => ({ ...draft, method }) }),
);

function withQueryValue(draft: Draft, pick: number, value: string): Draft {
  if (draft.query.length === 0) return { ...draft, query: [`limit=${value}`] };
  const picked = pick % draft.query.length;
  return { ...draft, query: draft.query.map((pair, index) => (index === picked ? `${pair.split('=')[0]}=${value}` : pair)) };
}

const oddQueryValue = fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...ODD_SEGMENTS), fc.constantFrom(...ODD_TEXTS, '-1', '0', '1.5', '1e400').map(encode))).map(
  ([pick, value]): Breakage => ({ name: `a query value ${value}`, apply: (draft) => withQueryValue(draft, pick, value) }),
);

const overlongQueryValue = fc.tuple(fc.nat(), fc.constantFrom(1_000, 1_025, 5_000, 15_000)).map(
  ([pick, length]): Breakage => ({ name: `a query value of ${length} characters`, apply: (draft) => withQueryValue(draft, pick, 'a'.repeat(length)) }),
);

const oddQueryParameter = fc
  .constantFrom('extra=1', 'a[]=1', 'a[b]=c', '__proto__=x', 'constructor[prototype][x]=1', '=x', '&&&', 'flag', 'limit=1&limit=2', 'asOf=1&asOf=x', '%zz=1', 'a=%zz')
  .map((pair): Breakage => ({ name: `a query parameter ${pair}`, apply: (draft) => ({ ...draft, query: [...draft.query, pair] }) }));

const repeatedQueryParameter = fc.nat().map(
  (pick): Breakage => ({
    name: 'a query parameter twice',
    apply: (draft) => (draft.query.length === 0 ? draft : { ...draft, query: [...draft.query, draft.query[pick % draft.query.length]!] }),
  }),
);

const PATH_AND_QUERY_BREAKAGES = fc.oneof(overlongPathParameter, oddPathParameter, pathSuffix, wrongMethod, oddQueryValue, overlongQueryValue, oddQueryParameter, repeatedQueryParameter);


function withoutHeader(headers: Readonly<Record<string, string>>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}

function headerBreakage(name: string, values: readonly string[]): fc.Arbitrary<Breakage> {
  return fc.constantFrom(...values).map((value) => ({
    name: `${name}: ${value.length > 40 ? `${value.slice(0, 40)}… (${value.length})` : value}`,
    apply: (draft: Draft) => ({ ...draft, headers: { ...withoutHeader(draft.headers, name.toLowerCase()), [name]: value } }),
  }));
}

const withoutCredentials: fc.Arbitrary<Breakage> = fc.constant({
  name: 'no Authorization',
  apply: (draft) => ({ ...draft, headers: withoutHeader(draft.headers, 'authorization') }),
});

const HEADER_BREAKAGES = fc.oneof(
  headerBreakage('If-Match', ['', '*', 'W/"1"', '"abc"', '-1', '1.5', '99999999999999999999', '"1", "2"', ' 1 ', '0x1', 'é']),
  headerBreakage('Idempotency-Key', ['', ' ', 'a b', 'é', 'x'.repeat(201), 'x'.repeat(5_000)]),
  headerBreakage('Authorization', ['', 'Bearer', 'Bearer ', `Bearer ${'x'.repeat(600)}`, 'Basic Zm9vOmJhcg==', 'Bearer a b', 'Token ql_x', 'é']),
  headerBreakage('X-Request-Id', ['', 'a b', 'x'.repeat(129), 'é', '../../x']),
  headerBreakage('X-Survey-Token', ['', 'x'.repeat(513), 'é', 'a b']),
  headerBreakage('Last-Event-ID', ['', '-1', 'x', '99999999999999999999999', '1.5']),
  headerBreakage('Accept', ['text/html', 'application/xml', '*/*;q=0', ';;;', 'x'.repeat(3_000)]),
  headerBreakage('X-Padding', ['x'.repeat(12_000), 'x'.repeat(17_000)]),
  withoutCredentials,
);

const BREAKAGES = fc.oneof(
  { weight: 3, arbitrary: BODY_BREAKAGES },
  { weight: 2, arbitrary: PATH_AND_QUERY_BREAKAGES },
  { weight: 2, arbitrary: HEADER_BREAKAGES },
);
