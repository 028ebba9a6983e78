// The projector's hover preview: a small box beside the pointer with the nearest point's key,
// its label and, for text rows, the start of its text (fetched once the pointer rests, cached).

import { el, replaceChildren } from '../dom.js';
import { rowDetail } from './catalog-grid.js';

const SNIPPET = 160;
const REST_MS = 120;

/** The preview box; `show(index, x, y)` places it (index −1 hides it). */
export function hoverPreview({ dataset, keys, labelOf, isStale }) {
  const node = el('div', { class: 'projector-tip', hidden: true, role: 'tooltip' });
  let current = -1;
  let timer = 0;
  return {
    node,
    show(index, x, y) {
      if (index < 0) { node.hidden = true; current = -1; clearTimeout(timer); return; }
      node.style.left = `${x + 14}px`;
      node.style.top = `${y + 14}px`;
      if (index === current) return;
      current = index;
      const key = keys[index];
      const label = labelOf(key);
      const text = el('p', { class: 'tip-text' });
      replaceChildren(node, el('strong', { class: 'tip-key' }, key), label ? el('span', { class: 'badge' }, label) : null, text);
      node.dataset.key = key;
      node.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(() => {
        rowDetail(dataset, key).then((detail) => {
          if (isStale() || current !== index) return;
          const row = detail.row;
          if (typeof row.text === 'string') text.textContent = row.text.length > SNIPPET ? `${row.text.slice(0, SNIPPET)}…` : row.text;
          else if (row.width) text.textContent = `${row.width} × ${row.height} image`;
        }, () => {});
      }, REST_MS);
    },
  };
}
