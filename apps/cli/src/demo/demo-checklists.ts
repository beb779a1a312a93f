import type { DeliverableKind, TemplateOwner } from '#domain/quality/index.js';
import type { Job } from './demo-company.js';
import { monthKey } from './planning.js';

/**
 * The checklist templates of the demo company's quality control, one per kind of deliverable, with
 * the versions they get over the period. Besides what the templates say, each criterion carries how
 * often it fails and what the inspector writes then, for the planner to draw from.
 */

/** A criterion with how often it fails before skill and trend, and what the inspector writes when it does. */
export interface DemoCriterion {
  readonly criterionId: string;
  readonly text: string;
  readonly weight: number;
  readonly critical: boolean;
  readonly failChance: number;
  readonly failComment: string;
  /** Chance that it does not apply to a deliverable; the products it never applies to. */
  readonly notApplicable?: { readonly chance?: number; readonly products?: readonly string[] };
}

export interface DemoTemplateVersion {
  /** Share of the period it is published at; the first version comes with the standards. */
  readonly from: number;
  readonly passMark: number;
  readonly sections: readonly { readonly title: string; readonly criteria: readonly DemoCriterion[] }[];
}

export interface DemoTemplate {
  readonly id: string;
  readonly title: string;
  readonly owner: TemplateOwner;
  readonly deliverable: DeliverableKind;
  /** The jobs whose work it checks, the products and section that work is for. */
  readonly authors: readonly Job[];
  readonly products: readonly string[];
  readonly sectionId: string;
  /** Its share of the weekly flow. */
  readonly share: number;
  /** The standards every version of it verifies (`standards-plan.ts`); none is ever retired. */
  readonly standardIds: readonly string[];
  readonly reference: (productId: string, month: Date, number: number) => string;
  readonly versions: readonly [DemoTemplateVersion, ...DemoTemplateVersion[]];
}

const landingCriteria = {
  audience: {
    criterionId: 'offer-audience',
    text: 'The headline says who the product is for and what they will be able to do',
    weight: 3,
    critical: false,
    failChance: 0.12,
    failComment: "The headline talks about the school, not about the reader's result",
  },
  price: {
    criterionId: 'offer-price',
    text: 'The price and what it includes are stated above the fold',
    weight: 2,
    critical: false,
    failChance: 0.1,
    failComment: 'The price is given only in the order form',
    notApplicable: { products: ['funnel-free-webinar'] },
  },
  promise: {
    criterionId: 'offer-promise',
    text: 'Promises only what the programme delivers: no guaranteed income',
    weight: 3,
    critical: true,
    failChance: 0.06,
    failComment: 'Promises a guaranteed income after the course',
  },
  mobile: {
    criterionId: 'layout-mobile',
    text: 'Renders on a phone without horizontal scrolling',
    weight: 2,
    critical: true,
    failChance: 0.06,
    failComment: 'The programme table scrolls sideways on a phone',
  },
  speed: {
    criterionId: 'layout-speed',
    text: 'Loads in under three seconds on a mobile connection',
    weight: 1,
    critical: false,
    failChance: 0.2,
    failComment: 'Loads in six seconds: the video at the top is not compressed',
  },
  form: {
    criterionId: 'layout-form',
    text: 'The order form asks only for what the order needs',
    weight: 1,
    critical: false,
    failChance: 0.12,
    failComment: 'The order form asks for the date of birth',
  },
} satisfies Record<string, DemoCriterion>;

const supportCriteria = {
  firstResponse: {
    criterionId: 'answer-first-response',
    text: 'First response within the target time of the support standard',
    weight: 2,
    critical: false,
    failChance: 0.16,
    failComment: 'The first response came after the target time',
  },
  correct: {
    criterionId: 'answer-correct',
    text: 'The answer is correct and complete',
    weight: 3,
    critical: true,
    failChance: 0.06,
    failComment: 'The answer gives the old refund terms',
  },
  tone: {
    criterionId: 'answer-tone',
    text: 'Polite, as the support standard asks; no blame on the client',
    weight: 2,
    critical: false,
    failChance: 0.1,
    failComment: 'Tells the client they should have read the terms',
  },
  resolved: {
    criterionId: 'answer-resolved',
    text: 'Resolved in one contact, or the next step and its date are stated',
    weight: 2,
    critical: false,
    failChance: 0.14,
    failComment: 'Ends without a next step for the client',
  },
  article: {
    criterionId: 'answer-article',
    text: 'Links the knowledge-base article where one exists',
    weight: 1,
    critical: false,
    failChance: 0.24,
    failComment: 'The article on moving to a later group exists but is not linked',
    notApplicable: { chance: 0.4 },
  },
} satisfies Record<string, DemoCriterion>;

