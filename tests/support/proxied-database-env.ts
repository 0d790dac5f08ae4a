import { TcpProxy, throughProxy } from "./tcp-proxy";

/**
 * Import FIRST: routes this test file's app database (DATABASE_URL, read once when lib/db.ts loads)
 * and the cache listener (DATABASE_LISTEN_URL) through two loopback proxies, so a test can stall the
 * listener alone or take the whole database away. Fixtures use `directUrl`. Start both proxies in
 * beforeAll, before the app queries anything.
 */
const original = process.env.DATABASE_URL;
if (!original) throw new Error("DATABASE_URL is not set: integration tests get one from the jest environment");
export const directUrl = original;
const target = new URL(original);
const base = 20_000 + Math.floor(Math.random() * 20_000) * 2;
export const poolProxy = new TcpProxy(target.hostname, Number(target.port || 5432), base);
export const listenerProxy = new TcpProxy(target.hostname, Number(target.port || 5432), base + 1);
process.env.DATABASE_URL = throughProxy(original, poolProxy.port);
process.env.DATABASE_LISTEN_URL = throughProxy(original, listenerProxy.port);
