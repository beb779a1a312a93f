/** A section as the organisation structure knows it now. */
export interface SectionFacts {
  readonly sectionId: string;
  readonly name: string;
  readonly valuableFinalProduct: string;
  readonly parentId?: string;
  readonly status: 'open' | 'closed';
  readonly createdAt: string;
  /** Business date of the section's latest change; no later change may be dated before it. */
  readonly lastChangedAt: string;
}

export interface PositionFacts {
  readonly positionId: string;
  readonly title: string;
  readonly sectionId?: string;
  readonly status: 'active' | 'retired';
  readonly createdAt: string;
  readonly lastChangedAt: string;
}

/**
 * The folded `orgStructure-main` stream. Products and employees live in streams of their own; their
 * command services fold this state and hand it to their deciders inside the command, so that a
 * reference to a section or a position is checked against the log itself, not a read model.
 */
export interface OrgStructure {
  readonly sections: ReadonlyMap<string, SectionFacts>;
  readonly positions: ReadonlyMap<string, PositionFacts>;
}

export function emptyOrgStructure(): OrgStructure {
  return { sections: new Map(), positions: new Map() };
}
