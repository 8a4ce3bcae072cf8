export * from './app';
export * from './database';
export * from './http';
export * from './scenario';
export * from './keycloak-standin';
export * from './log-secrets';
export * from './abac';
export * from './organization-app';
