export { type GoQuoteOptions, goQuote, isPrint } from './quote.js';
export { quoteMeta } from './quote-meta.js';
export { type GoUnquoteOptions, goUnquote, goUnquoteChar, type UnquotedChar } from './unquote.js';
