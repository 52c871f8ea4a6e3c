/** Minimal globals `@microsoft/fetch-event-source` touches: `document` (an EventTarget) and `window`. */
export function installDomGlobals(): EventTarget & { hidden: boolean } {
  const doc = Object.assign(new EventTarget(), { hidden: false });
  Object.assign(globalThis, { document: doc, window: globalThis });
  return doc;
}

/** Removes what {@link installDomGlobals} added. */
export function removeDomGlobals(): void {
  Reflect.deleteProperty(globalThis, 'document');
  Reflect.deleteProperty(globalThis, 'window');
}
