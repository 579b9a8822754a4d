// Errors of Silences with the HTTP status and body Alertmanager answers with, so the API
// layer maps them without knowing the cases.

import type { ApiErrorBody } from '@tocsin/model';

export abstract class SilenceError extends Error {
  abstract readonly status: number;
  /** What the API sends: go-openapi errors are `{code, message}`, handler errors a bare JSON string. */
  abstract get body(): ApiErrorBody | string;
}

/** The body does not decode (wrong JSON types, bad date-time): go-openapi's 400. */
export class SilenceParseError extends SilenceError {
  override name = 'SilenceParseError';
  readonly status = 400;
  constructor(reason: string) {
    super(`parsing silence body from "" failed, because ${reason}`);
  }
  get body(): ApiErrorBody {
    return { code: 400, message: this.message };
  }
}

/** OpenAPI schema validation (required field, too few matchers): 422 with go-openapi's code. */
export class SilenceSchemaError extends SilenceError {
  override name = 'SilenceSchemaError';
  readonly status = 422;
  /** 602 required, 612 too few items. */
  readonly code: number;
  constructor(message: string, code: number) {
    super(message);
    this.code = code;
  }
  get body(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** Rejected by the handler or by Silences.Set: 400 with a bare string. */
export class SilenceValidationError extends SilenceError {
  override name = 'SilenceValidationError';
  readonly status = 400;
  get body(): string {
    return this.message;
  }
}

/** POST with an unknown `id`, DELETE of an unknown silence: 404. */
export class SilenceNotFoundError extends SilenceError {
  override name = 'SilenceNotFoundError';
  readonly status = 404;
  constructor() {
    super('silence not found');
  }
  get body(): string {
    return this.message;
  }
}

/** A silence the API v2 cannot show (several matcher sets), or a write that kept losing races: 500. */
export class SilenceInternalError extends SilenceError {
  override name = 'SilenceInternalError';
  readonly status = 500;
  get body(): string {
    return this.message;
  }
}
