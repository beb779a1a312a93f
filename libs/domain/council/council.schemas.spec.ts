import { EventSchemaRegistry, EventSchemaViolation, UpcasterRegistry } from '#kernel';
import { COUNCIL_SCHEMAS } from './council.schemas.js';
import { SAMPLE_PACK } from './testing.js';

const schemas = new EventSchemaRegistry(COUNCIL_SCHEMAS);
const upcasters = new UpcasterRegistry(schemas.upcasters());

const recorded = { meetingId: 'mt-1', ...SAMPLE_PACK, packPosition: '42', packCheckpoint: null, recordedAt: '2026-03-02T09:00:00.000Z' };

/** The same pack as recorded before samples were. */
const recordedWithoutSamples = {
  ...recorded,
  indicators: recorded.indicators.map(({ sampleOf: _sampleOf, current: { sample: _current, ...current }, previous: { sample: _previous, ...previous }, ...indicator }) => ({
    ...indicator,
    current,
    previous,
  })),
};

function storedV1(data: object) {
  const metadata = { occurredAt: '', recordedAt: '', actor: { id: 'chair', roles: [] }, correlationId: 'c', causationId: null, schemaVersion: 1 };
  return { eventId: 'e', type: 'MetricsPackRecorded', streamId: 'meeting-mt-1', revision: 3, position: 43n, data, metadata };
}

describe('the MetricsPackRecorded schema', () => {
  it('takes each reading with its sample and each indicator with what the sample counts', () => {
    expect(() => schemas.validate('MetricsPackRecorded', 2, recorded)).not.toThrow();
    expect(() => schemas.validate('MetricsPackRecorded', 2, recordedWithoutSamples)).toThrow(EventSchemaViolation);
    expect(() => schemas.validate('MetricsPackRecorded', 1, recordedWithoutSamples)).not.toThrow();
  });

  it('reads a pack recorded before samples were with every sample null', () => {
    const [indicator] = (upcasters.upcast(storedV1(recordedWithoutSamples)).data as typeof recorded).indicators;
    expect(indicator).toEqual({
      ...recorded.indicators[0],
      sampleOf: null,
      current: { ...recorded.indicators[0]!.current, sample: null },
      previous: { ...recorded.indicators[0]!.previous, sample: null },
    });
  });
});
