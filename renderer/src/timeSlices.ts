/** A turn of the event loop: a MessageChannel task, which browsers do not delay as they do nested timers. */
export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Long main-thread work in slices: `pause()` gives the event loop a turn once the current slice
 * has run `ms`.
 */
export function timeSlices(ms = 20): { pause: () => Promise<void> } {
  let since = performance.now();
  return {
    pause: async () => {
      if (performance.now() - since < ms) return;
      await nextTask();
      since = performance.now();
    },
  };
}
