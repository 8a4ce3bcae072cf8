import { activeTraceFields, tracingWanted } from './tracing';
import { isUntracedPath, redactQuery } from './tracing-sdk';

describe('tracing settings and hygiene', () => {
  it('is wanted only with an OTLP endpoint, and not when the SDK is disabled', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBe(false);
    expect(tracingWanted({ OTEL_SERVICE_NAME: 'erp-api' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(
      tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'TRUE' }),
    ).toBe(false);
  });

  it('keeps query parameter names only', () => {
    expect(redactQuery('/api/v1/tasks')).toBeUndefined();
    expect(redactQuery('/api/v1/tasks?')).toBeUndefined();
    expect(redactQuery('/api/v1/tasks?status=todo&api_key=erpk_x_y&sort=-priority')).toBe(
      'status=REDACTED&api_key=REDACTED&sort=REDACTED',
    );
  });

  it('does not trace probes and scrapes', () => {
    expect(isUntracedPath('/health/ready')).toBe(true);
    expect(isUntracedPath('/health/live?x=1')).toBe(true);
    expect(isUntracedPath('/metrics')).toBe(true);
    expect(isUntracedPath('/api/v1/organizations')).toBe(false);
    expect(isUntracedPath('/healthy')).toBe(false);
  });

  it('has no trace fields outside a span', () => {
    expect(activeTraceFields()).toEqual({});
  });
});
