// A tiny element builder. Every string child becomes a text node, so user text is always
// rendered as text (never parsed as HTML: this file is the only place that creates elements).

export type Child = Node | string | number | null | undefined | false | Child[];

type Handler = (event: any) => void;

export interface Props {
  class?: string | null | false;
  on?: Record<string, Handler>;
  [attribute: string]: unknown;
}

// Set as DOM properties rather than attributes (their attribute only holds the initial value).
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'required', 'open', 'htmlFor', 'maxLength']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) {
    for (const [name, value] of Object.entries(props)) {
      if (name === 'class') {
        if (value) {
          element.className = String(value);
        }
      } else if (name === 'on') {
        for (const [type, handler] of Object.entries(value as Record<string, Handler>)) {
          element.addEventListener(type, handler);
        }
      } else if (PROPERTIES.has(name)) {
        (element as any)[name] = value;
      } else if (value === true) {
        element.setAttribute(name, '');
      } else if (value !== false && value !== null && value !== undefined) {
        element.setAttribute(name, String(value));
      }
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (typeof child === 'string' || typeof child === 'number') {
      parent.appendChild(document.createTextNode(String(child)));
    } else {
      parent.appendChild(child);
    }
  }
}

/** Replaces the children of a region, keeping keyboard focus on the element with the same data-key. */
export function replace(region: Element, ...children: Child[]): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && region.contains(active) ? active.getAttribute('data-key') : null;
  region.replaceChildren();
  append(region, children);
  if (key) {
    const again = region.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (again && !(again as HTMLButtonElement).disabled) {
      again.focus({ preventScroll: true });
    }
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`#${id} is missing`);
  }
  return element as T;
}

/** The n-th path segment of the page URL, decoded (e.g. the workshop id of /w/{id}). */
export function pathSegment(index: number): string {
  const parts = location.pathname.split('/').filter((p) => p.length > 0);
  return decodeURIComponent(parts[index] ?? '');
}

/** A clientOpId / local id. crypto.randomUUID needs a secure context; a hall's LAN address over http is not one. */
export function newId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
