import { Inject, Injectable } from '@nestjs/common';
import { SURVEY_RESPONSE_RULES } from '#domain/surveys/index.js';
import { DomainRuleError, NotFoundError, type DocumentFilter } from '#kernel';
import { STORES, type Stores } from '#persistence';
import {
  freeTextKey,
  matchingFreeTexts,
  surveyResponses,
  type SurveyResponseDocument,
} from '#projections/surveys/survey-responses.projection.js';
import { surveys, type SurveyDocument } from '#projections/surveys/surveys.projection.js';
import { readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { readCountedPage } from '../platform/counted-pages.js';
import { equalsFilter, readPage } from '../platform/keyset-pages.js';
import type {
  FreeTextPage,
  FreeTextQuery,
  FreeTextView,
  SurveyListQuery,
  SurveyPage,
  SurveyResponsePage,
  SurveyResponsesQuery,
  SurveyResponseView,
  SurveySummaryView,
  SurveyView,
} from './surveys.dto.js';

export const SURVEYS = surveys.name;
export const SURVEY_RESPONSES = surveyResponses.name;

/** The query parameters that filter on the document field of the same name. */
const SURVEY_FILTERS = ['audience', 'productId', 'status'] as const;

@Injectable()
export class SurveyQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async get(id: string, moment: ResolvedAsOf): Promise<SurveyView> {
    const found = await this.stores.reads.get<SurveyDocument>(SURVEYS, id, readAsOf(moment));
    if (!found) throw new NotFoundError('survey', id);
    return { ...found.data, position: found.position.toString() };
  }

  /** Oldest creation first; pass the same `asOf` on every page to page through one moment. */
  async list(query: SurveyListQuery, moment: ResolvedAsOf): Promise<SurveyPage> {
    const filter = equalsFilter(query, SURVEY_FILTERS);
    const page = await readPage<SurveyDocument>(this.stores.reads, { projection: SURVEYS, filter, orderBy: 'createdAt', moment }, query);
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
  }

  /** The responses of an identified survey with who gave them; an anonymous survey's are never listed. */
  async responses(surveyId: string, query: SurveyResponsesQuery, moment: ResolvedAsOf): Promise<SurveyResponsePage> {
    const survey = await this.surveyAt(surveyId, moment);
    if (survey.anonymous) {
      throw new DomainRuleError(SURVEY_RESPONSE_RULES.anonymousSurvey, `survey ${surveyId} is anonymous: its responses are never listed with their respondents`, {
        surveyId,
      });
    }
    const page = await readPage<SurveyResponseDocument>(this.stores.reads, this.responsesOf(surveyId, query.wave, {}, moment), query);
    return { items: page.items.map(responseView), nextCursor: page.nextCursor };
  }

  /**
   * The free-text answers of a survey, by tag, wave and question, a page of responses at a time. Those
   * of an anonymous survey come without anything that points to a response, their page cursors too.
   */
  async freeText(surveyId: string, query: FreeTextQuery, moment: ResolvedAsOf): Promise<FreeTextPage> {
    const survey = await this.surveyAt(surveyId, moment);
    const filter = { questionId: query.questionId, tag: query.tag };
    const indexed = { [`freeTextKeys.${freeTextKey(filter)}`]: true };
    const list = this.responsesOf(surveyId, query.wave, indexed, moment);
    const page = survey.anonymous
      ? await readCountedPage<SurveyResponseDocument>(this.stores.reads, list, query)
      : await readPage<SurveyResponseDocument>(this.stores.reads, list, query);
    return { items: page.items.flatMap((response) => freeTextViews(response, filter)), nextCursor: page.nextCursor };
  }

  private async surveyAt(surveyId: string, moment: ResolvedAsOf): Promise<SurveyDocument> {
    const found = await this.stores.reads.get<SurveyDocument>(SURVEYS, surveyId, readAsOf(moment));
    if (!found) throw new NotFoundError('survey', surveyId);
    return found.data;
  }

  private responsesOf(surveyId: string, wave: number | undefined, more: DocumentFilter, moment: ResolvedAsOf) {
    const filter: DocumentFilter = { surveyId, ...(wave !== undefined && { wave }), ...more };
    return { projection: SURVEY_RESPONSES, filter, orderBy: 'answeredAt', moment };
  }
}

function summaryOf({ questions: _questions, waves: _waves, ...summary }: SurveyDocument): SurveySummaryView {
  return summary;
}

function responseView(document: SurveyResponseDocument): SurveyResponseView {
  const { id, wave, respondent, answers, answeredAt, bonus } = document;
  if (respondent === null) throw new Error(`response ${id} of an identified survey has no respondent`);
  return { id, wave, respondent, answers, answeredAt, bonus };
}

function freeTextViews(response: SurveyResponseDocument, filter: { questionId?: string; tag?: FreeTextQuery['tag'] }): FreeTextView[] {
  const identity = response.anonymous || response.respondent === null ? {} : { responseId: response.id, respondent: response.respondent };
  return matchingFreeTexts(response.answers, filter).map(({ questionId, text, tags }) => ({
    wave: response.wave,
    questionId,
    text,
    tags: tags ?? [],
    answeredAt: response.answeredAt,
    ...identity,
  }));
}
