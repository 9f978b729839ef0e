import { h, replace } from './dom';
import type { HubClient, LinkState } from './hub';
import { type Key, language, num, onLanguageChange, setLanguage, t, tn } from './i18n';
import type { Phase } from './types';

// Pieces shared by the pages: connection badge, language switch, messages, dialogs, timer.

const ERROR_KEYS: Record<string, Key> = {
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  invalid_input: 'error.invalid_input',
  wrong_phase: 'error.wrong_phase',
  vote_limit: 'error.vote_limit',
  rate_limited: 'error.rate_limited',
  conflict: 'error.conflict',
  unavailable: 'error.unavailable',
  offline: 'error.offline',
};

export function errorText(code: string): string {
  return t(ERROR_KEYS[code] ?? 'error.unknown');
}

export function phaseName(phase: Phase): string {
  return t(`phase.${phase}` as Key);
}

/** The always-visible connection badge, with the number of operations waiting to be sent. */
export function connectionBadge(hub: HubClient, waiting: () => number): { element: HTMLElement; update: () => void } {
  const label = h('span', { class: 'conn-label' });
  const element = h('div', { class: 'conn', role: 'status', 'aria-live': 'polite', 'data-testid': 'connection' },
    h('span', { class: 'conn-dot', 'aria-hidden': 'true' }), label);
  const update = (): void => {
    const state: LinkState = hub.state;
    element.dataset.state = state;
    const count = waiting();
    const text = t(`conn.${state}` as Key);
    label.textContent = count > 0 ? `${text} · ${tn('conn.waiting', count)}` : text;
    element.dataset.waiting = String(count);
  };
  hub.onState(update);
  onLanguageChange(update);
  update();
  return { element, update };
}

export function languageSwitch(): HTMLButtonElement {
  const button = h('button', {
    type: 'button',
    class: 'btn btn-quiet lang-switch',
    'data-testid': 'language',
    on: { click: () => setLanguage(language() === 'tr' ? 'en' : 'tr') },
  });
  const update = (): void => {
    // Names each language in itself, so that someone who cannot read the current one finds it.
    button.textContent = language() === 'tr' ? 'English' : 'Türkçe';
    button.lang = language() === 'tr' ? 'en' : 'tr';
    // The visible name is the whole accessible name (axe: label-content-name-mismatch); the hint is a title.
    button.title = t('lang.switch');
  };
  onLanguageChange(update);
  update();
  return button;
}

let toastRegion: HTMLElement | null = null;

/** A short message at the bottom of the screen, read out by screen readers. */
export function toast(message: string, kind: 'error' | 'info' = 'info'): void {
  if (!toastRegion) {
    toastRegion = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(toastRegion);
  }
  const item = h('div', { class: `toast toast-${kind}`, 'data-testid': `toast-${kind}` }, message);
  toastRegion.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 7000 : 4000);
}

export function showError(code: string): void {
  toast(errorText(code), 'error');
}

/** mm:ss left until endsAt, on this device's clock. */
export function remainingText(endsAt: string | null): { text: string; seconds: number } | null {
  if (!endsAt) {
    return null;
  }
  const ms = new Date(endsAt).getTime() - Date.now();
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const mm = Math.floor(seconds / 60);
  const ss = seconds % 60;
  return { text: `${num(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`, seconds };
}

/**
 * A countdown element that ticks by itself; `endsAt` is read on every tick so that a changed
 * timer shows at once. Hidden while no timer runs.
 */
