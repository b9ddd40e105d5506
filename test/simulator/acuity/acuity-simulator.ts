// A small stand-in for Acuity Scheduling: its appointments API (GET /api/v1/appointments/:id with basic
// auth, answering in Acuity's documented JSON) and its webhook notifications (form-encoded, signed with
// X-Acuity-Signature = base64 HMAC-SHA256 of the body keyed by the API key). Tests point the app's
// ACUITY_API_URL at it.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimAppointment {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** local time with Acuity's offset form, e.g. 2026-11-27T10:00:00+0100 */
  datetime: string;
  duration: number;
  appointmentTypeID: number;
  type: string;
  calendarID: number;
  canceled: boolean;
  noShow: boolean;
}

export type AcuityAction = 'scheduled' | 'rescheduled' | 'canceled' | 'changed';

export interface AcuitySimulator {
  /** the API base URL, e.g. http://127.0.0.1:1234/api/v1 */
  apiUrl: string;
  appointments: Map<number, SimAppointment>;
  /** API calls received, for assertions */
  requests: string[];
  book(appointment: Omit<SimAppointment, 'id' | 'canceled' | 'noShow' | 'calendarID'> & { calendarID?: number }): SimAppointment;
  /** the notification Acuity would send for an appointment: body and signature header */
  notification(action: AcuityAction, appointmentId: number): { body: string; signature: string };
  close(): Promise<void>;
}

export async function startAcuitySimulator(credentials: { userId: string; apiKey: string }): Promise<AcuitySimulator> {
  const appointments = new Map<number, SimAppointment>();
  const requests: string[] = [];
  let nextId = 1_000_000;
  const expectedAuth = `Basic ${Buffer.from(`${credentials.userId}:${credentials.apiKey}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== expectedAuth) return send(401, { status_code: 401, message: 'Unauthorized', error: 'unauthorized' });
    const match = /^\/api\/v1\/appointments\/(\d+)$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !match) return send(404, { status_code: 404, message: 'Not found', error: 'not_found' });
    const appointment = appointments.get(Number(match[1]));
    if (!appointment) return send(404, { status_code: 404, message: 'Appointment not found.', error: 'not_found' });
    const start = appointment.datetime;
    // Acuity's endTime is a wall-clock text like "11:00am"; the adapter uses datetime + duration.
    return send(200, { ...appointment, duration: String(appointment.duration), endTime: '', date: start.slice(0, 10), time: start.slice(11, 16), price: '45.00', paid: 'no' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    appointments,
    requests,
    book(input) {
      const appointment: SimAppointment = { calendarID: 1, ...input, id: ++nextId, canceled: false, noShow: false };
      appointments.set(appointment.id, appointment);
      return appointment;
    },
    notification(action, appointmentId) {
      const appointment = appointments.get(appointmentId);
      const body = new URLSearchParams({ action, id: String(appointmentId), calendarID: String(appointment?.calendarID ?? 1), appointmentTypeID: String(appointment?.appointmentTypeID ?? 1) }).toString();
      return { body, signature: createHmac('sha256', credentials.apiKey).update(body).digest('base64') };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
