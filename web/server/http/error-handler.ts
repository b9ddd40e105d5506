// One place that turns errors into HTTP answers: typed AppErrors keep their code and message,
// everything else is logged with context and answered with a generic 500.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, type ErrorCode } from '../../core/errors/app-error';
import type { Logger } from '../../runtime/logger';

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INSUFFICIENT_POINTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
};

// A body with thousands of bad or unknown keys must not produce an answer thousands of times larger
// (zod lists every unknown key in one message): the answer lists the first issues, each shortened.
const MAX_ISSUES = 20;
const MAX_TEXT = 200;

function shorten(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

export function describeZodError(error: ZodError): { message: string; issues: Array<{ path: string; message: string }> } {
  const issues = error.issues.slice(0, MAX_ISSUES).map((issue) => ({ path: shorten(issue.path.join('.')), message: shorten(issue.message) }));
  const first = issues[0];
  const more = error.issues.length > MAX_ISSUES ? ` (and ${error.issues.length - 1} more issues)` : '';
  return { message: first ? `${first.path || 'body'}: ${first.message}${more}` : 'Invalid input.', issues };
}

export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
}

/** The HTTP answer for an error; unknown errors are logged with `context` and answered with a generic 500. */
export function answerForError(error: unknown, logger: Logger, context: Record<string, unknown>): ErrorAnswer {
  if (error instanceof AppError) return { status: statusByCode[error.code], body: { error: { code: error.code, message: error.message, details: error.details } } };
  if (error instanceof ZodError) {
    const { message, issues } = describeZodError(error);
    return { status: 400, body: { error: { code: 'VALIDATION', message, details: issues } } };
  }
  // body-parser's own errors carry a status and a type.
  const parserError = error as { status?: number; type?: string };
  if (parserError.type === 'entity.too.large') return { status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } } };
  if (parserError.type === 'entity.parse.failed') return { status: 400, body: { error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } } };
  logger.error({ err: error, ...context }, 'unhandled error');
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' } } };
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const answer = answerForError(error, logger, { method: req.method, path: req.path });
    res.status(answer.status).json(answer.body);
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}.` } });
};
