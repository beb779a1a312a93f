import type { ComponentChildren } from 'preact';
import { go, placeOf } from './place.js';

/** A link that moves within the console without reloading it; with a modifier key, the browser opens it as usual. */
export function Link({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        go(placeOf(new URL(href, location.href)));
      }}
    >
      {children}
    </a>
  );
}
