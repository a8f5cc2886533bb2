/** Serves the App Suite stand-in web UI under /appsuite/ (stub; replaced by the UI work). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface UiHandlerOptions {
  brandDir: string;
}

/** Returns a request handler that answers /appsuite/* and resolves true when it handled the request. */
export function createUiHandler(_options: UiHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async () => false;
}
