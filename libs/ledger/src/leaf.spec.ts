import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { leafHash, sha256, toHex } from './hashing.js';
import { eventLeaf, leafHeaderJson, LEAF_FORMAT_VERSION, type StoredEvent } from './leaf.js';

const event: StoredEvent & { readonly metadata: Buffer; readonly payload: Buffer } = {
  position: 42n,
  eventId: '0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f70',
  streamId: 'careCase-4711',
  revision: 3,
  type: 'RefundIssued',
  recordedAt: '2026-03-02T10:00:00.000Z',
  metadata: Buffer.from('{"actor":{"id":"apiKey:1","roles":["care-agent"]}}'),
  payload: Buffer.from('{"amount":{"currency":"EUR","minor":1500}}'),
};

describe('the leaf of an event', () => {
  it('is the RFC 9162 leaf hash of its canonical header, which holds the digests of the stored bytes', () => {
    const leaf = eventLeaf(event);
    const header = {
      eventId: event.eventId,
      metadataSha256: toHex(sha256(event.metadata)),
      payloadSha256: toHex(sha256(event.payload)),
      position: '42',
      recordedAt: event.recordedAt,
      revision: 3,
      stream: event.streamId,
      type: event.type,
      v: LEAF_FORMAT_VERSION,
    };
    expect(toHex(leaf.leafHash)).toBe(toHex(leafHash(Buffer.from(canonicalize(header)!, 'utf8'))));
    expect(toHex(leaf.payloadHash)).toBe(toHex(sha256(event.payload)));
    expect(toHex(leaf.metadataHash)).toBe(toHex(sha256(event.metadata)));
  });

  it('writes the header exactly as RFC 8785 canonical JSON would, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventId: fc.string({ unit: 'grapheme' }),
          streamId: fc.string({ unit: 'grapheme' }),
          type: fc.string({ unit: 'grapheme' }),
          recordedAt: fc.string({ unit: 'grapheme' }),
          revision: fc.nat(),
          position: fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
        }),
        (fields) => {
          const [metadataHash, payloadHash] = [sha256(Buffer.from(fields.type)), sha256(Buffer.from(fields.eventId))];
          const canonical = canonicalize({
            eventId: fields.eventId,
            metadataSha256: toHex(metadataHash),
            payloadSha256: toHex(payloadHash),
            position: fields.position.toString(),
            recordedAt: fields.recordedAt,
            revision: fields.revision,
            stream: fields.streamId,
            type: fields.type,
            v: LEAF_FORMAT_VERSION,
          });
          expect(leafHeaderJson(fields, payloadHash, metadataHash)).toBe(canonical);
        },
      ),
    );
  });

  it.each([
    ['payload', { payload: Buffer.from('{"amount":{"currency":"EUR","minor":1501}}') }],
    ['metadata', { metadata: Buffer.from('{"actor":{"id":"apiKey:2","roles":["care-agent"]}}') }],
    ['position', { position: 43n }],
    ['stream', { streamId: 'careCase-4712' }],
    ['revision', { revision: 4 }],
    ['type', { type: 'ClientRetained' }],
    ['recording time', { recordedAt: '2026-03-02T10:00:00.001Z' }],
    ['event id', { eventId: '0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f71' }],
  ])('changes when the %s changes', (_what, change) => {
    expect(toHex(eventLeaf({ ...event, ...change }).leafHash)).not.toBe(toHex(eventLeaf(event).leafHash));
  });

  it('hashes the payload bytes as stored: the same JSON written otherwise is another leaf', () => {
    const reordered = { ...event, payload: Buffer.from('{"amount":{"minor":1500,"currency":"EUR"}}') };
    expect(toHex(eventLeaf(reordered).payloadHash)).not.toBe(toHex(eventLeaf(event).payloadHash));
  });

  it('is the same whether a store hands out the bytes or the UTF-8 text they encode', () => {
    const asText = { ...event, payload: event.payload.toString('utf8'), metadata: event.metadata.toString('utf8') };
    expect(toHex(eventLeaf(asText).leafHash)).toBe(toHex(eventLeaf(event).leafHash));
    const nonAscii = { ...event, payload: Buffer.from('{"note":"Возврат — 15 €"}') };
    expect(toHex(eventLeaf({ ...nonAscii, payload: nonAscii.payload.toString('utf8') }).leafHash)).toBe(toHex(eventLeaf(nonAscii).leafHash));
  });

  it('refuses text that is not well-formed Unicode', () => {
    expect(() => eventLeaf({ ...event, streamId: 'careCase-\ud800' })).toThrow(TypeError);
  });
});
