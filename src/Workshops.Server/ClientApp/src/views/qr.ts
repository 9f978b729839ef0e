import { toCanvas } from 'qrcode';
import { h } from '../lib/dom';

/** The join link as a QR code (drawn by the qrcode library onto a canvas). */
export function qrCode(url: string, size: number, label: string): HTMLCanvasElement {
  const canvas = h('canvas', { class: 'qr', role: 'img', 'aria-label': label, width: size, height: size });
  void toCanvas(canvas, url, { width: size, margin: 1, errorCorrectionLevel: 'M', color: { dark: '#0a1a2f', light: '#ffffff' } })
    .catch(() => canvas.replaceWith(h('p', { class: 'hint' }, url)));
  return canvas;
}

/** The link a phone opens to join: ?origin= lets the wall show the hall's address when opened as localhost. */
export function joinUrl(code: string): string {
  const origin = new URLSearchParams(location.search).get('origin') ?? location.origin;
  return `${origin.replace(/\/+$/, '')}/?code=${encodeURIComponent(code)}`;
}
