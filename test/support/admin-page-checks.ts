// Checks a person makes on every admin page, automated: the page never scrolls sideways, no key column
// of a table ([data-key-cell]) is cut off by the window or by a scrolling table, and axe-core finds no
// serious or critical accessibility violation.
import fs from 'node:fs';
import type { Page } from 'playwright-core';

// The functions passed to page.evaluate run in the browser; the Node typings have no DOM, so its few
// globals used there are declared for this file only.
declare const document: { documentElement: HTMLElement & { clientWidth: number; scrollWidth: number }; querySelector(selector: string): unknown; querySelectorAll<T>(selector: string): ArrayLike<T> & Iterable<T> };
declare const window: object;
declare function getComputedStyle(element: unknown): { overflowX: string };
declare interface HTMLElement { innerText: string; textContent: string | null; parentElement: HTMLElement | null; getBoundingClientRect(): { left: number; right: number; width: number; height: number } }

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface LayoutReport {
  problems: string[];
  keyCells: number;
}

/** Problems a reader would see: sideways scrolling, and key cells clipped or hidden. */
export async function checkLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    const viewport = root.clientWidth;
    if (root.scrollWidth > viewport + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${viewport}px window`);
    const cells = [...document.querySelectorAll<HTMLElement>('[data-key-cell]')];
    for (const cell of cells) {
      const label = (cell.innerText || cell.textContent || '').trim().slice(0, 40) || '(empty)';
      const box = cell.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) {
        problems.push(`key cell "${label}" is not shown`);
        continue;
      }
      if (box.left < -1 || box.right > viewport + 1) {
        problems.push(`key cell "${label}" runs off the window (${Math.round(box.left)}–${Math.round(box.right)} of ${viewport}px)`);
        continue;
      }
      for (let parent = cell.parentElement; parent && parent !== root; parent = parent.parentElement) {
        if (!/(auto|scroll|hidden|clip)/.test(getComputedStyle(parent).overflowX)) continue;
        const frame = parent.getBoundingClientRect();
        if (box.left < frame.left - 1 || box.right > frame.right + 1) {
          problems.push(`key cell "${label}" is clipped by a scrolling container (${Math.round(box.left)}–${Math.round(box.right)} outside ${Math.round(frame.left)}–${Math.round(frame.right)})`);
          break;
        }
      }
    }
    return { problems, keyCells: cells.length };
  });
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> };
    const axe = (window as unknown as { axe: { run(context: typeof document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact ?? '', help: violation.help, targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
  });
}
