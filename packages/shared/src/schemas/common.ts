import Type from 'typebox';

/** The machine-readable reasons Bokujo's own API gives for refusing a request. */
export const ErrorCode = {
  badRequest: 'BAD_REQUEST',
  validation: 'VALIDATION_FAILED',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  rateLimited: 'RATE_LIMITED',
  upstream: 'UPSTREAM_FAILED',
  unavailable: 'UNAVAILABLE',
  internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const FieldErrorSchema = Type.Object({
  /** Where the problem is, as a JSON pointer into the request (`/body/name`) or a variable name. */
  field: Type.String(),
  /** Why the value was refused, in plain English; the SPA translates by `code` where it can. */
  reason: Type.String(),
});
export type FieldError = Type.Static<typeof FieldErrorSchema>;

/** The single error body of Bokujo's own API. Kubernetes `Status` errors pass through unchanged. */
export const ErrorResponseSchema = Type.Object({
  statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
  code: Type.Enum(Object.values(ErrorCode)),
  message: Type.String(),
  details: Type.Optional(Type.Array(FieldErrorSchema)),
});
export type ErrorResponse = Type.Static<typeof ErrorResponseSchema>;

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  checks: Type.Optional(
    Type.Record(Type.String(), Type.Object({ ok: Type.Boolean(), message: Type.Optional(Type.String()) })),
  ),
});
export type Health = Type.Static<typeof HealthSchema>;

/** Every list in the API answers `{ items }`, so paging can be added without breaking callers. */
export const ListOf = <T extends Type.TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
