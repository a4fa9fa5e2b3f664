// Small DOM helpers: build elements without innerHTML (API data is always text, never markup).

/**
 * Creates an element. `props`: `class`, `dataset`, `on` (event listeners), `style` (custom
 * properties and styles set through the CSSOM, which the CSP allows), other keys as attributes
 * (`true` → empty attribute; `false`, null and undefined → left out). Children: nodes or text.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'on')
      for (const [type, listener] of Object.entries(value)) element.addEventListener(type, listener);
    else if (key === 'style')
      for (const [property, v] of Object.entries(value)) element.style.setProperty(property, String(v));
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends nodes or text (arrays flattened, null/undefined/false skipped). */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** The element with `id`. @throws Error when the page lacks it (a template/script mismatch). */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
}

/** Replaces the content of `element` with `children`. */
export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/**
 * Puts `text` in a live region (role=status or role=alert) so screen readers announce it, and
 * shows it; an empty text hides the region. `tone` styles it: info, success, error.
 */
export function say(region, text, tone = 'info') {
  region.textContent = text ?? '';
  region.dataset.tone = tone;
  region.hidden = !text;
}

/** Moves keyboard focus to `element` (made focusable for the purpose) without scrolling past it. */
export function focusOn(element) {
  if (!element) return;
  if (!element.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(element.tagName))
    element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: false });
}

/** `n thing` / `n things`. */
export function plural(count, singular, pluralForm = `${singular}s`) {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
