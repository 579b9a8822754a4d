import { describe, expect, it } from 'vitest';
import { logfmtKey, logfmtValue, toLogfmt } from './logfmt.js';
import { createLogger, parseLogFormat } from './logger.js';

describe('logfmtValue', () => {
  it('leaves plain words, numbers and booleans bare', () => {
    expect(logfmtValue('Listening')).toBe('Listening');
    expect(logfmtValue('http://127.0.0.1:9093/api')).toBe('http://127.0.0.1:9093/api');
    expect(logfmtValue(9093)).toBe('9093');
    expect(logfmtValue(false)).toBe('false');
    expect(logfmtValue(null)).toBe('null');
  });

  it('quotes empty values and values holding a space, = or "', () => {
    expect(logfmtValue('')).toBe('""');
    expect(logfmtValue('Starting Tocsin')).toBe('"Starting Tocsin"');
    expect(logfmtValue('a=b')).toBe('"a=b"');
    expect(logfmtValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(logfmtValue('a"b')).toBe('"a\\"b"');
  });

  it('escapes backslashes only inside quotes', () => {
    expect(logfmtValue('C:\\dir')).toBe('C:\\dir');
    expect(logfmtValue('C:\\my dir')).toBe('"C:\\\\my dir"');
  });

  it('escapes control characters so one event stays one line', () => {
    expect(logfmtValue('line1\nline2')).toBe('"line1\\nline2"');
    expect(logfmtValue('a\tb\rc')).toBe('"a\\tb\\rc"');
    expect(logfmtValue('bell\u0007')).toBe('"bell\\u0007"');
  });

  it('replaces a lone surrogate, which UTF-8 cannot carry', () => {
    expect(logfmtValue('x\ud800')).toBe('"x\ufffd"');
    expect(logfmtValue('émoji 🔔')).toBe('"émoji 🔔"');
    expect(logfmtValue('🔔')).toBe('🔔');
  });

  it('writes objects and arrays as quoted JSON', () => {
    expect(logfmtValue(['notify.webhook', 'notify.email'])).toBe(
      '"[\\"notify.webhook\\",\\"notify.email\\"]"',
    );
    expect(logfmtValue({ a: 1 })).toBe('"{\\"a\\":1}"');
  });
});

describe('logfmtKey', () => {
  it('replaces characters that would end a key', () => {
    expect(logfmtKey('group key')).toBe('group_key');
    expect(logfmtKey('a=b"c')).toBe('a_b_c');
    expect(logfmtKey('')).toBe('_');
    expect(logfmtKey('trace_id')).toBe('trace_id');
  });
});

describe('toLogfmt', () => {
  it('puts ts, level, service, instance and msg first, then the event fields', () => {
    const line = toLogfmt({
      level: 40,
      time: '2026-01-01T00:00:00.000Z',
      instance: 'host:12',
      service: 'notifier',
      queue: 'notify.webhook',
      msg: 'Job failed',
      err: 'unexpected status code 500',
      attempts: 3,
    });
    expect(line).toBe(
      'ts=2026-01-01T00:00:00.000Z level=warn service=notifier instance=host:12 msg="Job failed" queue=notify.webhook err="unexpected status code 500" attempts=3',
    );
  });
});

describe('createLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, destination: { write: (line: string) => void lines.push(line) } };
  };

  it('writes one JSON object per line with service and instance by default', () => {
    const { lines, destination } = capture();
    const logger = createLogger('ingest', 'info', { destination });
    logger.info({ port: 9093 }, 'Listening');
    logger.debug('not at info');
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0] as string);
    expect(event).toMatchObject({ level: 30, service: 'ingest', port: 9093, msg: 'Listening' });
    expect(event.instance).toMatch(/:\d+$/);
    expect(lines[0]?.endsWith('\n')).toBe(true);
  });

  it('writes logfmt lines with --log.format=logfmt and merges the mixin fields', () => {
    const { lines, destination } = capture();
    const logger = createLogger('dispatcher', 'debug', {
      format: 'logfmt',
      destination,
      mixin: () => ({ trace_id: 'abc123' }),
    });
    logger.debug({ groups: ['a', 'b'] }, 'Tick done');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^ts=\S+ level=debug service=dispatcher instance=\S+:\d+ msg="Tick done" trace_id=abc123 groups="\[\\"a\\",\\"b\\"\]"\n$/,
    );
  });

  it('accepts json and logfmt as --log.format and names the flag otherwise', () => {
    expect(parseLogFormat('json')).toBe('json');
    expect(parseLogFormat('logfmt')).toBe('logfmt');
    expect(() => parseLogFormat('text')).toThrow(/--log.format/);
  });
});
