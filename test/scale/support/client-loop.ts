/**
 * `concurrency` clients each calling `step` in a loop until `stop()`, keeping every outcome in
 * the order they came.
 */
export function clientLoop<T>(concurrency: number, step: (client: number, i: number) => Promise<T>) {
  const outcomes: T[] = [];
  let running = true;
  const done = Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      for (let i = 0; running; i++) outcomes.push(await step(client, i));
    }),
  );
  return {
    outcomes,
    stop: async () => {
      running = false;
      await done;
    },
  };
}
