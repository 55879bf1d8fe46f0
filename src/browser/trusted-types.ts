/**
 * Trusted Types for the one place yinyom writes script: reviving a gated `<script>` the
 * page itself holds. Under `require-trusted-types-for 'script'` a script's text and src
 * take only trusted values, so yinyom keeps a policy of its own, named `yinyom`, that the
 * page allows with `trusted-types lit-html yinyom`. The policy passes values through: it
 * is never exported, so the only values it ever blesses are the gate's copies of markup
 * that the page's own parser (or the page's own code) put in the document.
 */

interface ScriptPolicy {
  createScript(value: string): unknown;
  createScriptURL(value: string): unknown;
}

interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScript(value: string): string; createScriptURL(value: string): string },
  ): ScriptPolicy;
}

/** The policy; `null` where the browser has no Trusted Types or refused the name. */
let policy: ScriptPolicy | null | undefined;

const identity = (value: string) => value;

/**
 * The `yinyom` policy, created on first use: a page that never revives a script never
 * claims the name. Where the page's `trusted-types` directive does not list `yinyom`, the
 * console says how to fix it and values stay plain strings (which still work wherever
 * Trusted Types are not enforced).
 */
function scriptPolicy(log: Pick<Console, 'error'>): ScriptPolicy | null {
  if (policy !== undefined) return policy;
  policy = null;
  let factory: TrustedTypesFactory | undefined;
  try {
    factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
    if (typeof factory?.createPolicy === 'function') {
      policy = factory.createPolicy('yinyom', { createScript: identity, createScriptURL: identity });
    }
  } catch (error) {
    log.error(
      'yinyom: Trusted Types refused the policy "yinyom", so gated scripts cannot run where Trusted Types are enforced. ' +
        "Add it to your Content-Security-Policy: trusted-types lit-html yinyom (with 'allow-duplicates' if two copies of yinyom load).",
      error,
    );
  }
  return policy;
}

/** A gated script's text, as a TrustedScript where the browser has the policy. */
export function trustedScript(text: string, log: Pick<Console, 'error'> = console): string {
  return (scriptPolicy(log)?.createScript(text) ?? text) as string;
}

/** A gated script's src, as a TrustedScriptURL where the browser has the policy. */
export function trustedScriptUrl(url: string, log: Pick<Console, 'error'> = console): string {
  return (scriptPolicy(log)?.createScriptURL(url) ?? url) as string;
}
