export { BasicAuth } from './basic-auth.js';
export {
  clientCertificateProblem,
  type LoadedWebConfig,
  loadWebConfig,
  type TlsSettings,
} from './load-web-config.js';
export { RateLimiter } from './rate-limiter.js';
export { parseWebConfig, type TlsServerConfig, type WebConfig, WebConfigError } from './web-config.js';
export { createWebServer, type WebServer, type WebServerOptions } from './web-server.js';
