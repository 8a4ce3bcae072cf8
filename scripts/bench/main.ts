/**
 * `npm run bench`: seeds a benchmark database, starts the built API and a raw node:http + pg floor
 * server against it, measures both with autocannon and writes bench-results/latest.{json,md}.
 * Exits 0 whether or not the targets are met: the figures are the product.
 */
import { parseArgs, USAGE } from './args';
import { databaseUrl, ensureBenchDatabase } from './seed';
import { runScript } from '../run-script';
import { measure } from './measure';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const benchUrl = process.env.BENCH_DATABASE_URL ?? databaseUrl(ADMIN_URL, options.database);
  const adminUrl = process.env.BENCH_DATABASE_URL ? databaseUrl(benchUrl, 'postgres') : ADMIN_URL;
  const seed = await ensureBenchDatabase(adminUrl, benchUrl, options, options.reseed);
  console.log(
    seed.seeded
      ? `Seeded in ${seed.seconds.toFixed(1)} s`
      : `The benchmark database already holds ${options.tasks} tasks: seed skipped`,
  );
  if (options.seedOnly) return;
  await measure(options, benchUrl, seed);
}

runScript(main);
