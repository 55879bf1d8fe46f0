// Shows, for each recipe on the page, whether yinyom has made it live yet.
const states = document.getElementById('states');

function render() {
  states.replaceChildren(
    // The page's own recipes: a live script is a copy yinyom puts right after its original.
    ...Array.from(document.querySelectorAll('[data-recipe]:not(script:not([type="text/plain"]))'), (element) => {
      const row = document.createElement('tr');
      const state = element.getAttribute('data-yinyom-state');
      const cells = [
        element.getAttribute('data-recipe'),
        element.getAttribute('data-consent'),
        state === 'done' ? 'ทำงานแล้ว · live' : state === 'refused' ? 'ถูกปฏิเสธ · refused' : 'รอความยินยอม · waiting',
      ];
      for (const text of cells) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
}

render();
// Re-render on the gate's changes only, never on this table's own rows.
new MutationObserver((records) => {
  if (records.some((record) => !states.contains(record.target))) render();
}).observe(document.querySelector('main'), {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['data-yinyom-state'],
});
