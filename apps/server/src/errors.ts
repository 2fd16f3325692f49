import { ErrorCode, type FieldError } from '@bokujo/shared';

/** A refusal Bokujo means to give; the error handler turns it into the shared error body. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly details: FieldError[] | undefined;
  constructor(statusCode: number, code: ErrorCode, message: string, details?: FieldError[]) {
    super(message);
    this.name = new.target.name;
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

export class InputError extends HttpError {
  constructor(message: string, details?: FieldError[]) {
    super(400, ErrorCode.validation, message, details);
  }
}

export class UnauthenticatedError extends HttpError {
  constructor(message = 'Sign in first') {
    super(401, ErrorCode.unauthenticated, message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, ErrorCode.forbidden, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, ErrorCode.notFound, message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, details?: FieldError[]) {
    super(409, ErrorCode.conflict, message, details);
  }
}

export class UpstreamError extends HttpError {
  constructor(message: string) {
    super(502, ErrorCode.upstream, message);
  }
}
