import { describe, expect, it } from 'vitest';
import { incidentioErrorDetails } from './incidentio-message.js';

describe('incident.io error details', () => {
  it.each([
    [
      '{"message":"Validation failed","errors":["Field is required","Value too long"]}',
      'Validation failed: Field is required, Value too long',
    ],
    [
      '{"error":"rate limit exceeded","message":"Too many requests"}',
      'Too many requests: rate limit exceeded',
    ],
    ['{"error":"internal error"}', 'internal error'],
    ['{}', ''],
    ['<html>bad gateway</html>', ''],
    ['', ''],
  ])('%s → %j', (body, details) => {
    expect(incidentioErrorDetails(body)).toBe(details);
  });
});
