// Where a sweep's queue lives: a redis:// URL, checked and probed (one short connection, no retries) before any work,
// so a bad URL or an unreachable Redis is one line and exit 2 within seconds instead of an endless reconnect loop.
// Also BullMQ's settings shared by the collector (collect.ts) and the workers (work.ts).
import type { ConnectionOptions } from 'bullmq';
import { InputError } from '../../errors.ts';
import type { PointTask } from '../evaluate.ts';

/** The BullMQ queue every collector enqueues on and every `systole worker` takes points from. */
export const QUEUE_NAME = 'systole-sweep';

/**
 * A worker holds a point's lock for LOCK_MS and renews it every LOCK_MS / 2 from its main thread (the point itself runs
 * on a pool thread, so a long point never starves the renewal). A worker that dies stops renewing: within LOCK_MS +
 * STALLED_CHECK_MS another worker's stalled check puts the point back in the queue. A point whose worker dies more
 * than MAX_STALLED times fails (the collector reports it and does not journal it; a rerun tries it again).
 */
export const LOCK_MS = 5_000;
export const STALLED_CHECK_MS = 2_000;
export const MAX_STALLED = 3;

/** How long the probe waits for Redis to answer. */
const PROBE_MS = 3_000;
/** BullMQ's minimum Redis version. */
const MIN_REDIS = [5, 0, 0];

/** a < b, comparing version parts left to right. */
function older(a: number[], b: number[]): boolean {
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) < b[i];
  return false;
}

export interface QueueTarget {
  /** The URL for messages and events: as given, its password shown as ***. */
  url: string;
  connection: { host: string; port: number; db?: number; username?: string; password?: string };
}

const FIX = 'give redis://HOST:PORT (optionally /DB), e.g. --queue redis://127.0.0.1:6379';

/** Parses `redis://[USER:PASSWORD@]HOST[:PORT][/DB]`; anything else is an InputError naming the flag. */
export function parseQueueUrl(url: string): QueueTarget {
  const where = `--queue ${JSON.stringify(url)}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(where, 'is not a valid URL (or its port is not 0-65535)', FIX);
  }
  if (u.protocol !== 'redis:') throw new InputError(where, `has the scheme '${u.protocol.replace(/:$/, '')}', not redis`, FIX);
  if (u.hostname === '') throw new InputError(where, 'names no host', FIX);
  if (u.search !== '' || u.hash !== '') throw new InputError(where, 'has a query or fragment', FIX);
  const path = u.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d+$/.test(path)) throw new InputError(where, `has the path '/${path}', not a database number`, FIX);
  const connection: QueueTarget['connection'] = { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: u.port === '' ? 6379 : Number(u.port) };
  if (path !== '') connection.db = Number(path);
  if (u.username !== '') connection.username = decodeURIComponent(u.username);
  if (u.password !== '') connection.password = decodeURIComponent(u.password);
  const shown = new URL(url);
  if (shown.password !== '') shown.password = '***';
  return { url: shown.href, connection };
}

/** Connects once (no retry, PROBE_MS at most), pings and checks the server's version; an InputError if that fails. */
export async function probeQueue(target: QueueTarget): Promise<void> {
  const { Redis } = await import('ioredis'); // loaded only by sweeps that use a queue
  const where = `--queue ${target.url}`;
  const client = new Redis({ ...target.connection, lazyConnect: true, connectTimeout: PROBE_MS, commandTimeout: PROBE_MS, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  let lastError: Error | undefined; // the socket's own error (ECONNREFUSED, ENOTFOUND), clearer than connect()'s
  client.on('error', (e: Error) => (lastError = e));
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /redis_version:([\d.]+)/.exec(info)?.[1] ?? '0';
    if (older(version.split('.').map(Number), MIN_REDIS)) throw new InputError(where, `is Redis ${version}; the queue (BullMQ) needs ${MIN_REDIS.join('.')} or newer`, 'upgrade redis-server');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const why = lastError?.message ?? (e instanceof Error ? e.message : String(e));
    throw new InputError(where, `cannot be reached (${why})`, 'start redis-server there (redis-server --port PORT), or check the host and port');
  } finally {
    client.disconnect();
  }
}

/** Connection options for BullMQ's own clients (it reconnects on its own if Redis restarts mid-sweep). */
export const bullConnection = (target: QueueTarget): ConnectionOptions => ({ ...target.connection });

/** A job's data: the point, and the version of Systole that enqueued it (a worker of another version refuses it). */
export interface QueuedPoint {
  version: string;
  task: PointTask;
}

/**
 * A point's job id: its key (and whether the report is wanted), so a rerun of the collector finds the jobs it
 * enqueued before it was stopped instead of enqueuing them again.
 */
export const jobIdOf = (task: PointTask): string => `point-${task.key}${task.withReport ? '-report' : ''}`;
