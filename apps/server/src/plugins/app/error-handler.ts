import { ErrorCode, type ErrorResponse, type FieldError } from '@bokujo/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../../errors.ts';

interface SchemaValidationIssue {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns every failure into the one error body of the API; 5xx texts never reach the client. */
export default fp(
  function errorHandler(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const body = toErrorResponse(error);
      if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: body.code, statusCode: body.statusCode }, body.message);
      return reply.code(body.statusCode).send(body);
    });
  },
  { name: 'error-handler' },
);

/** The API's 404; the web-app plugin installs it as the not-found handler for non-page requests. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const body: ErrorResponse = {
    statusCode: 404,
    code: ErrorCode.notFound,
    message: `No route ${request.method} ${request.url.split('?')[0]}`,
  };
  return reply.code(404).send(body);
}

function toErrorResponse(error: FastifyError): ErrorResponse {
  if (error instanceof HttpError) {
    return withDetails({ statusCode: error.statusCode, code: error.code, message: error.message }, error.details);
  }
  if (error.validation) {
    const context = error.validationContext ?? 'body';
    const details = (error.validation as SchemaValidationIssue[]).map((issue) => toFieldError(context, issue));
    return withDetails({ statusCode: 400, code: ErrorCode.validation, message: 'The request is invalid' }, details);
  }
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    return { statusCode, code: codeByStatus[statusCode] ?? ErrorCode.badRequest, message: error.message };
  }
  return { statusCode: 500, code: ErrorCode.internal, message: 'Something went wrong inside Bokujo; see its log' };
}

const codeByStatus: Partial<Record<number, ErrorCode>> = {
  401: ErrorCode.unauthenticated,
  403: ErrorCode.forbidden,
  404: ErrorCode.notFound,
  409: ErrorCode.conflict,
  429: ErrorCode.rateLimited,
};

function toFieldError(context: string, issue: SchemaValidationIssue): FieldError {
  const missing = issue.params?.['missingProperty'] ?? issue.params?.['requiredProperties'];
  const property = Array.isArray(missing) ? String(missing[0]) : typeof missing === 'string' ? missing : undefined;
  const path = property ? `${issue.instancePath}/${property}` : issue.instancePath;
  return { field: `/${context}${path}`, reason: issue.message ?? 'is invalid' };
}

function withDetails(body: ErrorResponse, details: FieldError[] | undefined): ErrorResponse {
  return details && details.length > 0 ? { ...body, details } : body;
}
