/** Shapes of the US Core 6.1.0 requirement data (see `us-core.generated.ts`). */

/** A conformance verb of the US Core CapabilityStatement. */
export type Expectation = 'SHALL' | 'SHOULD' | 'MAY' | 'SHOULD-NOT';

/** One search parameter a US Core profile asks servers to support. */
export interface UsCoreSearchRequirement {
  name: string;
  type: string;
  /** Canonical URL of the SearchParameter. */
  definition: string;
  expectation: Expectation;
  /** Expectation on comma-separated OR values, when US Core states one. */
  multipleOr?: Expectation;
  multipleAnd?: Expectation;
}

/** The server requirements of one US Core profile. */
export interface UsCoreProfileRequirements {
  /** Canonical URL of the profile; absent for resources US Core lists without a profile (Endpoint, Media ...). */
  profile?: string;
  resourceType: string;
  name: string;
  inCapabilityStatement: boolean;
  resourceExpectation?: Expectation;
  profileExpectation?: Expectation;
  interactions: { code: string; expectation: Expectation }[];
  searchParams: UsCoreSearchRequirement[];
  /** Required search parameter combinations (`patient` + `category` ...). */
  combinations: { names: string[]; expectation: Expectation }[];
  includes: { value: string; expectation: Expectation }[];
  revincludes: { value: string; expectation: Expectation }[];
  operations: { name: string; definition: string; expectation: Expectation }[];
}

/** A US Core SearchParameter (compact). */
export interface UsCoreSearchParameter {
  url: string;
  code: string;
  base: string[];
  type: string;
  target?: string[];
  /** Prefix -> expectation (`ge: SHALL`). */
  comparators?: Record<string, Expectation>;
  modifiers?: Record<string, Expectation>;
  multipleOr?: Expectation;
  multipleAnd?: Expectation;
}
