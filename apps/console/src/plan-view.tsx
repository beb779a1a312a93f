import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { getText } from './api.js';
import { useLoad } from './load.js';
import { Status } from './status.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Markdown with GFM tables, where HTML in the text (names, reasons, criteria people typed) shows as
 * text; the result is sanitised all the same, as a second line of defence.
 */
const markdown = new Marked({
  gfm: true,
  renderer: { html: ({ text }) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!) },
});

function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(markdown.parse(text, { async: false }));
}

/** An improvement program's plan of measures, printable as the API writes it. */
export function PlanView({ programId, asOf }: { programId: string; asOf: string | undefined }) {
  const plan = useLoad(() => getText(`/improvement-programs/${encodeURIComponent(programId)}/plan.md`, { asOf }), [programId, asOf]);
  return (
    <section aria-label={`Plan of ${programId}`} class="plan">
      <Status loaded={plan}>{(text) => <article dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />}</Status>
      <button type="button" class="no-print" onClick={() => print()}>
        Print
      </button>
    </section>
  );
}
