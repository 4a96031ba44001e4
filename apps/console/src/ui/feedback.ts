import { ApiError, NetworkError } from '../api/client';
import { t } from '../i18n/i18n';
import { h } from './dom';

/**
 * An error as a person can act on it: the API's problem+json `detail` (and its field errors), or a
 * plain sentence when the server could not be reached. Announced to screen readers (role=alert).
 */
export function errorBox(error: unknown): HTMLElement {
  if (error instanceof NetworkError) return h('div', { class: 'notice notice--error', role: 'alert', tabindex: -1 }, t('error.network'));
  if (error instanceof ApiError) {
    const { problem } = error;
    // A bare NOT_FOUND is a route this server does not have (yet); domain codes name what is missing.
    const heading =
      problem.code === 'NOT_FOUND' ? t('error.unavailable') : (problem.title ?? t('error.status', { status: problem.status }));
    const fields = (problem.errors ?? []).filter((e) => e.message);
    return h(
      'div',
      { class: 'notice notice--error', role: 'alert', tabindex: -1 },
      h('p', { class: 'notice__title' }, heading),
      problem.detail ? h('p', {}, problem.detail) : null,
      fields.length ? h('p', {}, t('error.fields')) : null,
      fields.length ? h('ul', {}, ...fields.map((e) => h('li', {}, e.field ? `${e.field}: ${e.message}` : String(e.message)))) : null,
    );
  }
  return h('div', { class: 'notice notice--error', role: 'alert' }, t('error.status', { status: '?' }));
}

export const emptyState = (text: string): HTMLElement => h('p', { class: 'empty' }, text);

export const loading = (): HTMLElement => h('p', { class: 'loading', role: 'status' }, t('app.loading'));

export const success = (text: string): HTMLElement => h('p', { class: 'notice notice--success', role: 'status' }, text);
