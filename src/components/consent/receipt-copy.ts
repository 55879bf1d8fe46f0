import type { ConsentConfig } from '../../core/config.js';
import type { ConsentRecord } from '../../core/consent-record.js';
import { formatDate } from '../../i18n/format-date.js';
import type { Messages } from '../../i18n/messages.js';
import type { NoticeView } from './notice-view.js';

/** The preferences' "copy receipt": copies, or selects where there is no clipboard, and says which. */
export async function copyReceipt(
  { consent, messages, config, language }: NoticeView<Messages>,
  root: ParentNode,
  say: (text: string) => void,
): Promise<void> {
  if (!consent) return;
  const copied = await copyText(
    receiptText(consent, messages, config, language),
    root.querySelector('[part~="receipt"]'),
  );
  say(copied ? messages.copied : messages.copyByHand);
}

/** The visitor's own receipt as text, in their language: its id and date, then each category. */
export function receiptText(consent: ConsentRecord, m: Messages, config: ConsentConfig, language: string): string {
  return [
    m.receipt(consent.id, formatDate(consent.updatedAt, language)),
    `${m.necessary.title}: ✓`,
    ...config.categories.map((c) => `${m.categories[c].title}: ${consent.categories[c] ? '✓' : '✗'}`),
  ].join('\n');
}

/**
 * Puts a text on the clipboard. The Clipboard API exists only in secure contexts, and many
 * government sites are plain http: there the receipt's own text is selected instead, for
 * the visitor to copy. Resolves to whether the clipboard took it.
 */
export async function copyText(text: string, fallback: Element | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallback) getSelection()?.selectAllChildren(fallback);
    return false;
  }
}
