import { AppError } from '../errors/app-error';
import type { MessageEvent } from './message-events';
import type { MessageTemplate } from './message-template';
import { validateTemplate } from './validate-template';

/**
 * For save routes: a VALIDATION error (HTTP 400) whose details carry the unknown variables and the
 * list the shop may use instead, so the editor can show both.
 */
export function assertValidTemplate(event: MessageEvent, template: MessageTemplate): void {
  const validation = validateTemplate(event, template);
  if (validation.valid) return;
  const first = validation.problems[0];
  const message =
    validation.unknownVariables.length > 0
      ? `Unknown variables: ${validation.unknownVariables.map((name) => `%${name}%`).join(', ')}. ` +
        `Allowed: ${validation.allowedVariables.map((name) => `%${name}%`).join(', ')}.`
      : (first?.message ?? 'The template is not valid.');
  throw new AppError('VALIDATION', message, {
    unknownVariables: validation.unknownVariables,
    allowedVariables: validation.allowedVariables,
    problems: validation.problems,
  });
}
