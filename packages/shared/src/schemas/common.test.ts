import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ErrorResponseSchema } from './common.ts';

describe('ErrorResponseSchema', () => {
  it('accepts a field-level validation error', () => {
    const body = {
      statusCode: 400,
      code: ErrorCode.validation,
      message: 'The request is invalid',
      details: [{ field: '/body/name', reason: 'must not be empty' }],
    };
    expect(Value.Check(ErrorResponseSchema, body)).toBe(true);
  });

  it('rejects an unknown code and a success status', () => {
    expect(Value.Check(ErrorResponseSchema, { statusCode: 400, code: 'OOPS', message: 'x' })).toBe(false);
    expect(Value.Check(ErrorResponseSchema, { statusCode: 200, code: ErrorCode.internal, message: 'x' })).toBe(false);
  });
});
