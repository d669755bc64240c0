/**
 * zod 4 compiles a fast parser for each object schema with `new Function`, after probing
 * whether it may. Under the lab's Content-Security-Policy (no 'unsafe-eval') the probe throws,
 * which zod catches, but the browser still reports a securitypolicyviolation and logs an error.
 * Jitless, zod neither probes nor compiles. Imported first by each browser entry (main.tsx,
 * sim.worker.ts), so it runs before any schema parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
