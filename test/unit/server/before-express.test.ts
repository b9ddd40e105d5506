import express from 'express';
import request from 'supertest';
import { answerBeforeExpress } from '../../../web/server/http/before-express';

describe('answering before Express', () => {
  const build = () => {
    const seen: string[] = [];
    const app = express();
    app.use((req, _res, next) => {
      seen.push(`express ${req.path}`);
      next();
    });
    app.get('/early', (_req, res) => res.json({ from: 'express' }));
    app.get('/late', (_req, res) => res.json({ from: 'express' }));
    const listener = answerBeforeExpress(app, [
      (req, res) => {
        if (req.method !== 'GET' || req.url?.split('?')[0] !== '/early') return false;
        seen.push('early');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ from: 'early' }));
        return true;
      },
    ]);
    return { app: listener, express: app, seen };
  };

  it('answers a request its handler claims without running any Express middleware', async () => {
    const { app, seen } = build();
    const response = await request(app).get('/early?x=1');
    expect(response.body).toEqual({ from: 'early' });
    expect(seen).toEqual(['early']);
  });

  it('wraps the Express app as a plain request listener, leaving its internals alone', () => {
    const plain = express();
    const ownHandle = (plain as unknown as { handle: unknown }).handle;
    const listener = answerBeforeExpress(plain, []);
    expect((plain as unknown as { handle: unknown }).handle).toBe(ownHandle);
    expect(listener.express).toBe(plain);
  });

  it('leaves every other request to Express, middleware and routes as before', async () => {
    const { app, seen } = build();
    expect((await request(app).get('/late')).body).toEqual({ from: 'express' });
    expect((await request(app).post('/early')).status).toBe(404);
    expect(seen).toEqual(['express /late', 'express /early']);
  });
});
