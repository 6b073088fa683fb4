import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * The web console, a single-page app: its files under /console, and its index.html for any
 * other /console path so client-side routes survive a reload.
 */
export function consoleRoutes(consoleDir: string): Router {
  const router = Router();
  const index = path.join(consoleDir, 'index.html');
  if (!existsSync(index)) return router;
  router.use('/console', express.static(consoleDir, { index: 'index.html', maxAge: '1h' }));
  router.get(['/console', '/console/{*path}'], (_req, res) => {
    res.sendFile(index);
  });
  return router;
}