export function countdown(endsAt: () => string | null, className = 'countdown'): HTMLElement {
  const value = h('span', { class: 'countdown-value' });
  const element = h('div', { class: className, role: 'timer', 'data-testid': 'countdown' },
    h('span', { class: 'countdown-label' }, ''), value);
  const label = element.firstChild as HTMLElement;
  let lastAnnounced = '';
  const tick = (): void => {
    const left = remainingText(endsAt());
    element.hidden = left === null;
    if (!left) {
      return;
    }
    const ended = left.seconds === 0;
    element.classList.toggle('ended', ended);
    element.classList.toggle('ending', !ended && left.seconds <= 30);
    const labelText = ended ? t('timer.ended') : t('timer.left');
    if (label.textContent !== labelText) {
      label.textContent = labelText;
    }
    if (value.textContent !== left.text) {
      value.textContent = left.text;
    }
    // A label for screen readers once a minute, not every second.
    const announce = ended ? t('timer.ended') : tn('timer.minutesLeft', Math.ceil(left.seconds / 60));
    if (announce !== lastAnnounced) {
      lastAnnounced = announce;
      element.setAttribute('aria-label', announce);
    }
  };
  tick();
  setInterval(tick, 250);
  return element;
}

function dialogShell(titleText: string, ...body: (Node | string)[]): HTMLDialogElement {
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
    h('h2', { id: titleId, class: 'dialog-title' }, titleText), ...body);
  document.body.appendChild(dialog);
  return dialog;
}

/** A modal question (not window.confirm: that blocks the page and its live updates). */
export function confirmDialog(question: string, detail: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = false;
    const dialog = dialogShell(question,
      h('p', null, detail),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', on: { click: () => dialog.close() } }, t('action.cancel')),
        h('button', {
          type: 'button', class: 'btn btn-primary', 'data-testid': 'confirm',
          on: { click: () => { answer = true; dialog.close(); } },
        }, confirmLabel)));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(answer); });
    dialog.showModal();
  });
}

/** Asks for a text (editing an idea); null when cancelled. */
export function textDialog(title: string, label: string, initial: string, maxLength: number): Promise<string | null> {
  return new Promise((resolve) => {
    let answer: string | null = null;
    const id = `txt-${Math.random().toString(36).slice(2)}`;
    const area = h('textarea', { id, class: 'input', rows: 4, maxLength, value: initial, required: true });
    const counter = h('span', { class: 'counter', 'aria-hidden': 'true' });
    const count = (): void => { counter.textContent = `${num(area.value.length)} / ${num(maxLength)}`; };
    area.addEventListener('input', count);
    count();
    const form = h('form', {
      method: 'dialog',
      on: {
        submit: (event: SubmitEvent) => {
          const text = area.value.trim();
          if (text.length === 0) {
            event.preventDefault();
            return;
          }
          answer = text;
        },
      },
    },
      h('label', { for: id, class: 'label' }, label), area, counter,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', on: { click: () => dialog.close() } }, t('action.cancel')),
        h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'save' }, t('action.save'))));
    const dialog = dialogShell(title, form);
    dialog.addEventListener('close', () => { dialog.remove(); resolve(answer); });
    dialog.showModal();
    area.focus();
  });
}

/** A full-page message (no access, not found) with an optional way on. */
export function fullMessage(main: HTMLElement, title: string, detail: string, link?: { href: string; text: string }): void {
  replace(main, h('section', { class: 'card message-card' },
    h('h1', null, title),
    h('p', null, detail),
    link ? h('a', { class: 'btn btn-primary', href: link.href }, link.text) : null));
}

/** Keyboard behaviour of a tab list (arrows, Home, End), as WAI-ARIA describes it. */
export function tabKeys(list: HTMLElement, select: (index: number) => void): void {
  list.addEventListener('keydown', (event: KeyboardEvent) => {
    const tabs = [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
    const index = tabs.indexOf(document.activeElement as HTMLElement);
    if (index < 0) {
      return;
    }
    let next = -1;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      next = (index + 1) % tabs.length;
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      next = (index - 1 + tabs.length) % tabs.length;
    } else if (event.key === 'Home') {
      next = 0;
    } else if (event.key === 'End') {
      next = tabs.length - 1;
    }
    if (next >= 0) {
      event.preventDefault();
      select(next);
      list.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
    }
  });
}
