import cluster, { type Worker } from "node:cluster";

/**
 * The workers of one `npm start` in cluster mode (WEB_CONCURRENCY > 1, scripts/server.ts) share a port
 * and a database but no memory. Two things may not differ by the worker a request lands on:
 *   - "evict": a publication or withdrawal handled by one worker must be gone from its siblings' page
 *     caches before the 终审/撤稿 answer leaves — PostgreSQL's NOTIFY reaches them too, but a moment
 *     later, and the reader's next request may already be on another worker;
 *   - "metrics": `/api/metrics` is scraped through the one port, so it must add up every worker.
 * A worker asks through the primary, which hands the question to every other worker and answers with
 * their replies. A worker that does not reply within ASK_TIMEOUT_MS is left out of the answer (it is
 * busy or dying; the NOTIFY still reaches it, and the primary restarts a dead one). Outside cluster
 * mode there are no siblings and every question is answered at once with no replies.
 *
 * No `server-only` and no database client: the custom server registers the answers outside Next's
 * bundle, and both copies of this module share one state on globalThis (lib/public/cache/process-state.ts
 * says why a process loads such modules twice).
 */

export type SiblingQuestion = "evict" | "metrics";
export const ASK_TIMEOUT_MS = 2_000;

interface Ask {
  type: "cms:ask";
  id: number;
  kind: SiblingQuestion;
  payload: unknown;
}
interface Asked {
  type: "cms:asked";
  id: string;
  kind: SiblingQuestion;
  payload: unknown;
}
interface Reply {
  type: "cms:reply";
  id: string;
  value: unknown;
}
interface Answers {
  type: "cms:answers";
  id: number;
  values: unknown[];
}

type Handler = (payload: unknown) => unknown;

interface WorkerSide {
  nextId: number;
  pending: Map<number, (values: unknown[]) => void>;
  handlers: Map<SiblingQuestion, Handler>;
  listening: boolean;
}

const holder = globalThis as unknown as { cmsSiblingWorkers?: WorkerSide };

function workerSide(): WorkerSide {
  holder.cmsSiblingWorkers ??= { nextId: 0, pending: new Map(), handlers: new Map(), listening: false };
  const side = holder.cmsSiblingWorkers;
  if (!side.listening) {
    side.listening = true;
    process.on("message", (message: unknown) => void onWorkerMessage(side, message));
  }
  return side;
}

function isMessage<T extends { type: string }>(message: unknown, type: T["type"]): message is T {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === type;
}

async function onWorkerMessage(side: WorkerSide, message: unknown): Promise<void> {
  if (isMessage<Answers>(message, "cms:answers")) {
    side.pending.get(message.id)?.(message.values);
    side.pending.delete(message.id);
    return;
  }
  if (!isMessage<Asked>(message, "cms:asked")) return;
  const handler = side.handlers.get(message.kind);
  let value: unknown = null;
  try {
    value = handler ? await handler(message.payload) : null;
  } catch (error) {
    console.error(`[cluster] answering "${message.kind}" failed`, error);
  }
  if (process.connected) process.send?.({ type: "cms:reply", id: message.id, value } satisfies Reply);
}

/** Whether this process is one worker of several (scripts/server.ts in cluster mode). */
function inCluster(): boolean {
  return cluster.isWorker && process.connected;
}

/** Registers what this worker answers to its siblings' `kind` (scripts/server.ts, at start). */
export function answerSiblings(kind: SiblingQuestion, handler: Handler): void {
  if (cluster.isWorker) workerSide().handlers.set(kind, handler);
}

/**
 * Asks every other worker and resolves with the replies of those that answered in time; [] outside
 * cluster mode. Never rejects: a missing reply is what the NOTIFY and the primary's restarts cover.
 */
export function askSiblings(kind: SiblingQuestion, payload: unknown = null): Promise<unknown[]> {
  if (!inCluster()) return Promise.resolve([]);
  const side = workerSide();
  const id = ++side.nextId;
  return new Promise((resolve) => {
    // The primary answers within ASK_TIMEOUT_MS; this one covers a primary that is gone.
    const fallback = setTimeout(() => {
      side.pending.delete(id);
      resolve([]);
    }, ASK_TIMEOUT_MS * 2);
    side.pending.set(id, (values) => {
      clearTimeout(fallback);
      resolve(values);
    });
    process.send?.({ type: "cms:ask", id, kind, payload } satisfies Ask);
  });
}

/**
 * The primary's part: relays each worker's question to the other live workers and sends back what
 * came in by the deadline. `workers` is read at each question, so a restarted worker is asked too.
 */
export function relaySiblingQuestions(workers: () => Worker[]): void {
  let nextQuestion = 0;
  const open = new Map<string, { waiting: Set<number>; values: unknown[]; done: () => void }>();
  cluster.on("message", (from: Worker, message: unknown) => {
    if (isMessage<Reply>(message, "cms:reply")) {
      const question = open.get(message.id);
      if (!question?.waiting.delete(from.id)) return;
      question.values.push(message.value);
      if (question.waiting.size === 0) question.done();
      return;
    }
    if (!isMessage<Ask>(message, "cms:ask")) return;
    const asked = workers().filter((worker) => worker.id !== from.id && worker.isConnected());
    const id = `${from.id}:${++nextQuestion}`;
    const values: unknown[] = [];
    const waiting = new Set(asked.map((worker) => worker.id));
    const done = () => {
      clearTimeout(deadline);
      open.delete(id);
      if (from.isConnected()) from.send({ type: "cms:answers", id: message.id, values } satisfies Answers);
    };
    const deadline = setTimeout(done, ASK_TIMEOUT_MS);
    open.set(id, { waiting, values, done });
    if (waiting.size === 0) return done();
    for (const worker of asked)
      worker.send({ type: "cms:asked", id, kind: message.kind, payload: message.payload } satisfies Asked);
  });
  // A worker that died will not reply: its questions need not wait for the deadline.
  cluster.on("exit", (gone: Worker) => {
    for (const question of [...open.values()])
      if (question.waiting.delete(gone.id) && question.waiting.size === 0) question.done();
  });
}