export const DEMO_CHECKLISTS: readonly DemoTemplate[] = [
  {
    id: 'checklist-landing-page',
    title: 'Landing page before launch',
    owner: { kind: 'section', id: 'section-marketing' },
    deliverable: 'landing-page',
    authors: ['designer', 'copywriter'],
    products: ['funnel-free-webinar', 'funnel-email-course', 'funnel-ads-quiz'],
    sectionId: 'section-marketing',
    share: 2,
    standardIds: ['standard-advertising-claims', 'standard-funnel-structure', 'standard-tone-of-voice'],
    reference: (productId, month, number) => `https://school.example/${productId}/${monthKey(month)}-${number}`,
    versions: [
      {
        from: 0,
        passMark: 0.8,
        sections: [
          { title: 'Offer', criteria: [landingCriteria.audience, landingCriteria.price, landingCriteria.promise] },
          { title: 'Layout', criteria: [landingCriteria.mobile, landingCriteria.speed, landingCriteria.form] },
        ],
      },
      {
        // Refund disputes showed clients had not seen the refund terms; slow pages lost too many leads.
        from: 0.4,
        passMark: 0.8,
        sections: [
          {
            title: 'Offer',
            criteria: [
              landingCriteria.audience,
              landingCriteria.price,
              landingCriteria.promise,
              {
                criterionId: 'offer-refund-terms',
                text: 'Links the public offer and the refund terms',
                weight: 2,
                critical: true,
                failChance: 0.08,
                failComment: 'No link to the refund terms',
              },
            ],
          },
          { title: 'Layout', criteria: [landingCriteria.mobile, { ...landingCriteria.speed, weight: 2 }, landingCriteria.form] },
        ],
      },
    ],
  },
  {
    id: 'checklist-email',
    title: 'Email before sending',
    owner: { kind: 'section', id: 'section-marketing' },
    deliverable: 'email',
    authors: ['copywriter'],
    products: ['funnel-free-webinar', 'funnel-email-course', 'funnel-ads-quiz'],
    sectionId: 'section-marketing',
    share: 3,
    standardIds: ['standard-advertising-claims', 'standard-tone-of-voice'],
    reference: (productId, month, number) => `${productId}: email ${number} of the ${month.toISOString().slice(0, 7)} series`,
    versions: [
      {
        from: 0,
        passMark: 0.75,
        sections: [
          {
            title: 'Content',
            criteria: [
              {
                criterionId: 'email-subject',
                text: 'The subject line matches the content',
                weight: 2,
                critical: false,
                failChance: 0.12,
                failComment: 'The subject promises a discount the email does not give',
              },
              {
                criterionId: 'email-call-to-action',
                text: 'One clear call to action',
                weight: 2,
                critical: false,
                failChance: 0.14,
                failComment: 'Three buttons leading to three different pages',
              },
              {
                criterionId: 'email-tone',
                text: 'Follows the tone-of-voice standard',
                weight: 1,
                critical: false,
                failChance: 0.16,
                failComment: 'Uses false scarcity: "only today"',
              },
              {
                criterionId: 'email-links',
                text: 'Every link works and carries its campaign tags',
                weight: 2,
                critical: false,
                failChance: 0.12,
                failComment: 'The link to the programme leads to a missing page',
              },
            ],
          },
          {
            title: 'Compliance',
            criteria: [
              {
                criterionId: 'email-unsubscribe',
                text: 'Has a working unsubscribe link',
                weight: 2,
                critical: true,
                failChance: 0.04,
                failComment: 'The unsubscribe link is missing',
              },
              {
                criterionId: 'email-personal-data',
                text: "Shows no other client's personal data",
                weight: 3,
                critical: true,
                failChance: 0.02,
                failComment: 'The test list with real client names went into the example',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    id: 'checklist-webinar-script',
    title: 'Webinar script',
    owner: { kind: 'section', id: 'section-education' },
    deliverable: 'webinar',
    authors: ['webinar-host'],
    products: ['course-copywriting', 'course-targeted-ads'],
    sectionId: 'section-education',
    share: 1.5,
    standardIds: ['standard-webinar-quality', 'standard-course-structure'],
    reference: (productId, month, number) => `${productId}: webinar script ${monthKey(month)}-${number}`,
    versions: [
      {
        from: 0,
        passMark: 0.8,
        sections: [
          {
            title: 'Structure',
            criteria: [
              {
                criterionId: 'webinar-agenda',
                text: 'States the agenda and the result in the first five minutes',
                weight: 2,
                critical: false,
                failChance: 0.14,
                failComment: 'The agenda comes only after twenty minutes',
              },
              {
                criterionId: 'webinar-practice',
                text: 'Has at least one practical exercise',
                weight: 2,
                critical: false,
                failChance: 0.16,
                failComment: 'Theory only: no exercise',
              },
              {
                criterionId: 'webinar-timing',
                text: 'Fits the slot with time for questions',
                weight: 1,
                critical: false,
                failChance: 0.2,
                failComment: 'Planned for 110 minutes in a 90-minute slot',
              },
            ],
          },
          {
            title: 'Offer',
            criteria: [
              {
                criterionId: 'webinar-offer',
                text: 'The offer matches the product page: price, dates, bonuses',
                weight: 3,
                critical: true,
                failChance: 0.06,
                failComment: 'The bonus module announced is not on the product page',
              },
              {
                criterionId: 'webinar-no-pressure',
                text: 'No false scarcity or pressure',
                weight: 2,
                critical: false,
                failChance: 0.1,
                failComment: 'A countdown of places that are not limited',
              },
            ],
          },
          {
            title: 'Delivery',
            criteria: [
              {
                criterionId: 'webinar-rehearsal',
                text: 'Sound and slides checked in a rehearsal',
                weight: 1,
                critical: false,
                failChance: 0.12,
                failComment: 'No rehearsal planned',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    id: 'checklist-support-answer',
    title: 'Support answer review',
    owner: { kind: 'section', id: 'section-support' },
    deliverable: 'ticket',
    authors: ['support-agent'],
    products: ['support-line'],
    sectionId: 'section-support',
    share: 2.5,
    standardIds: ['standard-support-answers', 'standard-unhappy-client-conversation'],
    reference: (_productId, month, number) => `Ticket ${monthKey(month)}-${String(number).padStart(5, '0')}`,
    versions: [
      {
        from: 0,
        passMark: 0.8,
        sections: [
          {
            title: 'Answer',
            criteria: [
              supportCriteria.firstResponse,
              supportCriteria.correct,
              supportCriteria.tone,
              supportCriteria.resolved,
              supportCriteria.article,
            ],
          },
        ],
      },
      {
        // The support standard now asks for a first response within two minutes; more misses it at first.
        from: 0.6,
        passMark: 0.8,
        sections: [
          {
            title: 'Answer',
            criteria: [
              { ...supportCriteria.firstResponse, weight: 3, failChance: 0.22 },
              supportCriteria.correct,
              supportCriteria.tone,
              supportCriteria.resolved,
              supportCriteria.article,
            ],
          },
          {
            title: 'Safety',
            criteria: [
              {
                criterionId: 'answer-no-secrets',
                text: 'Asks for no password and no full card number',
                weight: 2,
                critical: true,
                failChance: 0.04,
                failComment: 'Asks the client for the full card number',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    id: 'checklist-call-review',
    title: 'Support call review',
    owner: { kind: 'product', id: 'support-line' },
    deliverable: 'call',
    authors: ['support-agent'],
    products: ['support-line'],
    sectionId: 'section-support',
    share: 1.5,
    standardIds: ['standard-call-etiquette', 'standard-unhappy-client-conversation'],
    reference: (_productId, month, number) => `Call recording ${monthKey(month)}-${String(number).padStart(5, '0')}`,
    versions: [
      {
        from: 0,
        passMark: 0.75,
        sections: [
          {
            title: 'Opening',
            criteria: [
              {
                criterionId: 'call-greeting',
                text: 'Greets and introduces themselves',
                weight: 1,
                critical: false,
                failChance: 0.1,
                failComment: 'Starts without a greeting',
              },
              {
                criterionId: 'call-identify',
                text: 'Identifies the client and the order',
                weight: 2,
                critical: false,
                failChance: 0.1,
                failComment: 'Does not check the order number',
              },
            ],
          },
          {
            title: 'Handling',
            criteria: [
              {
                criterionId: 'call-listen',
                text: 'Lets the client finish and restates the problem',
                weight: 2,
                critical: false,
                failChance: 0.16,
                failComment: 'Interrupts the client twice',
              },
              {
                criterionId: 'call-solution',
                text: 'Offers a solution within the rules and promises nothing beyond them',
                weight: 3,
                critical: true,
                failChance: 0.06,
                failComment: 'Promises a refund the rules do not allow',
              },
            ],
          },
          {
            title: 'Closing',
            criteria: [
              {
                criterionId: 'call-summary',
                text: 'Summarises the agreement and the next step',
                weight: 2,
                critical: false,
                failChance: 0.16,
                failComment: 'Hangs up without a summary',
              },
              {
                criterionId: 'call-log',
                text: 'Logs the call in the ticket',
                weight: 1,
                critical: false,
                failChance: 0.12,
                failComment: 'The call is not in the ticket',
              },
            ],
          },
        ],
      },
    ],
  },
];
