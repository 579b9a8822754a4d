export { createWebServer, type WebServer, type WebServerOptions } from './web-server.js';
