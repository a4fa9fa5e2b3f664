// Film posters from TMDB's image server, over a tidy placeholder that shows when there is no
// poster, when it fails to load (offline) or until it has loaded.
import { h } from './dom.js';

function hue(text) {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % 360;
}

/**
 * A poster frame for `title`: the placeholder (title on a tinted card) with the image over it.
 * `decorative`: the title is written next to it (cards, tickets), so screen readers skip it.
 */
export function poster(url, title, className = '', { decorative = false } = {}) {
  const frame = h(
    'div',
    { class: `poster ${className}`.trim(), style: { '--poster-hue': hue(title) } },
    h(
      'div',
      { class: 'poster__placeholder', 'aria-hidden': 'true' },
      h('span', { class: 'poster__icon' }),
      h('span', { class: 'poster__title' }, title),
    ),
  );
  if (url) {
    const image = h('img', {
      class: 'poster__image',
      src: url,
      alt: decorative ? '' : `Poster of ${title}`,
      loading: 'lazy',
      decoding: 'async',
    });
    image.addEventListener(
      'error',
      () => {
        image.remove();
        frame.classList.add('poster--missing');
        if (!decorative) describeMissing(frame, title);
      },
      { once: true },
    );
    frame.append(image);
  } else {
    frame.classList.add('poster--missing');
    if (!decorative) describeMissing(frame, title);
  }
  return frame;
}

function describeMissing(frame, title) {
  frame.setAttribute('role', 'img');
  frame.setAttribute('aria-label', `No poster for ${title}`);
}
