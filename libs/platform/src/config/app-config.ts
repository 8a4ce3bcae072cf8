import { existsSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import {
  Allow,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { parseRoleMapping, RoleMappingRule } from './oidc-role-mapping';
import { DEFAULT_RATE_LIMITS, parseRateLimits, RateLimits } from './rate-limits';
import { SecurityScanSettings } from './security-scan-settings';
import { emptyToUndefined, toBool, toInt, toList } from './transforms';

const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789';

/** Every setting the platform reads, validated once at boot (contract §11). */
export class AppConfig extends SecurityScanSettings {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86_400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Keycloak realm issuer URLs (`https://sso.example/realms/erp`) whose access tokens are accepted. */
  @Transform(toList)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { each: true })
  OIDC_ISSUERS: string[] = [];

  /** The audience SSO access tokens must name (a Keycloak audience mapper adds it); required with issuers. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OIDC_AUDIENCE?: string;

  /** Realm and client roles to organization roles (JSON, see `RoleMappingRule`); parsed in `loadConfig`. */
  @Allow()
  OIDC_ROLE_MAPPING: RoleMappingRule[] = [];

  /** Leeway for `exp` and `nbf` of SSO tokens (clocks of the realm and the API differ a little). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  OIDC_CLOCK_SKEW_SECONDS = 30;

  /** After a key set fetch (or a failed one), no refetch for an unknown `kid` before this long. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  OIDC_JWKS_COOLDOWN_SECONDS = 30;

  /** How long fetched signing keys are used before they are fetched again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  OIDC_JWKS_MAX_AGE_SECONDS = 600;

  /** Timeout of each discovery and key set request to a realm. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  OIDC_HTTP_TIMEOUT_MS = 5000;

  /** How long an SSO subject's user (and its applied role mapping) is remembered in memory. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  OIDC_PRINCIPAL_CACHE_SECONDS = 60;

  /**
   * RFC 7662: after the local checks, also ask the realm's `introspection_endpoint` whether an SSO
   * token is still active (so a revoked token or ended session is refused). Off by default.
   */
  @Transform(toBool)
  @IsBoolean()
  OIDC_INTROSPECTION = false;

  /** The confidential client the API authenticates as to introspect (Keycloak: one in the tokens' `aud`). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OIDC_INTROSPECTION_CLIENT_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OIDC_INTROSPECTION_CLIENT_SECRET?: string;

  /** How long an introspection answer is reused (a revoked token works at most this much longer). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  OIDC_INTROSPECTION_CACHE_SECONDS = 30;

  /** At most this many introspection answers are kept (the oldest go first). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  OIDC_INTROSPECTION_CACHE_SIZE = 10_000;

  /** The public client (authorization code + PKCE) Swagger UI logs in with, as in docker/keycloak/erp-realm.json. */
  @IsString()
  @MinLength(1)
  OIDC_SWAGGER_CLIENT_ID = 'erp-web';

  /** Audit rows older than this many days are deleted daily (the chains stay verifiable). */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(36_500)
  AUDIT_RETENTION_DAYS = 365;

  /** Expired or revoked refresh tokens are deleted by the worker this many days later (reuse detection needs them until then). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  REFRESH_TOKEN_RETENTION_DAYS = 30;

  /** The job worker's health endpoint (`/health/live`, `/health/ready`); 0 picks a free port. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12)
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** On SIGTERM, report unready and keep answering this long before closing (balancers notice). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  SHUTDOWN_DRAIN_SECONDS = 5;

  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  @Matches(/^[\w:.-]{0,50}$/)
  REDIS_KEY_PREFIX = 'erp:';

  @Transform(toBool)
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  /** Rate limit tiers per kind of caller (`kind=limit/seconds,...`, see `parseRateLimits`). */
  @Allow()
  RATE_LIMITS: RateLimits = DEFAULT_RATE_LIMITS;

  /** After going over a limit, a caller is refused for this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  RATE_LIMIT_BLOCK_SECONDS = 60;

  /** Proxies (IPs or CIDRs) whose `X-Forwarded-For` is believed; from anyone else it is ignored. */
  @Transform(toList)
  @IsString({ each: true })
  TRUSTED_PROXIES: string[] = [];

  /** Tests only: also append every log line, at every level, to this file (refused in production). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LOG_CAPTURE_FILE?: string;

  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATE_ON_START = true;

  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  SEED_DEMO_DATA?: boolean;

  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** The HMAC key for the platform's own access tokens (a development default outside production). */
  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  /** Demo data is loaded into an empty development database unless switched off. */
  get seedDemoData(): boolean {
    return this.SEED_DEMO_DATA ?? this.NODE_ENV === 'development';
  }
}

export class InvalidConfiguration extends Error {}

/** The introspection client secret of the development realm (docker/keycloak/erp-realm.json). */
export const DEV_INTROSPECTION_SECRET = 'erp-api-dev-secret-change-me';

function introspectionProblems(config: AppConfig): string[] {
  if (!config.OIDC_INTROSPECTION) return [];
  const problems: string[] = [];
  if (config.OIDC_ISSUERS.length === 0) problems.push('OIDC_INTROSPECTION: set OIDC_ISSUERS too');
  if (!config.OIDC_INTROSPECTION_CLIENT_ID || !config.OIDC_INTROSPECTION_CLIENT_SECRET)
    problems.push(
      'OIDC_INTROSPECTION_CLIENT_ID, OIDC_INTROSPECTION_CLIENT_SECRET: required with OIDC_INTROSPECTION',
    );
  if (config.isProduction && config.OIDC_INTROSPECTION_CLIENT_SECRET === DEV_INTROSPECTION_SECRET)
    problems.push('OIDC_INTROSPECTION_CLIENT_SECRET: must not be the development realm secret in production');
  return problems;
}

/** Builds the configuration from an environment, refusing to boot on any invalid or unsafe value. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const known = Object.keys(new AppConfig()).concat([
    'DATABASE_URL',
    'REDIS_URL',
    'JWT_SECRET',
    'OIDC_AUDIENCE',
    'OIDC_INTROSPECTION_CLIENT_ID',
    'OIDC_INTROSPECTION_CLIENT_SECRET',
    'LOG_CAPTURE_FILE',
    'BOOTSTRAP_ADMIN_EMAIL',
    'BOOTSTRAP_ADMIN_PASSWORD',
    'SEED_DEMO_DATA',
  ]);
  const picked = Object.fromEntries(
    known
      .filter((k) => env[k] !== undefined && k !== 'OIDC_ROLE_MAPPING' && k !== 'RATE_LIMITS')
      .map((k) => [k, env[k]]),
  );
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { whitelist: true });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
  if (config.isProduction && (!config.JWT_SECRET || config.JWT_SECRET === DEV_JWT_SECRET)) {
    problems.push('JWT_SECRET: required in production and must not be the development default');
  }
  if (config.OIDC_ISSUERS.length > 0 && !config.OIDC_AUDIENCE) {
    problems.push('OIDC_AUDIENCE: required with OIDC_ISSUERS (tokens for any other client are refused)');
  }
  problems.push(...introspectionProblems(config));
  if (config.isProduction && config.LOG_CAPTURE_FILE)
    problems.push('LOG_CAPTURE_FILE: for tests only, refused in production');
  const mapping = parseRoleMapping(env.OIDC_ROLE_MAPPING, config.OIDC_ISSUERS ?? []);
  problems.push(...mapping.problems);
  config.OIDC_ROLE_MAPPING = mapping.rules;
  try {
    config.RATE_LIMITS = parseRateLimits(env.RATE_LIMITS);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) {
    throw new InvalidConfiguration(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}

/** The process environment (plus a `.env` file in the working directory, if any), read in this one place only. */
export function loadConfigFromProcess(): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig(process.env);
}
