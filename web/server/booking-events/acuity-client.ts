// Acuity Scheduling's REST API, the one call the adapter needs: GET /appointments/:id (basic auth with
// the user id and API key). Its notifications carry only the appointment id, so the adapter reads the
// appointment's current state here. The base URL is configurable (ACUITY_API_URL) so tests use the
// simulator in test/simulator/acuity.
import { z } from 'zod';

const text = z.string().nullable().optional().transform((value) => value ?? '');

export const acuityAppointmentSchema = z.object({
  id: z.union([z.number().int(), z.string()]).transform(String),
  firstName: text,
  lastName: text,
  email: text,
  phone: text,
  /** ISO 8601 with an offset, e.g. 2026-11-27T10:00:00+0100 */
  datetime: z.string(),
  /** minutes, as a string in Acuity's answers */
  duration: z.union([z.string(), z.number()]).optional().transform((value) => (value === undefined || value === '' ? null : Number(value))),
  appointmentTypeID: z.union([z.number().int(), z.string()]).nullable().optional().transform((value) => (value === null || value === undefined ? null : String(value))),
  type: text,
  calendarID: z.union([z.number().int(), z.string()]).nullable().optional(),
  canceled: z.boolean().optional().default(false),
  noShow: z.boolean().optional().default(false),
}).passthrough();

export type AcuityAppointment = z.infer<typeof acuityAppointmentSchema>;

export class AcuityApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'AcuityApiError';
  }
}

export async function fetchAcuityAppointment(
  options: { baseUrl: string; userId: string; apiKey: string; fetch?: typeof fetch },
  appointmentId: string,
): Promise<AcuityAppointment> {
  const url = `${options.baseUrl}/appointments/${encodeURIComponent(appointmentId)}`;
  const response = await (options.fetch ?? fetch)(url, {
    headers: { authorization: `Basic ${Buffer.from(`${options.userId}:${options.apiKey}`).toString('base64')}`, accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new AcuityApiError(response.status, `Acuity answered ${response.status} for appointment ${appointmentId}`);
  return acuityAppointmentSchema.parse(await response.json());
}
