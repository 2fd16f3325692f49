import { ErrorResponseSchema } from '@bokujo/shared';

/** Response schemas of the refusals a route may give, all in the one shared error body. */
export function errorResponses<Code extends number>(...codes: Code[]) {
  return Object.fromEntries(codes.map((code) => [code, ErrorResponseSchema])) as Record<
    Code,
    typeof ErrorResponseSchema
  >;
}

/** What most routes of the API may answer besides success. */
export const commonErrors = errorResponses(400, 401, 403, 404, 409);
