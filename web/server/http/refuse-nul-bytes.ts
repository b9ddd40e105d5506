// Refuses any request whose URL (path, query) or parsed body holds a NUL character, before a route
// sees it: one clear 400 on both databases instead of a 500 from PostgreSQL (see core/text/nul-bytes).
import type { RequestHandler } from 'express';
import { AppError } from '../../core/errors/app-error';
import { containsNulByte } from '../../core/text/nul-bytes';

const ENCODED_NUL = /%00/i;

export const refuseNulBytes: RequestHandler = (req, _res, next) => {
  if (ENCODED_NUL.test(req.originalUrl) || req.originalUrl.includes('\u0000') || containsNulByte(req.body)) {
    next(new AppError('VALIDATION', 'The request contains a NUL character (U+0000), which is not allowed.'));
    return;
  }
  next();
};
