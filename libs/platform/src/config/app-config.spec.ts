import { InvalidConfiguration, loadConfig } from './app-config';

describe('configuration', () => {
  it('has working development defaults', () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe('development');
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DB_MIGRATE_ON_START).toBe(true);
    expect(config.seedDemoData).toBe(true);
  });

  it('parses numbers, booleans and lists', () => {
    const config = loadConfig({
      PORT: '8080',
      DB_MIGRATE_ON_START: 'false',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.PORT).toBe(8080);
    expect(config.DB_MIGRATE_ON_START).toBe(false);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('refuses invalid values with every problem named', () => {
    expect(() => loadConfig({ PORT: 'eighty', NODE_ENV: 'staging' })).toThrow(
      /PORT[\s\S]*NODE_ENV|NODE_ENV[\s\S]*PORT/,
    );
  });

  it('keeps audit rows a year by default and never less than 30 days', () => {
    expect(loadConfig({}).AUDIT_RETENTION_DAYS).toBe(365);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '90' }).AUDIT_RETENTION_DAYS).toBe(90);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '7' })).toThrow(/AUDIT_RETENTION_DAYS/);
  });

  it('has security scan thresholds with defaults, and refuses nonsense', () => {
    const defaults = loadConfig({});
    expect(defaults.SECURITY_SCAN_FAILED_LOGINS_PER_ACCOUNT).toBe(10);
    expect(defaults.SECURITY_SCAN_DORMANT_DAYS).toBe(90);
    expect(defaults.SECURITY_SCAN_DAILY).toBe(true);
    expect(loadConfig({ SECURITY_SCAN_BURST_WINDOW_MINUTES: '5' }).SECURITY_SCAN_BURST_WINDOW_MINUTES).toBe(
      5,
    );
    expect(() => loadConfig({ SECURITY_SCAN_FAILED_LOGINS_PER_IP: '1' })).toThrow(
      /SECURITY_SCAN_FAILED_LOGINS_PER_IP/,
    );
    expect(() => loadConfig({ SECURITY_SCAN_LOOKBACK_HOURS: 'soon' })).toThrow(
      /SECURITY_SCAN_LOOKBACK_HOURS/,
    );
  });

  it('refuses to start in production without a real secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(InvalidConfiguration);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).isProduction).toBe(true);
  });
});
