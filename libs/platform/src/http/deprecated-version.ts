import { applyDecorators, Header } from '@nestjs/common';

export interface Deprecation {
  /** The route that replaces this one, e.g. `/api/v2/auth/me`. */
  successor: string;
  /** When the route was deprecated (ISO date). */
  since: string;
  /** When it stops answering (ISO date). */
  sunset: string;
}

/**
 * Marks a route of an older API version as deprecated (contract §9): every successful answer
 * carries `Deprecation` (RFC 9745, `@<epoch seconds>`), `Sunset` (RFC 8594, an HTTP date) and
 * `Link: <successor>; rel="successor-version"`. Pair it with `ApiOperation({ deprecated: true })`:
 * the OpenAPI document then lists the three headers on the route's answers.
 */
export function DeprecatedVersion({ successor, since, sunset }: Deprecation): MethodDecorator {
  return applyDecorators(
    Header('Deprecation', `@${Math.floor(Date.parse(since) / 1000)}`),
    Header('Sunset', new Date(sunset).toUTCString()),
    Header('Link', `<${successor}>; rel="successor-version"`),
  );
}
