import { performance } from 'node:perf_hooks';

const STARTED = Symbol('startedAt');

interface Timed {
  [STARTED]?: number;
}

export const markRequestStart = (raw: object): void => {
  (raw as Timed)[STARTED] = performance.now();
};

export const elapsedMs = (raw: object): number => {
  const started = (raw as Timed)[STARTED];
  return started === undefined ? 0 : Math.round((performance.now() - started) * 100) / 100;
};
