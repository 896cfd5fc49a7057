// The loopback bridge: the API contract over HTTP on 127.0.0.1, for the CLI talking to a
// running daemon and for the UI in a browser. Every request must carry the bearer token
// (a file readable only by the owner); the Host header must name this loopback server
// (DNS rebinding), a browser's Origin must be this server, and bodies are size-capped.
//
//   POST /api/<method>   body {"input": …}  -> 200 {"ok":true,"value"} | {"ok":false,"error"}
//   GET  /events         Server-Sent Events: `event: <name>` + `data: <payload JSON>`
//   …    /files/…        documents and bundles as bytes, for the browser UI (bridge-files.ts)
//   GET  /…              the renderer build (static files; no secrets in them)
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KithApp } from '../app/create-node.ts';
import type { ErrorCode } from '../base/errors.ts';
import { fileEndpoints } from './bridge-files.ts';
import { serveStatic } from './static-files.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface BridgeOptions {
  readonly app: KithApp;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The renderer build to serve; without it only /api and /events exist. */
  readonly staticDir?: string;
  readonly maxBodyBytes?: number;
  /** The node's data folder, where /files keeps its temp files (else a private temp folder). */
  readonly dataDir?: string;
  /** The largest upload /files accepts (default: bridge-files.ts DEFAULT_MAX_FILE_BYTES). */
  readonly maxFileBytes?: number;
}

export interface Bridge {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ ok: false, error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads a body up to `max` bytes; undefined if it is larger (the caller answers 413). */
async function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const streams = new Set<ServerResponse>();
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();
  const files = fileEndpoints({
    app: options.app,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'InvalidInput', 'Use POST for API calls.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, 415, 'InvalidInput', 'API calls carry application/json.');
    }
    const text = await readBody(req, maxBody);
    if (text === undefined) return sendError(res, 413, 'InvalidInput', `The request is larger than ${maxBody} bytes.`);
    let input: unknown;
    try {
      input = text.length === 0 ? {} : (JSON.parse(text) as { input?: unknown }).input;
    } catch {
      return sendError(res, 400, 'InvalidInput', 'The request body is not valid JSON.');
    }
    // A malformed escape (`/api/%`) is the caller's mistake, not a 500 (found by fuzzing:
    // test/unit/fuzz/regressions.test.ts).
    let name: string;
    try {
      name = decodeURIComponent(method);
    } catch {
      return sendError(res, 400, 'InvalidInput', 'The method name is not valid percent-encoded UTF-8.');
    }
    const result = await options.app.dispatch(name, input);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(result));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.app.onEvent((event) => res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page from evil.example resolving to 127.0.0.1 still sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) return sendError(res, 421, 'NotTrusted', 'This server answers only on its loopback address.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return sendError(res, 403, 'NotTrusted', 'Requests from other sites are refused.');
    // A request target such as `/\\` reads as `//` (a URL with no host) and does not parse.
    const url = URL.parse(req.url ?? '/', 'http://localhost');
    if (url === null) return sendError(res, 400, 'InvalidInput', 'The request path is not a valid URL path.');
    const isApi = url.pathname.startsWith('/api/');
    const isFiles = url.pathname.startsWith('/files/');
    if (isApi || isFiles || url.pathname === '/events') {
      const auth = req.headers.authorization;
      if (!sameToken(auth?.startsWith('Bearer ') === true ? auth.slice(7) : undefined, token)) {
        return sendError(res, 401, 'NotTrusted', 'A valid token is required.');
      }
      if (isApi) return handleApi(req, res, url.pathname.slice('/api/'.length));
      if (isFiles) return files.handle(req, res, url.pathname, url.searchParams);
      if (req.method !== 'GET') return sendError(res, 405, 'InvalidInput', 'Use GET for events.');
      return handleEvents(req, res);
    }
    if (options.staticDir !== undefined && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(options.staticDir, url.pathname, req, res);
    return sendError(res, 404, 'NotFound', 'There is nothing here.');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => sendError(res, 500, 'Internal', 'Something went wrong inside Kith.'));
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await files.close();
    },
  };
}
