import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, logLevel: 'info', dataDir: resolve('./data') });
  });

  it('converts and keeps valid values', () => {
    const config = loadConfig({ BOKUJO_PORT: '0', BOKUJO_LOG_LEVEL: 'debug', BOKUJO_DATA_DIR: '/tmp/b' });
    expect(config).toMatchObject({ port: 0, logLevel: 'debug', dataDir: '/tmp/b' });
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ BOKUJO_PORT: '80x', BOKUJO_LOG_LEVEL: 'loud', BOKUJO_HOST: '127.0.0.1' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const { problems, message } = thrown as ConfigError;
    expect(problems).toHaveLength(2);
    expect(message).toContain('BOKUJO_PORT="80x"');
    expect(message).toMatch(/BOKUJO_LOG_LEVEL="loud".*one of: fatal, error/);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ BOKUJO_PORT: '70000' })).toThrow(/BOKUJO_PORT="70000"/);
  });
});
