import { css } from 'lit';

// Public --yinyom-* tokens are read once, here, into private --_* ones; rules below use
// only the private ones, so a theme can never half-apply.
export const styles = css`
  :host {
    --_bg: var(--yinyom-color-background, #fff);
    --_fg: var(--yinyom-color-text, #1f2328);
    --_muted: var(--yinyom-color-muted, #4b5563);
    --_accent: var(--yinyom-color-accent, #0b57a4);
    --_on-accent: var(--yinyom-color-on-accent, #fff);
    --_border: var(--yinyom-color-border, #6b7380);
    --_focus: var(--yinyom-color-focus, #0b57a4);
    --_radius: var(--yinyom-radius, 0.5rem);
    --_space: var(--yinyom-spacing, 1rem);
    --_shadow: 0 0.25rem 1.5rem rgb(0 0 0 / 0.25);
    font-family: inherit;
    font-size: var(--yinyom-font-size, 1rem);
    line-height: 1.6;
    color: var(--_fg);
  }
  :host([hidden]) { display: none; }
  .root {
    font-family: var(--yinyom-font-family, var(--_page-font, sans-serif)), 'Sarabun', 'Noto Sans Thai', 'Leelawadee UI',
      'Tahoma', sans-serif;
  }
  .dark {
    --_bg: var(--yinyom-color-background-dark, #1c1e22);
    --_fg: var(--yinyom-color-text-dark, #eceef1);
    --_muted: var(--yinyom-color-muted-dark, #c1c7d0);
    --_accent: var(--yinyom-color-accent-dark, #9cc3ff);
    --_on-accent: var(--yinyom-color-on-accent-dark, #0b1b30);
    --_border: var(--yinyom-color-border-dark, #8b93a1);
    --_focus: var(--yinyom-color-focus-dark, #9cc3ff);
  }
  /* The same palette for theme="auto" on a dark system. Written twice because one block
     cannot serve both without light-dark(), which iOS before 17.5 lacks. */
  @media (prefers-color-scheme: dark) {
    .auto {
      --_bg: var(--yinyom-color-background-dark, #1c1e22);
      --_fg: var(--yinyom-color-text-dark, #eceef1);
      --_muted: var(--yinyom-color-muted-dark, #c1c7d0);
      --_accent: var(--yinyom-color-accent-dark, #9cc3ff);
      --_on-accent: var(--yinyom-color-on-accent-dark, #0b1b30);
      --_border: var(--yinyom-color-border-dark, #8b93a1);
      --_focus: var(--yinyom-color-focus-dark, #9cc3ff);
    }
  }
  .banner, dialog, .settings, .status {
    box-sizing: border-box;
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
  }
  .banner {
    position: fixed;
    z-index: var(--yinyom-z-index, 2147483000);
    inset: auto var(--_space) var(--_space);
    max-width: 60rem;
    max-height: calc(100vh - 2 * var(--_space));
    overflow: auto;
    margin: 0 auto;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  .top .banner { inset: var(--_space) var(--_space) auto; }
  .center .banner {
    inset: 50% var(--_space) auto;
    max-width: 36rem;
    transform: translateY(-50%);
  }
  /* Below the host no text sets its own line height or letter or word spacing, so that a
     reader's text spacing (WCAG 1.4.12) reaches all of it: the heading inherits the host's
     1.6, which Thai vowels and tone marks need, and buttons undo the browser's reset. */
  h2 { margin: 0; font-size: 1.25em; }
  p { margin: 0 0 0.75rem; }
  .notice { font-weight: 600; }
  a { color: inherit; text-underline-offset: 0.2em; }
  /* Clear of the vowels Thai writes below the line. */
  :lang(th) a { text-underline-offset: 0.35em; text-decoration-thickness: 1px; }
  /* The heading and its buttons share a row while they fit, and wrap rather than push the
     buttons out when the text is long or large (English at 320 px, text-only zoom). */
  .head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem var(--_space);
    align-items: center;
    justify-content: space-between;
    margin-bottom: 0.5rem;
  }
  .head > span { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  /* The title takes the line's room, so that the buttons beside it keep together at its end. */
  .head > h2 { flex: 1 1 auto; }
  /* A close button that wraps onto its own line stays at the end, under the other one. */
  .head > .close { margin-inline-start: auto; }
  .quiet { white-space: nowrap; }
  /* "Read more" is for phones, whose banner shows only the text's first lines. */
  .more { display: none; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: var(--_space); }
  .actions > button { flex: 1 1 10rem; }
  button {
    font: inherit;
    letter-spacing: inherit;
    word-spacing: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  /* Accept, reject and choose share one look: none is nudged. */
  .choice {
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .quiet {
    border: 1px solid var(--_border);
    background: transparent;
    color: inherit;
  }
  :focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .settings, .status {
    position: fixed;
    z-index: var(--yinyom-z-index, 2147483000);
    inset: auto auto var(--_space) var(--_space);
    border: 1px solid var(--_border);
    box-shadow: var(--_shadow);
  }
  .settings { font-size: 0.875em; }
  /* The settings button floats over the page's own colours, dark footers included: its ring
     is set in the notice's background on both sides, so one of the two always stands out. */
  .settings:focus-visible { box-shadow: 0 0 0 7px var(--_bg), var(--_shadow); }
  /* Above the settings button, never over it. */
  /* Inverted, so that a message never passes for a second button. */
  .status {
    background: var(--_fg);
    color: var(--_bg);
    border-color: transparent;
    bottom: calc(var(--_space) + 3.5rem);
    max-width: calc(100vw - 2 * var(--_space));
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
  }
  /* Empty, the live region stays in the accessibility tree, out of sight: a region that
     appears together with its text is not announced by VoiceOver and often not by JAWS. The
     banner's title, said once when it appears, is out of sight too: the banner shows it. */
  .status:empty, .quiet-status { width: 1px; height: 1px; padding: 0; border: 0; overflow: hidden; clip-path: inset(50%); box-shadow: none; }
  /* Phones: the banner docks to an edge and leaves most of the first screen to the page (at
     most 35 % at 375×667): the text's first two lines, the whole of it one tap away, and the
     three choices side by side, equal, on the first layer. */
  @media (max-width: 30rem) {
    .banner, .top .banner, .center .banner { inset: auto 0 0; transform: none; border-radius: var(--_radius) var(--_radius) 0 0; padding: 0.75rem 1rem; }
    .top .banner { inset: 0 0 auto; border-radius: 0 0 var(--_radius) var(--_radius); }
    .banner h2 { font-size: 1em; }
    .banner .head { gap: 0.25rem 0.5rem; margin-bottom: 0.25rem; }
    .banner .quiet { min-height: 2rem; padding: 0.25rem 0.5rem; }
    .clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
    .banner p { margin-bottom: 0.25rem; }
    .links { display: flex; flex-wrap: wrap; gap: 0 var(--_space); }
    .more { display: block; min-height: 1.5rem; padding: 0; border: 0; background: none; color: inherit; text-decoration: underline; text-underline-offset: 0.2em; }
    .banner .actions { flex-wrap: nowrap; margin-top: 0.5rem; }
    .banner .actions > button { flex: 1 1 0; padding-inline: 0.25rem; }
  }
`;
