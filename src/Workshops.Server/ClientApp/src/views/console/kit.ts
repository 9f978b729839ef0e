import { h } from '../../lib/dom';
import { formatDay, t } from '../../lib/i18n';
import { qrCode } from '../qr';

// The event kit, printed on A4 (css/app.css, "console" section, @media print): a join poster,
// the moderator sheet and one facilitator card per workshop. Keys are only known when they are
// created or rotated, so a kit holds what this page received, nothing more.

export interface KitContent {
  title: string;
  date?: string | null;
  venue?: string | null;
  joinCode?: string | null;
  moderatorKey?: string | null;
  facilitators: { workshopId: string; title: string; key: string }[];
}

/** The link that signs a key's holder in: the sign-in page with the key in the fragment (never sent to a server log). */
export function keyLink(origin: string, key: string): string {
  return `${trimOrigin(origin)}/#key=${encodeURIComponent(key)}`;
}

export function joinLink(origin: string, code: string): string {
  return `${trimOrigin(origin)}/?code=${encodeURIComponent(code)}`;
}

function trimOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '');
}

/** The address phones and laptops open: ?origin= when the console runs as localhost, else this one. */
export function defaultOrigin(): string {
  return new URLSearchParams(location.search).get('origin') ?? location.origin;
}

// Drawn large and shown smaller: the printer gets a sharp code.
const QR_PIXELS = 640;

export function renderKit(kit: KitContent, origin: string): HTMLElement {
  const meta = [formatDay(kit.date), kit.venue].filter((x) => x).join(' · ');
  const sheets: HTMLElement[] = [];
  if (kit.joinCode) {
    const url = joinLink(origin, kit.joinCode);
    sheets.push(h('section', { class: 'kit-sheet kit-poster', 'data-testid': 'kit-poster', 'aria-label': t('kit.poster') },
      h('p', { class: 'kit-eyebrow' }, t('kit.posterEyebrow')),
      h('h2', { class: 'kit-title' }, kit.title),
      meta ? h('p', { class: 'kit-meta' }, meta) : null,
      qrCode(url, QR_PIXELS, t('wall.qrLabel', { code: kit.joinCode })),
      h('p', { class: 'kit-label' }, t('kit.posterCode')),
      h('p', { class: 'kit-code', 'data-testid': 'kit-join-code' }, kit.joinCode),
      h('p', { class: 'kit-url' }, url)));
  }
  if (kit.moderatorKey) {
    const url = keyLink(origin, kit.moderatorKey);
    sheets.push(h('section', { class: 'kit-sheet kit-moderator', 'data-testid': 'kit-moderator', 'aria-label': t('kit.moderator') },
      h('p', { class: 'kit-eyebrow' }, t('kit.moderator')),
      h('h2', { class: 'kit-title' }, kit.title),
      meta ? h('p', { class: 'kit-meta' }, meta) : null,
      qrCode(url, QR_PIXELS, t('kit.qrOfLink', { who: t('kit.moderator') })),
      h('p', { class: 'kit-label' }, t('kit.link')),
      h('p', { class: 'kit-url' }, url),
      h('p', { class: 'kit-label' }, t('kit.key')),
      h('p', { class: 'kit-key', 'data-testid': 'kit-key' }, kit.moderatorKey),
      kit.joinCode ? [h('p', { class: 'kit-label' }, t('mod.joinCode')), h('p', { class: 'kit-code kit-code-small' }, kit.joinCode)] : null,
      h('p', { class: 'kit-warning' }, t('kit.moderatorWarning'))));
  }
  for (const card of kit.facilitators) {
    const url = keyLink(origin, card.key);
    sheets.push(h('section', {
      class: 'kit-sheet kit-card', 'data-testid': 'kit-card', 'data-workshop-id': card.workshopId, 'aria-label': t('kit.cardOf', { title: card.title }),
    },
      h('p', { class: 'kit-eyebrow' }, t('kit.card')),
      h('h2', { class: 'kit-title' }, card.title),
      h('p', { class: 'kit-meta' }, [kit.title, meta].filter((x) => x).join(' · ')),
      qrCode(url, QR_PIXELS, t('kit.qrOfLink', { who: card.title })),
      h('p', { class: 'kit-label' }, t('kit.link')),
      h('p', { class: 'kit-url' }, url),
      h('p', { class: 'kit-label' }, t('kit.key')),
      h('p', { class: 'kit-key', 'data-testid': 'kit-key' }, card.key),
      h('p', { class: 'kit-warning' }, t('kit.cardWarning'))));
  }
  return h('div', { class: 'kit', 'data-testid': 'kit' }, sheets);
}
