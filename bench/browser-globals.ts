/**
 * The two globals `@microsoft/fetch-event-source` touches (`document` for visibility, `window`
 * for timers), so its browser path can be measured in Node. Returns a function that removes them.
 */
export function installBrowserGlobals(): () => void {
  const g = globalThis as Record<string, unknown>;
  const document = Object.assign(new EventTarget(), { hidden: false });
  g.document = document;
  g.window = globalThis;
  return () => {
    delete g.document;
    delete g.window;
  };
}
