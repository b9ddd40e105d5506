import { assertValidTemplate } from '../../../web/core/messaging/assert-valid-template';
import { AppError } from '../../../web/core/errors/app-error';

describe('assertValidTemplate', () => {
  it('throws a VALIDATION error naming the unknown variables and carrying the allowed list', () => {
    let thrown: unknown;
    try {
      assertValidTemplate('welcome', { subject: 'Hi %nick%', html: 'x', text: 'x', sms: '' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('%nick%');
    expect(error.message).toContain('%first_name%');
    expect(error.details).toMatchObject({ unknownVariables: ['nick'], allowedVariables: expect.arrayContaining(['first_name']) });
  });

  it('passes a valid template', () => {
    expect(() => assertValidTemplate('welcome', { subject: 'Hi %first_name%', html: 'x', text: 'x', sms: '' })).not.toThrow();
  });
});
