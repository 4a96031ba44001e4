import { t } from '../i18n/i18n';
import { h } from './dom';

/** "2 h 05 min", "12 min": the time left, to the minute. */
export function timeLeft(milliseconds: number): string {
  const minutes = Math.max(0, Math.ceil(milliseconds / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

/**
 * The time left before `respondBy`, refreshed every 30 s while it is on the page (the timer stops by
 * itself once the element is gone, so navigating away leaves nothing running).
 */
export function countdown(respondBy: string, now: () => number = Date.now): HTMLElement {
  const element = h('p', { class: 'countdown', role: 'timer', 'aria-live': 'off' });
  const deadline = Date.parse(respondBy);
  const render = () => {
    const left = deadline - now();
    element.textContent = left > 0 ? t('placeRequest.countdown', { time: timeLeft(left) }) : t('placeRequest.late');
    element.classList.toggle('countdown--late', left <= 0);
  };
  render();
  const timer = setInterval(() => {
    if (!element.isConnected) {
      clearInterval(timer);
      return;
    }
    render();
  }, 30_000);
  return element;
}
