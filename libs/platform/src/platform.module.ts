import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { Clock, SystemClock } from '@erp/kernel';
import { AppConfig } from './config/app-config';
import { AuditContext, initAuditState } from './audit/audit-context';
import { AuditRecorder } from './audit/audit-recorder';
import { AuditRoutes } from './audit/audit-routes';
import { dataSourceOptions } from './database/data-source-options';
import { RequestTransaction } from './database/request-transaction';
import { RequestTransactionInterceptor } from './database/request-transaction.interceptor';
import { AccessTokenService } from './auth/access-token.service';
import { AuthenticationGuard } from './auth/authentication.guard';
import { BearerAuthenticator } from './auth/bearer-authenticator';
import { OidcTokenVerifier } from './auth/oidc/oidc-token-verifier';
import { PolicyGuard } from './authorization/policy.guard';
import { PolicySubjects } from './authorization/policy/policy-subjects';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { EnvelopeInterceptor } from './http/envelope.interceptor';
import { IdempotencyInterceptor } from './http/idempotency/idempotency.interceptor';
import { IdempotencyStore } from './http/idempotency/idempotency.store';
import { createValidationPipe } from './http/validation.pipe';
import { AccessCache } from './cache/access-cache';
import { SharedCacheModule } from './cache/cache.module';
import { RecordCache } from './cache/record-cache';
import { RecordCacheMetrics } from './cache/record-cache.metrics';
import { HealthController } from './health/health.controller';
import { Lifecycle } from './observability/lifecycle';
import { Metrics } from './observability/metrics';
import { RedisConnection } from './redis/redis-connection';
import { RateLimitGuard } from './throttling/rate-limit.guard';
import { RateLimitModule } from './throttling/rate-limit.module';
import { MetaController } from './http/meta.controller';
import { ExpireRecordsJob } from './jobs/expire-records.job';
import { JobQueue } from './jobs/job-queue';
import { LoggingModule } from './observability/logging';

export interface PlatformOptions {
  config: AppConfig;
  databaseUrl: string;
}

/** Cross-cutting infrastructure: configuration, database, request context, HTTP conventions, guards. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ config, databaseUrl }: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ClsModule.forRoot({ global: true, middleware: { mount: true, setup: initAuditState } }),
        LoggingModule.forRoot(config),
        DiscoveryModule,
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, { role: 'runtime' }),
          autoLoadEntities: true,
        }),
        RateLimitModule,
        SharedCacheModule,
      ],
      controllers: [HealthController, MetaController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useClass: SystemClock },
        RedisConnection,
        AccessCache,
        RecordCache,
        Metrics,
        RecordCacheMetrics,
        Lifecycle,
        RequestTransaction,
        {
          provide: JobQueue,
          useFactory: (transaction: RequestTransaction) => new JobQueue(transaction, databaseUrl),
          inject: [RequestTransaction],
        },
        ExpireRecordsJob,
        PolicySubjects,
        AccessTokenService,
        OidcTokenVerifier,
        BearerAuthenticator,
        AuditContext,
        AuditRoutes,
        AuditRecorder,
        // In this order: who is calling, whether they are over their limit, what they may do.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: PolicyGuard },
        IdempotencyStore,
        // Outermost first: the envelope wraps what the transaction interceptor returns after commit;
        // an idempotent answer is remembered inside the transaction, before it commits.
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        { provide: APP_INTERCEPTOR, useClass: RequestTransactionInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [
        AppConfig,
        Clock,
        RedisConnection,
        AccessCache,
        RecordCache,
        Metrics,
        Lifecycle,
        RequestTransaction,
        JobQueue,
        AccessTokenService,
        OidcTokenVerifier,
        AuditContext,
        PolicySubjects,
      ],
    };
  }
}
