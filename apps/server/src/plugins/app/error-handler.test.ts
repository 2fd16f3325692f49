import { Permission } from '@bokujo/shared';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../errors.ts';
import errorHandler from './error-handler.ts';

async function appWithRoutes() {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>().setValidatorCompiler(TypeBoxValidatorCompiler);
  await app.register(errorHandler);
  const config = { permission: Permission.public };
  app.post(
    '/things',
    { config, schema: { body: Type.Object({ name: Type.String({ minLength: 1 }), size: Type.Integer() }) } },
    async ({ body }) => body,
  );
  app.get('/conflict', { config }, async () => {
    throw new ConflictError('A cluster named "prod" exists', [{ field: '/body/name', reason: 'is taken' }]);
  });
  app.get('/crash', { config }, async () => {
    throw new Error('database password is hunter2');
  });
  return app;
}

describe('error handler', () => {
  it('names each invalid field and the reason', async () => {
    const app = await appWithRoutes();
    const response = await app.inject({ method: 'POST', url: '/things', payload: { name: '', size: 'big' } });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; details: { field: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((detail) => detail.field)).toEqual(expect.arrayContaining(['/body/name', '/body/size']));
  });

  it('names a missing field', async () => {
    const app = await appWithRoutes();
    const response = await app.inject({ method: 'POST', url: '/things', payload: { size: 1 } });
    const body = response.json<{ details: { field: string; reason: string }[] }>();
    expect(body.details).toContainEqual({ field: '/body/name', reason: expect.any(String) as unknown });
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const app = await appWithRoutes();
    const response = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('passes a domain error through with its details', async () => {
    const app = await appWithRoutes();
    const response = await app.inject({ method: 'GET', url: '/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'A cluster named "prod" exists',
      details: [{ field: '/body/name', reason: 'is taken' }],
    });
  });

  it('hides the text of an unexpected failure', async () => {
    const app = await appWithRoutes();
    const response = await app.inject({ method: 'GET', url: '/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('hunter2');
    expect(response.json()).toMatchObject({ code: 'INTERNAL' });
  });
});
