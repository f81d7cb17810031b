// @medplum/core expects a WebSocket global when its module is evaluated (Node 20 has none). Imported before it.
(globalThis as { WebSocket?: unknown }).WebSocket ??= class {};
export {};
