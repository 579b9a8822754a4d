// A tiny RESP client for the benchmark scripts: they measure the services, so they talk to
// Redis without the ioredis/BullMQ machinery the services use.
import net from 'node:net';

export class RedisConn {
  #sock;
  #buf = Buffer.alloc(0);
  #pending = [];

  static async connect(url) {
    const u = new URL(url);
    const conn = new RedisConn();
    await new Promise((resolve, reject) => {
      conn.#sock = net.connect({ host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) }, resolve);
      conn.#sock.once('error', reject);
    });
    conn.#sock.on('data', (d) => conn.#onData(d));
    conn.#sock.on('error', (err) => {
      for (const p of conn.#pending.splice(0)) p.reject(err);
    });
    if (u.password) {
      await conn.call(
        ...(u.username ? ['AUTH', decodeURIComponent(u.username)] : ['AUTH']),
        decodeURIComponent(u.password),
      );
    }
    const db = u.pathname.replace('/', '');
    if (db) await conn.call('SELECT', db);
    return conn;
  }

  call(...args) {
    let out = `*${args.length}\r\n`;
    for (const a of args) out += `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`;
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#sock.write(out);
    });
  }

  close() {
    this.#sock.end();
  }

  #onData(d) {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, d]) : d;
    for (;;) {
      const r = parseReply(this.#buf, 0);
      if (!r) return;
      this.#buf = this.#buf.subarray(r[1]);
      const p = this.#pending.shift();
      if (r[0] instanceof Error) p.reject(r[0]);
      else p.resolve(r[0]);
    }
  }
}

/** [value, next offset] or undefined when the buffer holds no complete reply yet. */
function parseReply(buf, pos) {
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString('utf8', pos + 1, eol);
  const next = eol + 2;
  switch (type) {
    case '+':
      return [line, next];
    case '-':
      return [new Error(line), next];
    case ':':
      return [Number(line), next];
    case '$': {
      const len = Number(line);
      if (len < 0) return [null, next];
      if (buf.length < next + len + 2) return undefined;
      return [buf.toString('utf8', next, next + len), next + len + 2];
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return [null, next];
      const arr = [];
      let at = next;
      for (let i = 0; i < n; i++) {
        const r = parseReply(buf, at);
        if (!r) return undefined;
        arr.push(r[0]);
        at = r[1];
      }
      return [arr, at];
    }
    default:
      throw new Error(`unexpected RESP type ${JSON.stringify(type)}`);
  }
}

export function parseInfo(text) {
  const out = {};
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Calls and microseconds per command since the server started (INFO commandstats). */
export async function commandStats(redis) {
  const info = parseInfo(await redis.call('INFO', 'commandstats'));
  const out = {};
  for (const [k, v] of Object.entries(info)) {
    if (!k.startsWith('cmdstat_')) continue;
    const f = Object.fromEntries(v.split(',').map((kv) => kv.split('=')));
    out[k.slice(8)] = { calls: Number(f.calls), usec: Number(f.usec) };
  }
  return out;
}

/** user+system CPU seconds Redis has used (INFO cpu). */
export async function redisCpuSeconds(redis) {
  const info = parseInfo(await redis.call('INFO', 'cpu'));
  return Number(info.used_cpu_user) + Number(info.used_cpu_sys);
}
