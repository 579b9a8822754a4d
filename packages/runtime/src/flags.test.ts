import { describe, expect, it } from 'vitest';
import { envName, FlagError, parseFlags } from './flags.js';

const spec = {
  'config.file': { kind: 'string', help: 'config', default: 'alertmanager.yml' },
  'web.listen-address': { kind: 'string', help: 'listen', default: ':9093' },
  'data.retention': { kind: 'duration', help: 'retention', default: '120h' },
  'web.external-url': { kind: 'string', help: 'external url' },
  'web.max-body-bytes': { kind: 'int', help: 'limit', default: '1024' },
  verbose: { kind: 'bool', help: 'verbose', default: 'false' },
  integration: { kind: 'list', help: 'integrations', default: 'webhook' },
} as const;

describe('parseFlags', () => {
  it('takes defaults when nothing is given', () => {
    const flags = parseFlags(spec, [], {});
    expect(flags).toEqual({
      'config.file': 'alertmanager.yml',
      'web.listen-address': ':9093',
      'data.retention': 120 * 3600 * 1000,
      'web.external-url': undefined,
      'web.max-body-bytes': 1024,
      verbose: false,
      integration: ['webhook'],
    });
  });

  it('reads --name value and --name=value, later flags winning', () => {
    const flags = parseFlags(
      spec,
      ['--config.file', 'a.yml', '--data.retention=1h', '--config.file=b.yml'],
      {},
    );
    expect(flags['config.file']).toBe('b.yml');
    expect(flags['data.retention']).toBe(3_600_000);
  });

  it('falls back to TOCSIN_* env vars, flags overriding them', () => {
    const env = { TOCSIN_CONFIG_FILE: 'env.yml', TOCSIN_WEB_LISTEN_ADDRESS: '127.0.0.1:1' };
    const flags = parseFlags(spec, ['--web.listen-address', '127.0.0.1:2'], env);
    expect(flags['config.file']).toBe('env.yml');
    expect(flags['web.listen-address']).toBe('127.0.0.1:2');
    expect(envName('web.listen-address')).toBe('TOCSIN_WEB_LISTEN_ADDRESS');
  });

  it('accumulates list flags and splits commas', () => {
    expect(
      parseFlags(spec, ['--integration', 'webhook,email', '--integration=slack'], {}).integration,
    ).toEqual(['webhook', 'email', 'slack']);
  });

  it('treats a bare bool flag as true', () => {
    expect(parseFlags(spec, ['--verbose'], {}).verbose).toBe(true);
    expect(parseFlags(spec, ['--verbose', '--config.file', 'x'], {}).verbose).toBe(true);
  });

  it.each([
    [['--nope'], 'unknown flag --nope'],
    [['--config.file'], 'flag --config.file needs a value'],
    [['--data.retention', '5x'], '--data.retention: not a valid duration string: "5x"'],
    [['--web.max-body-bytes', '-3'], '--web.max-body-bytes: "-3" is not a non-negative integer'],
    [['stray'], 'unexpected argument "stray"'],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => parseFlags(spec, argv, {})).toThrow(FlagError);
    expect(() => parseFlags(spec, argv, {})).toThrow(message);
  });
});
