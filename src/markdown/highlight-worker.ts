import { parentPort, threadId } from 'node:worker_threads';
import { highlight, type HighlightRequest } from './highlight-core.ts';

// One highlighter per worker; requests are answered in any order, matched by id.
parentPort?.on('message', (message: { id: number } & HighlightRequest) => {
  highlight(message).then(
    (result) => parentPort?.postMessage({ id: message.id, ...result, thread: threadId }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: String(error), thread: threadId }),
  );
});
