export * from './domain-error';
export * from './clock';
export * from './id';
export * from './page';
export * from './role-level';
