// The floating launcher (app embed): a button that opens the widget as a modal dialog over a
// backdrop — a full-screen sheet on phones (see loyalty-widget.css). While it is open the launcher
// is hidden (so it needs no aria-expanded) and the page behind does not scroll; Escape, the close button and the backdrop close it
// and give the focus back to the launcher.
import { trapFocus } from './dom';
import type { Widget } from './widget';

export function wireLauncher(root: HTMLElement, widget: Widget): void {
  const find = (name: string) => root.querySelector<HTMLElement>(`[data-slw-${name}]`)!;
  const launcher = find('launcher');
  const dialog = find('dialog');
  const backdrop = find('backdrop');
  // The Rewards section on this page already shows everything: no second entry point covering it.
  if (document.querySelector('[data-mode=section]')) {
    root.hidden = true;
    return;
  }
  const setOpen = (open: boolean) => {
    dialog.hidden = backdrop.hidden = !open;
    launcher.hidden = open;
    document.documentElement.classList.toggle('slw-locked', open);
    if (open) {
      void widget.load();
      find('title').focus();
    } else {
      launcher.focus();
    }
  };
  launcher.onclick = () => setOpen(true);
  find('close').onclick = backdrop.onclick = () => setOpen(false);
  dialog.onkeydown = (event) => {
    if (event.key === 'Escape') setOpen(false);
    else trapFocus(dialog, event);
  };
}
