import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, MerkleTree, leafHash, referenceRoot, verifyConsistency, verifyInclusion } from './merkle.js';

/** The Certificate Transparency test tree (certificate-transparency-go merkle tests): 8 leaves, each size's root. */
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex')));
const CT_ROOTS = [
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
const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));
const unhex = (h: string) => Buffer.from(h, 'hex');

describe('merkle (RFC 6962)', () => {
  const ct = new MerkleTree(CT_LEAVES);

  it('gives the published root for every size of the CT test tree', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(CT_ROOTS[0]);
    for (let n = 0; n <= 8; n++) {
      expect(ct.root(n).toString('hex'), `size ${n}`).toBe(CT_ROOTS[n]);
      expect(new MerkleTree(CT_LEAVES.slice(0, n)).root().toString('hex')).toBe(CT_ROOTS[n]);
    }
  });

  it('gives the published inclusion and consistency proofs', () => {
    expect(hex(ct.inclusionProof(0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(ct.inclusionProof(5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(ct.inclusionProof(2, 3))).toEqual(['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']);
    expect(hex(ct.consistencyProof(1, 1))).toEqual([]);
    expect(hex(ct.consistencyProof(6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(ct.consistencyProof(2, 5))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    expect(verifyConsistency(6, 8, unhex(CT_ROOTS[6]!), unhex(CT_ROOTS[8]!), ct.consistencyProof(6, 8))).toBe(true);
  });

  // Sizes up to 70 cover every shape of the split (powers of two, one past, one short, odd runs).
  const leaves = Array.from({ length: 70 }, (_, i) => leafHash(`entry ${i}`));
  const tree = new MerkleTree(leaves);

  it('agrees with the RFC recursion at every size', () => {
    for (let n = 0; n <= leaves.length; n++) expect(tree.root(n).equals(referenceRoot(leaves.slice(0, n))), `size ${n}`).toBe(true);
  });

  it("verifies every leaf's inclusion proof at every size, and rejects a wrong leaf, index, root or path", () => {
    for (let n = 1; n <= 40; n++) {
      const root = tree.root(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        expect(verifyInclusion(m, n, leaves[m]!, proof, root), `${m} in ${n}`).toBe(true);
        expect(verifyInclusion(m, n, leaves[(m + 1) % 70]!, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, leaves[m]!, proof, root)).toBe(false);
        expect(verifyInclusion(m, n, leaves[m]!, proof, tree.root(n - 1))).toBe(false);
        if (proof.length) expect(verifyInclusion(m, n, leaves[m]!, proof.slice(0, -1), root)).toBe(false);
      }
    }
  });

  it('verifies consistency between every pair of sizes, and rejects a changed old root or a forked history', () => {
    const forked = new MerkleTree(leaves.map((l, i) => (i === 3 ? leafHash('forged') : l)));
    for (let n = 1; n <= 40; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, tree.root(m), tree.root(n), proof), `${m} -> ${n}`).toBe(true);
        const bad = Buffer.from(tree.root(m));
        bad[0] ^= 1;
        expect(verifyConsistency(m, n, bad, tree.root(n), proof)).toBe(false);
        // A log that rewrote entry 3 cannot prove that it extends what it held before.
        if (m > 3) expect(verifyConsistency(m, n, tree.root(m), forked.root(n), forked.consistencyProof(m, n))).toBe(false);
      }
    }
    expect(verifyConsistency(0, 5, EMPTY_ROOT, tree.root(5), [])).toBe(true);
    expect(verifyConsistency(5, 3, tree.root(5), tree.root(3), [])).toBe(false);
  });
});
