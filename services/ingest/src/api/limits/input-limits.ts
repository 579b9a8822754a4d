import { type NextFunction, type Request, type Response, Router } from 'express';

/**
 * Bounds on what one write may carry, beyond the body size. Alertmanager has none (only Go's
 * HTTP server limits); these defaults are far above real alerts and silences and stop a client
 * from filling Redis, or the dispatcher's memory, with one request. 0 means no limit.
 */
export interface InputLimits {
  /** Alerts in one POST /api/v2/alerts. */
  alerts: number;
  /** Labels per alert, annotations per alert, matchers per silence. */
  labels: number;
  /** Bytes (UTF-8) of a label or annotation name, and of a matcher's name. */
  nameBytes: number;
  /** Bytes of a label value, a matcher's value (regex included) and a silence's createdBy. */
  valueBytes: number;
  /** Bytes of an annotation value, a generatorURL and a silence's comment. */
  textBytes: number;
}

/** Rejects, before anything is parsed further or stored, a write that exceeds a limit: 422 naming the field. */
export function inputLimits(limits: InputLimits): Router {
  const router = Router();
  const reject = (problem: string | undefined, res: Response, next: NextFunction) => {
    if (problem === undefined) next();
    else res.status(422).json({ code: 422, message: problem });
  };
  router.post('/alerts', (req: Request, res: Response, next: NextFunction) =>
    reject(alertsProblem(req.body, limits), res, next),
  );
  router.post('/silences', (req: Request, res: Response, next: NextFunction) =>
    reject(silenceProblem(req.body, limits), res, next),
  );
  return router;
}

/**
 * The first limit a POST /api/v2/alerts body exceeds, e.g.
 * `alerts[3].labels: 130 labels, at most 128 allowed`. Values of the wrong type are left for
 * the API's own validation to report.
 */
export function alertsProblem(body: unknown, limits: InputLimits): string | undefined {
  if (!Array.isArray(body)) return undefined;
  if (over(body.length, limits.alerts))
    return `alerts: ${body.length} alerts, at most ${limits.alerts} allowed`;
  for (let i = 0; i < body.length; i++) {
    const alert: unknown = body[i];
    if (!isObject(alert)) continue;
    const where = `alerts[${i}]`;
    const problem =
      pairsProblem(alert.labels, `${where}.labels`, 'labels', limits.valueBytes, limits) ??
      pairsProblem(alert.annotations, `${where}.annotations`, 'annotations', limits.textBytes, limits) ??
      textProblem(alert.generatorURL, `${where}.generatorURL`, limits.textBytes);
    if (problem) return problem;
  }
  return undefined;
}

/** The first limit a POST /api/v2/silences body exceeds. */
export function silenceProblem(body: unknown, limits: InputLimits): string | undefined {
  if (!isObject(body)) return undefined;
  const { matchers } = body;
  if (Array.isArray(matchers)) {
    if (over(matchers.length, limits.labels))
      return `matchers: ${matchers.length} matchers, at most ${limits.labels} allowed`;
    for (let i = 0; i < matchers.length; i++) {
      const m: unknown = matchers[i];
      if (!isObject(m)) continue;
      const problem =
        textProblem(m.name, `matchers[${i}].name`, limits.nameBytes) ??
        textProblem(m.value, `matchers[${i}].value`, limits.valueBytes);
      if (problem) return problem;
    }
  }
  return (
    textProblem(body.createdBy, 'createdBy', limits.valueBytes) ??
    textProblem(body.comment, 'comment', limits.textBytes)
  );
}

function pairsProblem(
  pairs: unknown,
  where: string,
  what: string,
  valueBytes: number,
  limits: InputLimits,
): string | undefined {
  if (!isObject(pairs)) return undefined;
  let count = 0;
  for (const name in pairs) {
    count++;
    if (tooLong(name, limits.nameBytes))
      return `${where}: name ${JSON.stringify(preview(name))} is ${utf8Bytes(name)} bytes, at most ${limits.nameBytes} allowed`;
    const problem = textProblem(pairs[name], `${where}[${JSON.stringify(preview(name))}]`, valueBytes);
    if (problem) return problem;
  }
  if (over(count, limits.labels)) return `${where}: ${count} ${what}, at most ${limits.labels} allowed`;
  return undefined;
}

function textProblem(value: unknown, where: string, limit: number): string | undefined {
  if (typeof value !== 'string' || !tooLong(value, limit)) return undefined;
  return `${where}: ${utf8Bytes(value)} bytes, at most ${limit} allowed`;
}

const over = (n: number, limit: number) => limit > 0 && n > limit;

// A UTF-16 unit is at most 3 UTF-8 bytes: short strings skip the byte count (the hot path).
function tooLong(text: string, limit: number): boolean {
  return limit > 0 && text.length * 3 > limit && utf8Bytes(text) > limit;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Enough of a name to recognise it in an error, not the whole abusive string. */
function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
