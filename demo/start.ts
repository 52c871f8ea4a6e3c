import { startDemoServer } from './server';

// `npm start` builds the page, then runs this file.
const port = Number(process.env.DEMO_PORT || 4173);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`DEMO_PORT must be a port number, got ${JSON.stringify(process.env.DEMO_PORT)}`);
  process.exit(1);
}
try {
  const server = await startDemoServer({ port });
  console.log(`agent-event-stream demo: ${server.url}`);
  const shutdown = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use; set DEMO_PORT to another one.` : error);
  process.exit(1);
}
