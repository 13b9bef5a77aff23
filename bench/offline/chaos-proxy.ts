import {
  request as httpRequest,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How often each kind of trouble happens, per request (the rest pass untouched). */
export interface ChaosRates {
  /** The request is lost: the connection closes before anything reaches the server. */
  drop: number;
  /** The request reaches the server twice (a retransmission); the client gets one of the answers. */
  duplicate: number;
  /** The server answers, but the connection is cut half way through the answer. */
  cut: number;
  /** Extra latency added to a request, at most (a random share of it). */
  maxDelayMs: number;
}

export interface ChaosCounts {
  requests: number;
  dropped: number;
  duplicated: number;
  cut: number;
  delayed: number;
  upstreamErrors: number;
}

/** A small deterministic random source (mulberry32), so a run can be repeated. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * An HTTP proxy between the clients and the server that misbehaves as bad mobile links do: it drops requests,
 * delays them, delivers some twice, and cuts answers half way. Only loopback addresses are used.
 */
export class ChaosProxy {
  readonly counts: ChaosCounts = { requests: 0, dropped: 0, duplicated: 0, cut: 0, delayed: 0, upstreamErrors: 0 };
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly random: () => number;

  constructor(
    private target: string,
    private readonly rates: ChaosRates,
    seed = 12,
  ) {
    this.random = prng(seed);
  }

  /** Point at another server (after a restart on a new port). */
  retarget(target: string): void {
    this.target = target;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    const url = new URL(req.url ?? '/', this.target);
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        url,
        { method: req.method, headers: { ...req.headers, host: url.host, connection: 'close' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }),
          );
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.setTimeout(60_000, () => upstream.destroy(new Error('upstream timeout')));
      upstream.end(body);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counts.requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const roll = this.random();
    const delay = this.random() * this.rates.maxDelayMs;
    if (delay > 1) {
      this.counts.delayed += 1;
      await new Promise((r) => setTimeout(r, delay));
    }
    if (roll < this.rates.drop) {
      this.counts.dropped += 1;
      res.socket?.destroy();
      return;
    }
    let answer: Upstream;
    try {
      answer = await this.forward(req, body);
      if (roll < this.rates.drop + this.rates.duplicate) {
        this.counts.duplicated += 1;
        // The same bytes again; the client sees the second answer (a retransmission's).
        answer = await this.forward(req, body);
      }
    } catch {
      this.counts.upstreamErrors += 1;
      res.socket?.destroy();
      return;
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    if (roll >= 1 - this.rates.cut) {
      this.counts.cut += 1;
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      res.socket?.destroy();
      return;
    }
    res.end(answer.body);
  }
}
