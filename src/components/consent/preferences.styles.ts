import { css } from 'lit';

/**
 * The preferences' own rules, adopted the first time they open: most visitors answer from
 * the banner, and a page should not parse styles for a dialog nobody opened.
 */
export const preferencesStyles = css`
  dialog {
    width: min(40rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  dialog::backdrop { background: rgb(0 0 0 / 0.5); }
  dialog { overscroll-behavior: contain; }
  /* The choices stay in reach however long the text: a footer that sticks to the bottom. */
  dialog .actions {
    position: sticky;
    bottom: calc(-1.5 * var(--_space));
    margin: var(--_space) calc(-1.5 * var(--_space)) calc(-1.5 * var(--_space));
    padding: 0.75rem calc(1.5 * var(--_space));
    background: var(--_bg);
    border-top: 1px solid var(--_border);
  }
  ul { list-style: none; margin: 0 0 var(--_space); padding: 0; }
  /* Name and switch on one row, the description below at full width, even at 320 px. */
  li {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem var(--_space);
    align-items: center;
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  li > div { display: contents; }
  li input, .always { grid-area: 1 / 2; }
  li details { grid-column: 1 / -1; font-size: 0.9em; }
  summary { cursor: pointer; min-height: 1.5rem; }
  table { width: 100%; margin-top: 0.25rem; border-collapse: collapse; }
  th, td { padding: 0.25rem 0.5rem 0.25rem 0; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
  thead th { border-bottom: 1px solid var(--_border); }
  code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  li p { grid-column: 1 / -1; margin: 0; color: var(--_muted); font-size: 0.95em; }
  label, .label { font-weight: 600; }
  .always { white-space: nowrap; font-size: 0.9em; color: var(--_muted); }
  input[role='switch'] {
    appearance: none;
    flex: none;
    position: relative;
    width: 3rem;
    height: 1.75rem;
    margin: 0;
    border: 2px solid var(--_border);
    border-radius: 1rem;
    background: var(--_bg);
    cursor: pointer;
  }
  input[role='switch']::before {
    content: '';
    position: absolute;
    inset: 0.1875rem auto auto 0.1875rem;
    width: 1.125rem;
    height: 1.125rem;
    border-radius: 50%;
    background: var(--_border);
  }
  input[role='switch']:checked { border-color: var(--_accent); background: var(--_accent); }
  input[role='switch']:checked::before { left: 1.4375rem; background: var(--_on-accent); }
  .logs { font-size: 0.9em; color: var(--_muted); }
  .receipt { display: flex; flex-wrap: wrap; gap: 0.5rem var(--_space); align-items: center; }
  .receipt > span { flex: 1 1 16rem; overflow-wrap: anywhere; }
  @media (max-width: 30rem) {
    dialog { padding: var(--_space); }
    dialog .actions { margin-inline: calc(-1 * var(--_space)); margin-bottom: calc(-1 * var(--_space)); padding-inline: var(--_space); bottom: calc(-1 * var(--_space)); }
  }
  /* No room for a footer that stays (see dialog-fit-controller.ts): the choices scroll with
     the text, so every switch and the close button can be reached. */
  dialog.loose .actions { position: static; }
  @media (prefers-reduced-motion: no-preference) {
    input[role='switch']::before { transition: left 0.15s; }
  }
  @media (forced-colors: active) {
    input[role='switch']:checked::before { background: CanvasText; }
  }
`;
