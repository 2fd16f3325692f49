import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSelfSignedCertificate } from '../test/self-signed-certificate.ts';
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

describe('loadConfig BOKUJO_DATABASE_URL', () => {
  it('keeps the embedded SQLite store when unset', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });

  it('takes a postgres URL', () => {
    const url = 'postgres://bokujo:s3cret@db.example.test:5432/bokujo?sslmode=require';
    expect(loadConfig({ BOKUJO_DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ BOKUJO_DATABASE_URL: 'postgresql://db/bokujo' }).databaseUrl).toBe('postgresql://db/bokujo');
  });

  it.each([
    ['not a url', /BOKUJO_DATABASE_URL=\(hidden\): is not a URL/],
    ['mysql://u:hunter22@db/bokujo', /BOKUJO_DATABASE_URL=\(hidden\): has the scheme "mysql:"/],
    ['postgres://u:hunter22@db.example.test', /BOKUJO_DATABASE_URL=\(hidden\): names no database/],
  ])('refuses %s, naming the variable without echoing the password', (value, problem) => {
    let thrown: unknown;
    try {
      loadConfig({ BOKUJO_DATABASE_URL: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).message).toMatch(problem);
    expect((thrown as ConfigError).message).not.toContain('hunter22');
  });
});

describe('loadConfig TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bokujo-config-tls-'));
  const pair = writeSelfSignedCertificate(dir, 'serving');
  const other = writeSelfSignedCertificate(dir, 'other');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function problemsOf(environment: Record<string, string>) {
    try {
      loadConfig(environment);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('loadConfig accepted the environment');
  }

  it('serves plain http when neither file is set', () => {
    expect(loadConfig({}).tls).toBeUndefined();
  });

  it('reads a certificate and its key', () => {
    const config = loadConfig({ BOKUJO_TLS_CERT_FILE: pair.certFile, BOKUJO_TLS_KEY_FILE: pair.keyFile });
    expect(config.tls).toEqual({
      certFile: pair.certFile,
      keyFile: pair.keyFile,
      cert: pair.cert,
      key: readFileSync(pair.keyFile, 'utf8'),
    });
  });

  it('refuses one file without the other, naming the missing variable', () => {
    expect(problemsOf({ BOKUJO_TLS_CERT_FILE: pair.certFile })).toEqual([
      'BOKUJO_TLS_KEY_FILE is not set, but BOKUJO_TLS_CERT_FILE is: https needs both or neither',
    ]);
    expect(problemsOf({ BOKUJO_TLS_KEY_FILE: pair.keyFile })).toEqual([
      'BOKUJO_TLS_CERT_FILE is not set, but BOKUJO_TLS_KEY_FILE is: https needs both or neither',
    ]);
  });

  it('refuses files that cannot be read, together with other bad variables', () => {
    const missing = join(dir, 'nowhere.crt');
    const problems = problemsOf({ BOKUJO_PORT: 'x', BOKUJO_TLS_CERT_FILE: missing, BOKUJO_TLS_KEY_FILE: dir });
    expect(problems).toHaveLength(3);
    expect(problems).toContain(`BOKUJO_TLS_CERT_FILE="${missing}": cannot read the file (ENOENT)`);
    expect(problems).toContain(`BOKUJO_TLS_KEY_FILE="${dir}": cannot read the file (EISDIR)`);
    expect(problems.some((problem) => problem.startsWith('BOKUJO_PORT="x"'))).toBe(true);
  });

  it('refuses files that hold something else than a PEM certificate and key', () => {
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'hello\n');
    // Swapped: the key where the certificate belongs and the other way round.
    const swapped = problemsOf({ BOKUJO_TLS_CERT_FILE: pair.keyFile, BOKUJO_TLS_KEY_FILE: pair.certFile });
    expect(swapped).toHaveLength(2);
    expect(swapped[0]).toMatch(/^BOKUJO_TLS_CERT_FILE=".*serving\.key": not a PEM certificate/);
    expect(swapped[1]).toMatch(/^BOKUJO_TLS_KEY_FILE=".*serving\.crt": not an unencrypted PEM private key/);
    expect(problemsOf({ BOKUJO_TLS_CERT_FILE: garbage, BOKUJO_TLS_KEY_FILE: pair.keyFile })).toEqual([
      expect.stringMatching(/^BOKUJO_TLS_CERT_FILE=".*garbage\.pem": not a PEM certificate/),
    ]);
  });

  it('refuses a key that belongs to another certificate', () => {
    expect(problemsOf({ BOKUJO_TLS_CERT_FILE: pair.certFile, BOKUJO_TLS_KEY_FILE: other.keyFile })).toEqual([
      `BOKUJO_TLS_KEY_FILE="${other.keyFile}": this key does not belong to the certificate in BOKUJO_TLS_CERT_FILE`,
    ]);
  });
});
