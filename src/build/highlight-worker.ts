import { parentPort } from 'node:worker_threads';
import { highlight, type HighlightRequest } from './highlight-core.ts';

// One highlighter per worker; requests are answered in any order, matched by id.
parentPort?.on('message', (message: { id: number } & HighlightRequest) => {
  highlight(message).then(
    (result) => parentPort?.postMessage({ id: message.id, ...result }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: String(error) }),
  );
});
