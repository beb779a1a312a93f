import fc from 'fast-check';
import { EMPTY_ROOT, leafHash, nodeHash, toHex, type Hash } from './hashing.js';
import {
  consistencyRanges,
  Frontier,
  inclusionRanges,
  isStoredLevel,
  lookupIn,
  nodeKey,
  nodesOf,
  rangeHash,
  splitPoint,
  type LeafRange,
  type NewNode,
} from './tree.js';
import { verifyConsistency, verifyInclusion } from './proofs.js';

/** The leaves and roots of the test vectors published with RFC 6962 implementations, sizes 0 to 8. */
const VECTOR_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const VECTOR_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** MTH as RFC 9162 §2.1.1 defines it, recursively: the reference the stored-node algorithms must match. */
function referenceRoot(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** A tree built leaf by leaf through the frontier, keeping every node the appends completed, as a store would. */
function buildTree(leaves: readonly Hash[]) {
  const frontier = Frontier.empty();
  const nodes = new Map<string, Hash>();
  const roots: Hash[] = [frontier.root()];
  for (const leaf of leaves) {
    for (const node of frontier.append(leaf)) if (isStoredLevel(node.level)) nodes.set(nodeKey(node), node.hash);
    roots.push(frontier.root());
  }
  const hashes = (ranges: readonly LeafRange[]) => {
    const lookup = lookupIn(new Map(nodesOf(ranges).map((node) => [nodeKey(node), nodes.get(nodeKey(node))!])));
    return ranges.map((range) => rangeHash(range, lookup));
  };
  return {
    roots,
    nodes,
    inclusionProof: (index: number, size: number) => hashes(inclusionRanges(index, size)),
    consistencyProof: (from: number, to: number) => hashes(consistencyRanges(from, to)),
  };
}

const leavesOf = (count: number) => Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

const flipBit = (hash: Hash, bit = 0) => {
  const copy = new Uint8Array(hash);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
};

describe('the Merkle tree (RFC 9162 §2.1)', () => {
  it('gives the published roots for the vector leaves at every size from 0 to 8', () => {
    const tree = buildTree(VECTOR_LEAVES.map((hex) => leafHash(Buffer.from(hex, 'hex'))));
    expect(tree.roots.map(toHex)).toEqual(VECTOR_ROOTS);
  });

  it('answers the published inclusion and consistency proofs of the vector tree', () => {
    const tree = buildTree(VECTOR_LEAVES.map((hex) => leafHash(Buffer.from(hex, 'hex'))));
    expect(tree.inclusionProof(0, 8).map(toHex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(tree.inclusionProof(5, 8).map(toHex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(tree.inclusionProof(1, 5).map(toHex)).toEqual([
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    expect(tree.consistencyProof(6, 8).map(toHex)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(tree.consistencyProof(2, 5).map(toHex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    expect(tree.consistencyProof(1, 8)).toHaveLength(3);
  });

  const MAX_SIZE = 300;
  const tree = buildTree(leavesOf(MAX_SIZE));
  const leaves = leavesOf(MAX_SIZE);

  it('folds the same root from the frontier as the recursive definition, at every size from 0 to 300', () => {
    for (let size = 0; size <= MAX_SIZE; size++) {
      expect(toHex(tree.roots[size]!)).toBe(toHex(referenceRoot(leaves.slice(0, size))));
    }
  });

  /** The first and last leaf of every size, and random ones between. */
  const indexesOf = (size: number) => [0, size - 1, ...fc.sample(fc.nat({ max: size - 1 }), 4)];

  it('proves leaves of every tree from 1 to 300 leaves, and rejects the proof for a neighbouring leaf', () => {
    for (let size = 1; size <= MAX_SIZE; size++) {
      for (const index of indexesOf(size)) {
        const proof = tree.inclusionProof(index, size);
        expect(verifyInclusion(index, size, leaves[index]!, proof, tree.roots[size]!)).toBeUndefined();
        if (size > 1) expect(verifyInclusion((index + 1) % size, size, leaves[index]!, proof, tree.roots[size]!)).toBeDefined();
      }
    }
  });

  it('proves every tree from 1 to 300 leaves consistent with larger ones up to 300', () => {
    for (let to = 1; to <= MAX_SIZE; to++) {
      for (const from of indexesOf(to).map((index) => index + 1)) {
        const proof = tree.consistencyProof(from, to);
        expect(verifyConsistency(from, to, tree.roots[from]!, tree.roots[to]!, proof)).toBeUndefined();
      }
    }
  });

  const sizeAndIndex = fc.integer({ min: 1, max: MAX_SIZE }).chain((size) => fc.tuple(fc.constant(size), fc.nat({ max: size - 1 })));

  it('rejects an inclusion proof with any element, the leaf or the root tampered', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat({ max: 255 }), fc.nat(), ([size, index], bit, which) => {
        const proof = tree.inclusionProof(index, size);
        const root = tree.roots[size]!;
        const leaf = leaves[index]!;
        if (proof.length > 0) {
          const at = which % proof.length;
          const tampered = proof.map((element, i) => (i === at ? flipBit(element, bit) : element));
          expect(verifyInclusion(index, size, leaf, tampered, root)).toBeDefined();
        }
        expect(verifyInclusion(index, size, flipBit(leaf, bit), proof, root)).toBeDefined();
        expect(verifyInclusion(index, size, leaf, proof, flipBit(root, bit))).toBeDefined();
      }),
    );
  });

  it('rejects an inclusion proof that is shortened, extended, reordered or checked against another size', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([size, index]) => {
        const proof = tree.inclusionProof(index, size);
        const root = tree.roots[size]!;
        const leaf = leaves[index]!;
        expect(verifyInclusion(index, size, leaf, [...proof, root], root)).toBeDefined();
        expect(verifyInclusion(index, size, leaf, [root, ...proof], root)).toBeDefined();
        if (proof.length > 0) expect(verifyInclusion(index, size, leaf, proof.slice(0, -1), root)).toBeDefined();
        if (proof.length > 1 && toHex(proof[0]!) !== toHex(proof[1]!)) {
          expect(verifyInclusion(index, size, leaf, [proof[1]!, proof[0]!, ...proof.slice(2)], root)).toBeDefined();
        }
        expect(verifyInclusion(index, size * 2, leaf, proof, root)).toBeDefined();
        expect(verifyInclusion(index, size, leaf, proof, EMPTY_ROOT)).toBeDefined();
      }),
    );
  });

  const sizePair = fc
    .integer({ min: 1, max: MAX_SIZE })
    .chain((to) => fc.tuple(fc.integer({ min: 1, max: to }), fc.constant(to)));

  it('rejects a consistency proof with any element or either root tampered, or the roots swapped', () => {
    fc.assert(
      fc.property(sizePair, fc.nat({ max: 255 }), fc.nat(), ([from, to], bit, which) => {
        const proof = tree.consistencyProof(from, to);
        const [first, second] = [tree.roots[from]!, tree.roots[to]!];
        if (proof.length > 0) {
          const at = which % proof.length;
          const tampered = proof.map((element, i) => (i === at ? flipBit(element, bit) : element));
          expect(verifyConsistency(from, to, first, second, tampered)).toBeDefined();
        }
        expect(verifyConsistency(from, to, flipBit(first, bit), second, proof)).toBeDefined();
        expect(verifyConsistency(from, to, first, flipBit(second, bit), proof)).toBeDefined();
        if (from < to) {
          expect(verifyConsistency(from, to, second, first, proof)).toBeDefined();
          expect(verifyConsistency(from, to, first, second, [])).toBeDefined();
          expect(verifyConsistency(from, to, first, second, proof.slice(0, -1))).toBeDefined();
          expect(verifyConsistency(from, to, first, second, [...proof, second])).toBeDefined();
        }
      }),
    );
  });

  it('rejects a consistency proof between a tree and one that does not extend it', () => {
    const other = buildTree([...leaves.slice(0, 10), leafHash(Buffer.from('forged')), ...leaves.slice(11, 40)]);
    for (const from of [11, 12, 16, 20]) {
      expect(verifyConsistency(from, 40, tree.roots[from]!, other.roots[40]!, other.consistencyProof(from, 40))).toBeDefined();
    }
  });

  it('keeps the leaves and every fourth level above them, and folds the levels between', () => {
    const small = buildTree(leavesOf(32));
    expect([...small.nodes.keys()].filter((key) => !key.startsWith('0:')).sort()).toEqual(['4:0', '4:1']);
    const node = { level: 3, index: 1 };
    const fromLeaves = referenceRoot(leavesOf(32).slice(8, 16));
    expect(toHex(lookupIn(small.nodes)(node))).toBe(toHex(fromLeaves));
  });

  it('restores the frontier of any size from the stored nodes', () => {
    for (const size of [0, 1, 2, 3, 7, 8, 100, 255, 256, 300]) {
      const restored = Frontier.of(size, lookupIn(tree.nodes));
      expect(toHex(restored.root())).toBe(toHex(tree.roots[size]!));
      const appended: NewNode[] = size < MAX_SIZE ? restored.append(leaves[size]!) : [];
      for (const node of appended.filter((completed) => isStoredLevel(completed.level))) {
        expect(toHex(node.hash)).toBe(toHex(tree.nodes.get(nodeKey(node))!));
      }
    }
  });

  it('refuses a leaf outside the tree and a shrinking consistency', () => {
    expect(() => inclusionRanges(5, 5)).toThrow(RangeError);
    expect(() => consistencyRanges(6, 5)).toThrow(RangeError);
    expect(verifyInclusion(0, 0, leaves[0]!, [], EMPTY_ROOT)).toBeDefined();
    expect(verifyConsistency(0, 5, EMPTY_ROOT, tree.roots[5]!, [])).toBeUndefined();
    expect(verifyConsistency(3, 3, tree.roots[3]!, tree.roots[3]!, [])).toBeUndefined();
    expect(verifyConsistency(3, 3, tree.roots[3]!, tree.roots[3]!, [tree.roots[3]!])).toBeDefined();
  });
});
