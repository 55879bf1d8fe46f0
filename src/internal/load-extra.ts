// The npm build's way to the second file (extra.ts): a dynamic import(), so that bundlers put
// the preferences in a chunk of their own. The script-tag build swaps in load-extra.script.ts.

/** What the second file holds. */
export type Extra = typeof import('../extra.js');

let pending: Promise<Extra> | undefined;
/** The console has been told: a retry that fails again says nothing new. */
let told = false;

/**
 * Loads the second file once; a failed load is tried again at the next call. A failure is
 * reported here, the first time, naming the fix: the caller only has to fall back.
 */
export function loadExtra(): Promise<Extra> {
  pending ??= import('../extra.js').catch((error: unknown) => {
    pending = undefined;
    if (told) throw error;
    told = true;
    console.error(
      'yinyom: the chunk extra.js could not be loaded, so the preferences and the placeholders of gated embeds cannot show; ' +
        'accept all, reject all and withdrawal still work. Check that your bundler serves the chunks of the yinyom package.',
      error,
    );
    throw error;
  });
  return pending;
}
