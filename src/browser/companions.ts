/**
 * The nodes yinyom adds to the page, each tied to the page's node it stands for: the live
 * copy of a gated script goes right after it, the placeholder of a gated frame right before
 * it. The page's nodes belong to the page and its framework (React, Vue, a client router),
 * which insert, move and remove them expecting to find them where they left them: yinyom
 * never replaces, moves or removes one. It moves and removes only its own, so that when a
 * framework removes a gated node (a route change, a closed panel, `v-if`), what yinyom
 * added for it goes too, and when the framework moves it, ours follows.
 */
export class Companions {
  /** Page node → the node yinyom added for it, and on which side. */
  private readonly _tied = new Map<Element, { readonly node: Element; readonly side: 'before' | 'after' }>();

  /** Puts `node` beside `page` and keeps it there for as long as `page` is in the document. */
  tie(page: Element, node: Element, side: 'before' | 'after'): void {
    this._tied.set(page, { node, side });
    page[side](node);
  }

  /** The node yinyom added for `page`, if any. */
  of(page: Element): Element | undefined {
    return this._tied.get(page)?.node;
  }

  /** Every node yinyom added and still keeps beside a page node. */
  get nodes(): Element[] {
    return [...this._tied.values()].map(({ node }) => node);
  }

  /** Removes the node added for `page` (its placeholder, once the frame goes live). */
  untie(page: Element): void {
    this._tied.get(page)?.node.remove();
    this._tied.delete(page);
  }

  /**
   * After the DOM changed: a companion whose page node left the document goes; one whose
   * page node moved follows it. Costs one pass over yinyom's own nodes, a handful per page.
   */
  follow(): void {
    for (const [page, { node, side }] of this._tied) {
      if (!page.isConnected) {
        node.remove();
        this._tied.delete(page);
      } else if ((side === 'before' ? page.previousElementSibling : page.nextElementSibling) !== node) {
        page[side](node);
      }
    }
  }
}
