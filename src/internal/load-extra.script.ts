// The script-tag build's way to the second file, dist/yinyom.extra.min.js (rollup.config.mjs
// swaps this module in for load-extra.ts there). It is loaded as safely as the tag that loaded
// this file: from beside this file's own URL, with the integrity hash the build computed,
// crossorigin, this file's nonce, and a Trusted Types URL. It shares this file's Lit and the
// modules whose state must be one, instead of carrying copies: the build checks that it asks
// for nothing more than the `deps` below (SHARED in rollup.config.mjs).
import { adoptStyles, css, html, LitElement, nothing } from 'lit';
import { pageNonce } from '../browser/page-nonce.js';
import { LocalizeController } from '../controllers/localize-controller.js';
import { completeLanguages } from '../i18n/registry.js';
import { trustedScriptUrl } from '../browser/trusted-types.js';
import type { Extra } from './load-extra.js';

export type { Extra } from './load-extra.js';

/** Filled in by the build: the second file's name and its integrity hash. */
declare const __YINYOM_EXTRA__: { readonly file: string; readonly integrity: string };

/** What the second file receives from the `<script>` this module creates (never from a global). */
interface Handoff {
  readonly deps: Readonly<Record<string, unknown>>;
  readonly exports: Record<string, unknown>;
  readonly done: () => void;
}

const KEY = Symbol.for('yinyom.extra');
// Readable only while this file first runs: the second file lies beside it.
const base = (document.currentScript as HTMLScriptElement | null)?.src;

let load: (() => Promise<Extra>) | undefined;

/** Loads the second file this build made, from beside this file (see extraLoader). */
export function loadExtra(): Promise<Extra> {
  load ??= extraLoader(base, __YINYOM_EXTRA__.file, __YINYOM_EXTRA__.integrity);
  return load();
}

/**
 * A loader for the second file `file`, beside the script at `base`, pinned by `integrity`.
 * It loads once; a failed load is tried again at the next call. A failure (a webmaster who
 * copied one file, offline, an integrity mismatch, a Content-Security-Policy) is reported
 * here, the first time, naming the file and the fix: the caller only falls back.
 */
export function extraLoader(base: string | undefined, file: string, integrity: string): () => Promise<Extra> {
  let pending: Promise<Extra> | undefined;
  /** The console has been told: a retry that fails again says nothing new. */
  let told = false;
  return () => {
    pending ??= new Promise<Extra>((resolve, reject) => {
      let url = file;
      const fail = (why: string, error?: unknown) => {
        pending = undefined;
        reject(new Error(`yinyom: ${file} could not be loaded`));
        if (told) return;
        told = true;
        console.error(
          `yinyom: ${url} could not be loaded (${why}), so the preferences and the placeholders of gated embeds ` +
            `cannot show; accept all, reject all and withdrawal still work. Copy the whole dist/ folder of one yinyom build, so that ${file} lies beside ` +
            'yinyom.min.js; a Content-Security-Policy must allow it as it allows yinyom.min.js.',
          error ?? '',
        );
      };
      try {
        url = new URL(file, base).href;
      } catch (error) {
        fail('yinyom.min.js was not loaded from a <script src>, so its folder is unknown', error);
        return;
      }
      const exports: Record<string, unknown> = {};
      let received = false;
      const script = document.createElement('script');
      const handoff: Handoff = {
        deps: {
          lit: { LitElement, adoptStyles, css, html, nothing },
          'yinyom:localize': { LocalizeController },
          'yinyom:registry': { completeLanguages },
        },
        exports,
        done: () => (received = true),
      };
      Object.defineProperty(script, KEY, { value: handoff });
      script.addEventListener('load', () => {
        script.remove();
        if (received) resolve(exports as unknown as Extra);
        else fail('it ran but did not answer: it is not the file this build made');
      });
      script.addEventListener('error', () => {
        script.remove();
        fail('not found, offline, an integrity mismatch, or refused by the Content-Security-Policy');
      });
      script.integrity = integrity;
      script.crossOrigin = 'anonymous';
      const nonce = pageNonce();
      if (nonce) script.nonce = nonce;
      try {
        // Throws where Trusted Types are enforced and the page's policy does not list `yinyom`.
        script.src = trustedScriptUrl(url);
        (document.head ?? document.documentElement).append(script);
      } catch (error) {
        fail('refused by Trusted Types: add yinyom to the trusted-types directive', error);
      }
    });
    return pending;
  };
}
