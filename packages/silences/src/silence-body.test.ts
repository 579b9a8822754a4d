import { describe, expect, it } from 'vitest';
import { SilenceParseError, SilenceSchemaError } from './errors.js';
import { decodePostableSilence } from './silence-body.js';

const valid = {
  matchers: [{ name: 'a', value: 'b', isRegex: false }],
  startsAt: '2024-01-01T00:00:00Z',
  endsAt: '2024-01-01T01:00:00Z',
  createdBy: 't',
  comment: 'c',
};

function failure(body: unknown): { status: number; body: unknown; type: string } {
  try {
    decodePostableSilence(body);
  } catch (err) {
    if (err instanceof SilenceSchemaError || err instanceof SilenceParseError) {
      return { status: err.status, body: err.body, type: err.name };
    }
    throw err;
  }
  throw new Error('decoded without error');
}

describe('decodePostableSilence: schema (422) as go-openapi validates postableSilence', () => {
  it('reports the first missing field in the model order: comment, createdBy, endsAt, matchers, startsAt', () => {
    // 18-api-invalid "silence-empty-object": {"code":602,"message":"comment in body is required"}
    expect(failure({})).toEqual({
      status: 422,
      body: { code: 602, message: 'comment in body is required' },
      type: 'SilenceSchemaError',
    });
    expect(failure({ comment: 'c' }).body).toEqual({ code: 602, message: 'createdBy in body is required' });
    expect(failure({ comment: 'c', createdBy: 'x' }).body).toEqual({
      code: 602,
      message: 'endsAt in body is required',
    });
    const { matchers: _m, ...noMatchers } = valid;
    expect(failure(noMatchers).body).toEqual({ code: 602, message: 'matchers in body is required' });
    const { startsAt: _s, ...noStart } = valid;
    expect(failure(noStart).body).toEqual({ code: 602, message: 'startsAt in body is required' });
  });

  it('refuses an empty matcher list with code 612', () => {
    // 18-api-invalid "silence-no-matchers"
    expect(failure({ ...valid, matchers: [] })).toEqual({
      status: 422,
      body: { code: 612, message: 'matchers in body should have at least 1 items' },
      type: 'SilenceSchemaError',
    });
  });

  it('requires isRegex, name and value of every matcher, but not isEqual', () => {
    expect(failure({ ...valid, matchers: [{ name: 'a', value: 'b' }] }).body).toEqual({
      code: 602,
      message: 'matchers.0.isRegex in body is required',
    });
    expect(
      failure({
        ...valid,
        matchers: [
          { name: 'a', value: 'b', isRegex: false },
          { isRegex: true, value: 'x' },
        ],
      }).body,
    ).toEqual({ code: 602, message: 'matchers.1.name in body is required' });
    expect(failure({ ...valid, matchers: [{ name: 'a', isRegex: false }] }).body).toEqual({
      code: 602,
      message: 'matchers.0.value in body is required',
    });
    expect(decodePostableSilence(valid).matchers).toEqual([
      { name: 'a', value: 'b', isRegex: false, isEqual: true },
    ]);
  });

  it('treats JSON null like an absent field, and a missing body as "silence in body is required"', () => {
    expect(failure({ ...valid, comment: null }).body).toEqual({
      code: 602,
      message: 'comment in body is required',
    });
    expect(failure({ ...valid, matchers: null }).body).toEqual({
      code: 602,
      message: 'matchers in body is required',
    });
    expect(failure(null).body).toEqual({ code: 602, message: 'comment in body is required' });
    expect(failure(undefined)).toEqual({
      status: 422,
      body: { code: 602, message: 'silence in body is required' },
      type: 'SilenceSchemaError',
    });
  });

  it('accepts empty createdBy and comment (required keys, not required content)', () => {
    const d = decodePostableSilence({ ...valid, createdBy: '', comment: '' });
    expect([d.createdBy, d.comment]).toEqual(['', '']);
  });
});

describe('decodePostableSilence: decoding (400) as encoding/json decodes into the models', () => {
  it('refuses a body that is not an object', () => {
    expect(failure([valid])).toEqual({
      status: 400,
      body: {
        code: 400,
        message:
          'parsing silence body from "" failed, because json: cannot unmarshal array into Go value of type struct { ID string "json:\\"id,omitempty\\"" }',
      },
      type: 'SilenceParseError',
    });
  });

  it('names the Go struct field of a type error', () => {
    expect(failure({ ...valid, comment: 5 }).body).toEqual({
      code: 400,
      message:
        'parsing silence body from "" failed, because json: cannot unmarshal number into Go struct field Silence.comment of type string',
    });
    expect(failure({ ...valid, id: 7 }).body).toEqual({
      code: 400,
      message:
        'parsing silence body from "" failed, because json: cannot unmarshal number into Go struct field .id of type string',
    });
    expect(failure({ ...valid, matchers: [{ name: 'a', value: 'b', isRegex: 'yes' }] }).body).toEqual({
      code: 400,
      message:
        'parsing silence body from "" failed, because json: cannot unmarshal string into Go struct field Matcher.matchers.isRegex of type bool',
    });
    expect(failure({ ...valid, matchers: { name: 'a' } }).body).toEqual({
      code: 400,
      message:
        'parsing silence body from "" failed, because json: cannot unmarshal object into Go struct field Silence.matchers of type models.Matchers',
    });
  });

  it('reports a bad date-time at once, ahead of an earlier type error', () => {
    // comment (a type error) comes first in the document, the bad startsAt later.
    const body: Record<string, unknown> = { comment: 5 };
    Object.assign(body, valid, { comment: 5, startsAt: 'yesterday' });
    expect(Object.keys(body)[0]).toBe('comment');
    expect(failure(body).body).toEqual({
      code: 400,
      message:
        'parsing silence body from "" failed, because parsing time "yesterday" as "2006-01-02": cannot parse "yesterday" as "2006"',
    });
  });

  it('keeps the first of several type errors', () => {
    expect(failure({ createdBy: 1, comment: true, matchers: [], startsAt: '', endsAt: '' }).body).toEqual({
      code: 400,
      message:
        'parsing silence body from "" failed, because json: cannot unmarshal number into Go struct field Silence.createdBy of type string',
    });
  });

  it('decodes "" as the Unix epoch and matches keys case-insensitively', () => {
    const d = decodePostableSilence({ ...valid, StartsAt: '', startsAt: undefined, COMMENT: 'upper' });
    expect(d.startsAt).toBe(0);
    expect(d.comment).toBe('upper');
  });

  it('replaces lone surrogates with U+FFFD like Go', () => {
    const d = decodePostableSilence({
      ...valid,
      matchers: [{ name: 'a', value: 'x\ud800', isRegex: false }],
    });
    expect(d.matchers[0]?.value).toBe('x\ufffd');
  });
});
