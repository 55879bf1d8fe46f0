import { YinyomPlaceholder } from './yinyom-placeholder.component.js';

export * from './yinyom-placeholder.component.js';

if (!customElements.get('yinyom-placeholder')) customElements.define('yinyom-placeholder', YinyomPlaceholder);

declare global {
  interface HTMLElementTagNameMap {
    'yinyom-placeholder': YinyomPlaceholder;
  }
}
