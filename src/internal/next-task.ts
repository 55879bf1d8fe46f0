/**
 * Resolves in a later task of the event loop, so that work started from a script's own task
 * does not lengthen it. A MessageChannel message rather than a timer: browsers hold timers
 * in background tabs back to once a second, and messages run without the 4 ms clamp.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(0);
  });
}
