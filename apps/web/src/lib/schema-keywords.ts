/**
 * The JSON-schema keywords of a shared TypeBox schema. They are on the object at run time but not
 * in its static type; reading them keeps the forms' early checks equal to the server's rules.
 */
export function schemaKeywords(schema: object): { minLength?: number; maxLength?: number; pattern?: string } {
  const { minLength, maxLength, pattern } = schema as Record<string, unknown>;
  return {
    ...(typeof minLength === 'number' ? { minLength } : {}),
    ...(typeof maxLength === 'number' ? { maxLength } : {}),
    ...(typeof pattern === 'string' ? { pattern } : {}),
  };
}
