import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { ReviseStandard, StandardCommand } from './standard.commands.js';
import { standardDecider } from './standard.decider.js';
import type { StandardPublished, StandardRetired, StandardRevised } from './standard.events.js';
import { FEB, JAN, MAR, publishGreeting } from './testing.js';

const publish = publishGreeting;
const published: StandardPublished = {
  type: 'StandardPublished',
  data: {
    standardId: 'greeting',
    version: 1,
    type: 'external',
    owner: { sectionId: 'support' },
    title: 'Greeting a client',
    body: 'Greet the client by name within the first sentence.',
    publishedAt: JAN,
  },
};
const revise = (change: Partial<ReviseStandard> = {}): ReviseStandard => ({
  type: 'ReviseStandard',
  standardId: 'greeting',
  body: 'Greet the client by name and introduce yourself.',
  changeNote: 'Agents forgot to introduce themselves',
  at: FEB,
  ...change,
});
const revised: StandardRevised = {
  type: 'StandardRevised',
  data: {
    standardId: 'greeting',
    version: 2,
    title: 'Greeting a client',
    body: 'Greet the client by name and introduce yourself.',
    changeNote: 'Agents forgot to introduce themselves',
    revisedAt: FEB,
  },
};
const retired: StandardRetired = { type: 'StandardRetired', data: { standardId: 'greeting', retiredAt: MAR } };

const { given } = deciderSpec(standardDecider());

describe('standard decider', () => {
  it('publishes version 1 of a standard of a section', () => {
    given([]).when(publish).then([published]);
  });

  it('publishes a standard of a product that is a link to a document', () => {
    const { body: _body, ...withoutBody } = publish;
    given([])
      .when({ ...withoutBody, standardType: 'behavioural', owner: { productId: 'webinar-1' }, link: 'https://docs.example.org/standards/webinar' })
      .then([
        {
          type: 'StandardPublished',
          data: {
            standardId: 'greeting',
            version: 1,
            type: 'behavioural',
            owner: { productId: 'webinar-1' },
            title: 'Greeting a client',
            link: 'https://docs.example.org/standards/webinar',
            publishedAt: JAN,
          },
        },
      ]);
  });

  it('refuses a standard id that is taken', () => {
    given([published]).when(publish).thenThrows(DomainRuleError, 'STANDARD_EXISTS');
  });

  it('refuses an owner that is closed or retired', () => {
    given([]).when({ ...publish, ownerActive: false }).thenThrows(DomainRuleError, 'STANDARD_OWNER_INACTIVE');
  });

  it('publishes version 2 with the new content and the reason, keeping the title', () => {
    given([published]).when(revise()).then([revised]);
  });

  it('numbers each revision after the last one and may change the title', () => {
    given([published, revised])
      .when(revise({ title: 'Greeting', link: 'https://docs.example.org/greeting', changeNote: undefined, at: MAR }))
      .then([
        {
          type: 'StandardRevised',
          data: {
            standardId: 'greeting',
            version: 3,
            title: 'Greeting',
            body: 'Greet the client by name and introduce yourself.',
            link: 'https://docs.example.org/greeting',
            revisedAt: MAR,
          },
        },
      ]);
  });

  it('appends nothing for a revision that says what the current version says', () => {
    given([published, revised]).when(revise({ changeNote: 'Again', at: MAR })).then([]);
  });

  it('retires a standard, which then takes no revision', () => {
    given([published]).when({ type: 'RetireStandard', standardId: 'greeting', at: MAR }).then([retired]);
    given([published, retired]).when(revise({ at: MAR })).thenThrows(DomainRuleError, 'STANDARD_RETIRED');
    given([published, retired]).when({ type: 'RetireStandard', standardId: 'greeting', at: MAR }).thenThrows(DomainRuleError, 'STANDARD_RETIRED');
  });

  it('refuses a revision or a retirement dated before the last version', () => {
    given([published, revised]).when(revise({ body: 'Other', at: JAN })).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
    given([published, revised]).when({ type: 'RetireStandard', standardId: 'greeting', at: JAN }).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it('does not find an unknown standard', () => {
    given([]).when(revise()).thenThrows(NotFoundError);
    given([]).when({ type: 'RetireStandard', standardId: 'greeting', at: MAR }).thenThrows(NotFoundError);
  });

  it.each<[string, StandardCommand, string]>([
    ['an unknown type', { ...publish, standardType: 'moral' as 'external' }, 'type'],
    ['no owner', { ...publish, owner: {} as { sectionId: string } }, 'sectionId'],
    ['two owners', { ...publish, owner: { sectionId: 'support', productId: 'webinar-1' } as unknown as { sectionId: string } }, 'sectionId'],
    ['an owner product id that is no id', { ...publish, owner: { productId: 'a b' } }, 'productId'],
    ['a blank title', { ...publish, title: ' ' }, 'title'],
    ['neither a body nor a link', { ...publish, body: undefined }, 'body'],
    ['a link that is no URL', { ...publish, link: 'docs/greeting' }, 'link'],
    ['a link that runs a script', { ...publish, link: 'javascript:alert(1)' }, 'link'],
    ['a body too long', { ...publish, body: 'b'.repeat(200_001) }, 'body'],
    ['a revision without content', revise({ body: undefined }), 'body'],
    ['a change note too long', revise({ changeNote: 'n'.repeat(2001) }), 'changeNote'],
  ])('names the field of %s', (_name, command, field) => {
    given(command.type === 'PublishStandard' ? [] : [published]).when(command).thenRejects([field]);
  });
});
