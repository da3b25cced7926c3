// A hot HTTP route as plain data in, JSON out, for the node:http shell (harness/live/http/http-shell.ts)
// to serve without building a WHATWG Request and Response: the services define it beside their msw
// handlers, from the same functions, so both answer alike.

/**
 * A hot route served straight from the node request: the handler gets the headers and the body it
 * would have read from a `Request`, and answers JSON, so no WHATWG Request, Response, body stream,
 * AbortSignal or msw handler chain is built for it. Only a request whose method and whole target
 * equal the route's takes this path; anything else (a query string, another method) goes to
 * the shell's Fetch handler as before. The route must answer exactly what its msw handler answers (a test compares).
 */
interface DirectRoute {
  method: string;
  /** The request target, exactly: '/bekymringsmelding'. */
  target: string;
  /** The JSON answer; throw an HttpError (or anything) and the shell answers as for its Fetch handler. */
  serve(request: { headers: Headers; body: Buffer }): { status: number; body: unknown };
}

export type { DirectRoute };
