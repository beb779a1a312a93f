import type { PublishStandard } from './standard.commands.js';

/* Fixtures the standards specs share: three business dates, and support's standard on greeting a client. */

export const JAN = '2026-01-05T09:00:00.000Z';
export const FEB = '2026-02-02T09:00:00.000Z';
export const MAR = '2026-03-02T09:00:00.000Z';

/** Support publishes its external standard on greeting a client in January. */
export const publishGreeting: PublishStandard = {
  type: 'PublishStandard',
  standardId: 'greeting',
  standardType: 'external',
  owner: { sectionId: 'support' },
  ownerActive: true,
  title: 'Greeting a client',
  body: 'Greet the client by name within the first sentence.',
  at: JAN,
};
