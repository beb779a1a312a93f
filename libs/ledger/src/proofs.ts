import { isHash, nodeHash, sameHash, type Hash } from './hashing.js';

/**
 * The verification algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, step by step. Every element of a
 * proof takes part and the walk must end exactly at the root (`sn` = 0): a verifier that checked only
 * the ends of a proof, or stopped early, would accept forged entries.
 */

/** Why a proof does not hold; `undefined` from a check means it holds. */
export type ProofFailure = string;

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Right-shifts `fn` and `sn` together until the lowest bit of `fn` is set or `fn` is 0. */
function shiftUntilOdd(state: { fn: number; sn: number }): void {
  while (state.fn % 2 === 0 && state.fn !== 0) {
    state.fn = Math.floor(state.fn / 2);
    state.sn = Math.floor(state.sn / 2);
  }
}

function shiftOnce(state: { fn: number; sn: number }): void {
  state.fn = Math.floor(state.fn / 2);
  state.sn = Math.floor(state.sn / 2);
}

/** The root an inclusion proof leads to, or why it cannot lead anywhere (RFC 9162 §2.1.3.2, steps 1-4). */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leaf: Hash,
  proof: readonly Hash[],
): { root: Hash } | { failure: ProofFailure } {
  if (!isCount(leafIndex) || !isCount(treeSize)) return { failure: 'the leaf index and tree size must be whole numbers' };
  if (!isHash(leaf)) return { failure: 'the leaf hash is not a SHA-256 digest' };
  if (proof.some((element) => !isHash(element))) return { failure: 'an element of the proof is not a SHA-256 digest' };
  // Step 1.
  if (leafIndex >= treeSize) return { failure: `leaf ${leafIndex} is not in a tree of ${treeSize} leaves` };
  // Steps 2-3.
  const state = { fn: leafIndex, sn: treeSize - 1 };
  let r = leaf;
  // Step 4.
  for (const p of proof) {
    if (state.sn === 0) return { failure: 'the proof is longer than the path from the leaf to the root' };
    if (state.fn % 2 === 1 || state.fn === state.sn) {
      r = nodeHash(p, r);
      if (state.fn % 2 === 0) shiftUntilOdd(state);
    } else {
      r = nodeHash(r, p);
    }
    shiftOnce(state);
  }
  // Step 5, first half.
  if (state.sn !== 0) return { failure: 'the proof is shorter than the path from the leaf to the root' };
  return { root: r };
}

/** RFC 9162 §2.1.3.2: whether `proof` shows `leaf` at `leafIndex` in the tree of `treeSize` leaves with `root`. */
export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Hash, proof: readonly Hash[], root: Hash): ProofFailure | undefined {
  if (!isHash(root)) return 'the root is not a SHA-256 digest';
  const walked = rootFromInclusionProof(leafIndex, treeSize, leaf, proof);
  if ('failure' in walked) return walked.failure;
  // Step 5, second half.
  return sameHash(walked.root, root) ? undefined : 'the proof leads to another root';
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows the tree of `firstSize` leaves with `firstRoot` to be a
 * prefix of the tree of `secondSize` leaves with `secondRoot`. Equal sizes need equal roots and an
 * empty proof; the empty tree is a prefix of every tree.
 */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  firstRoot: Hash,
  secondRoot: Hash,
  proof: readonly Hash[],
): ProofFailure | undefined {
  if (!isCount(firstSize) || !isCount(secondSize)) return 'the tree sizes must be whole numbers';
  if (!isHash(firstRoot) || !isHash(secondRoot)) return 'a root is not a SHA-256 digest';
  if (proof.some((element) => !isHash(element))) return 'an element of the proof is not a SHA-256 digest';
  if (firstSize > secondSize) return `a tree of ${firstSize} leaves cannot grow into one of ${secondSize}`;
  if (firstSize === secondSize) {
    if (proof.length > 0) return 'trees of the same size need an empty proof';
    return sameHash(firstRoot, secondRoot) ? undefined : 'trees of the same size have different roots';
  }
  if (firstSize === 0) return proof.length === 0 ? undefined : 'the empty tree needs an empty proof';
  // Step 1.
  if (proof.length === 0) return 'the proof is empty';
  // Step 2.
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : [...proof];
  // Step 3.
  const state = { fn: firstSize - 1, sn: secondSize - 1 };
  // Step 4.
  while (state.fn % 2 === 1) shiftOnce(state);
  // Step 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // Step 6.
  for (const c of path.slice(1)) {
    if (state.sn === 0) return 'the proof is longer than the path between the two trees';
    if (state.fn % 2 === 1 || state.fn === state.sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (state.fn % 2 === 0) shiftUntilOdd(state);
    } else {
      sr = nodeHash(sr, c);
    }
    shiftOnce(state);
  }
  // Step 7.
  if (state.sn !== 0) return 'the proof is shorter than the path between the two trees';
  if (!sameHash(fr, firstRoot)) return 'the proof does not lead to the first root';
  if (!sameHash(sr, secondRoot)) return 'the proof does not lead to the second root';
  return undefined;
}

function isPowerOfTwo(n: number): boolean {
  let power = 1;
  while (power < n) power *= 2;
  return power === n;
}
