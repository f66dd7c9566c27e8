// Replaced by the bundler with package.json's version; the fallback serves the unbundled test build.
declare const LIFTOFF_VERSION: string | undefined;
export const VERSION: string = typeof LIFTOFF_VERSION === 'string' ? LIFTOFF_VERSION : '0.0.0-dev';
