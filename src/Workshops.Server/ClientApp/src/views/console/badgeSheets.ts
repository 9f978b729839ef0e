import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { BadgeIssued } from '../../lib/types';
import { qrCode } from '../qr';

// The printable badges (css/app.css, "badges" section): A4 sheets of 8 badges (2 x 4), each with
// a QR of <origin>/?badge=CODE, the code and the name. Codes exist only in the creation reply,
// so these sheets are drawn from what this page received, nothing more.

export const BADGES_PER_SHEET = 8;

// Drawn at twice the printed size (about 38 mm): sharp on paper, light enough for thousands.
const QR_PIXELS = 300;

export function badgeLink(origin: string, code: string): string {
  return `${origin.trim().replace(/\/+$/, '')}/?badge=${encodeURIComponent(code)}`;
}

/** "ABCDEFGHJKMN" as "ABCD-EFGH-JKMN": read and typed in groups of four (the server ignores the dashes). */
export function groupedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export function renderBadgeSheets(title: string, badges: BadgeIssued[], origin: string): HTMLElement {
  const sheets: HTMLElement[] = [];
  for (let start = 0; start < badges.length; start += BADGES_PER_SHEET) {
    const page = Math.floor(start / BADGES_PER_SHEET) + 1;
    sheets.push(h('section', { class: 'badge-sheet', 'data-testid': 'badge-sheet', 'aria-label': t('badges.sheetOf', { n: page }) },
      badges.slice(start, start + BADGES_PER_SHEET).map((b) => badgeCard(title, b, origin))));
  }
  return h('div', { class: 'badge-sheets', 'data-testid': 'badge-sheets' }, sheets);
}

function badgeCard(title: string, badge: BadgeIssued, origin: string): HTMLElement {
  const code = groupedCode(badge.code);
  const who = badge.name ?? t('badges.blankName');
  const detail = [badge.organization, badge.group].filter((x) => x).join(' · ');
  return h('article', { class: 'badge-card', 'data-testid': 'badge-card', 'data-badge-id': badge.badgeId, 'aria-label': t('badges.cardOf', { who }) },
    h('p', { class: 'badge-event' }, title),
    h('p', { class: badge.name ? 'badge-name' : 'badge-name badge-name-blank' }, who),
    detail ? h('p', { class: 'badge-detail' }, detail) : null,
    qrCode(badgeLink(origin, badge.code), QR_PIXELS, t('badges.qrOf', { who })),
    h('p', { class: 'badge-code', 'data-testid': 'badge-code' }, code),
    h('p', { class: 'badge-help' }, t('badges.cardHelp')));
}
