"""General drive (c, d): the Majorana grading of the generator, the class-engine closed form in
(n, Γ, γ, c, d) proved on the n-symbolic equations, the (c + d)^2 extension of <zz> proved for all
n >= 8 (exact one by one below), and independent numeric checks (full Liouvillian null space,
float hierarchy)."""
from __future__ import annotations

import itertools
from functools import reduce

import numpy as np
import pytest
import scipy.sparse as sps
import sympy as sp

from _helpers import trace_pinned_null_vector

import symbolic_ness.papers.znidaric as D
from symbolic_ness.papers.znidaric import chain as zn_chain
from symbolic_ness.papers.znidaric import dephasing as zn_dephasing
from symbolic_ness.papers.znidaric import proofs as zn_proofs

G, g, N, C, Dd = D.COUPLING, D.DEPHASING, D.LENGTH, D.DRIVE_C, D.DRIVE_D
CLASSES = ("central-even", "central-odd", "boundary")
_P = {"I": np.eye(2), "X": np.array([[0, 1], [1, 0]]), "Y": np.array([[0, -1j], [1j, 0]]), "Z": np.diag([1.0, -1.0])}


def _kron(ops):
    return reduce(np.kron, ops)


# ------------------------------------------------------------------ grading
def test_majorana_degree_is_the_jordan_wigner_monomial_degree():
    """Every monomial of the 6 Majoranas of 3 sites (site 0 = leftmost factor, Z strings on the
    left) is ± i^k one Pauli string; its degree is what majorana_degree reads off the string."""
    n = 3
    maj = []
    for k in range(n):
        for a in "XY":
            maj.append(_kron([_P["Z"] if l < k else _P[a] if l == k else _P["I"] for l in range(n)]))
    seen = set()
    for r in range(1, 2 * n + 1):
        for sub in itertools.combinations(range(2 * n), r):
            M = reduce(np.matmul, [maj[i] for i in sub])
            hits = [w for w in itertools.product("IXYZ", repeat=n)
                    if abs(np.trace(_kron([_P[x] for x in w]).conj().T @ M)) > 1e-9]
            assert len(hits) == 1
            s = tuple((i, x) for i, x in enumerate(hits[0]) if x != "I")
            assert zn_proofs.majorana_degree(s) == r
            seen.add(s)
    assert len(seen) == 4 ** n - 1


def test_grading_on_every_string_of_the_local_chains():
    """Half of the 4^n - 1 strings are Majorana-even; the drive links are exactly Z_end R -> R,
    one per even string with Z on the left end and one per even string with Z on the right end."""
    for n in (4, 5):
        r = zn_proofs.grading_check(n)
        assert r["strings"] == 4 ** n - 1 and r["even"] == 4 ** n // 2 - 1
        assert r["lowering_links"] == 2 * (4 ** (n - 1) // 2)


def test_engine_has_every_equation_touching_a_nonzero_value():
    deg = zn_proofs.engine_coneighbour_check()
    assert set(deg) == set(zn_chain.support_classes()) and set(deg.values()) == {2, 4}
    assert deg[("Z", (None, None))] == 2 and deg[("ZZ", (None, 1, None))] == 4


def test_hierarchy_determinant_does_not_depend_on_the_drive():
    """Consequence of the grading: det of the closed hierarchy matrix (n = 4, 5) is the same at
    every (c, d) (float LU at random drives, including a corner where the Burnside argument fails)."""
    rng = np.random.default_rng(3)
    for n in (4, 5):
        cl = zn_chain.hierarchy(n)
        blocks = zn_chain.family_blocks(cl)
        m = len(cl.variables)

        def logdet(c, d):
            r = {"H": 1.0, "L+": 0.7 * (1 - c), "L-": 0.7 * (1 + c), "R+": 0.7 * (1 + d), "R-": 0.7 * (1 - d),
                 "deph": 0.15}
            A = np.zeros((m, m))
            for f, blk in blocks.items():
                for (i, j), v in blk.items():
                    if j >= 0:
                        A[i, j] += r[f] * float(v)
            return np.linalg.slogdet(A)
        s0, l0 = logdet(1.0, 1.0)
        assert s0 != 0
        for c, d in [(1.0, -1.0), (0.0, 0.0)] + [tuple(rng.uniform(-1, 1, 2)) for _ in range(3)]:
            s, l1 = logdet(c, d)
            assert s == s0 and abs(l1 - l0) < 1e-9 * max(1.0, abs(l0))


# ------------------------------------------------------------------ the proof
def test_general_drive_engine_proved_and_perturbed_ones_fail():
    pr = zn_proofs.prove_zz_cd_engine()
    assert pr.proved and pr.n0 == 8 and pr.equations > 1000 and not pr.nonzero
    Dn, Nm = zn_proofs.zz_cd_engine_closed_form()
    _, N11 = zn_proofs.zz_engine_closed_form()
    # at c = d = 1 it is the proved c = d = 1 form
    assert all(sp.expand(a.subs({C: 1, Dd: 1}) - b) == 0 for a, b in zip(Nm, N11))
    # issue 22: the cache certificates of the general-drive forms (engine equations modulo a random
    # prime at a random (n, Gamma, gamma, c, d)) and of the per-n pair values (the proved engine value
    # at n = 8, (c, d) = (1, 0), against the exact pair solve) accept them and refuse changed numbers
    from symbolic_ness import cache, CheckFailedError
    check = cache.certifier("xx-zz-cd-engine-closed-n-v1")
    check((Dn, Nm), (), {})
    k = next(i for i, e in enumerate(Nm) if e != 0)
    with pytest.raises(CheckFailedError, match="engine equation"):
        check((Dn, [e + 1 if i == k else e for i, e in enumerate(Nm)]), (), {})
    zz = sp.factor(zn_proofs.zz_cd_pair_engine_values("central-even")[0].subs({N: 8, C: 1, Dd: 0}))
    check = cache.certifier("xx-deph-pair-zz-cd-v1")
    check(zz, (8, "central", 1, 0), {})
    with pytest.raises(CheckFailedError, match="exact pair solve"):
        check(zz + sp.Rational(1, 1000), (8, "central", 1, 0), {})
    k = next(i for i, e in enumerate(Nm) if sp.Poly(e, C, Dd).total_degree() == 2)
    bad = list(Nm)
    bad[k] = bad[k] + sp.Rational(1, 10 ** 6) * (C - Dd) ** 2 * N11[k]     # unchanged at c = d
    assert not zn_proofs.prove_zz_cd_engine(bad).proved
    # c <-> d swapped (reflection without moving the strings): not the NESS
    assert not zn_proofs.prove_zz_cd_engine([e.subs({C: Dd, Dd: C}, simultaneous=True) for e in Nm]).proved
    # every value scaled from c = d = 1 by ((c + d)/2)^(degree/2): wrong (the profile is not ∝ c + d)
    deg = zn_proofs.engine_coneighbour_check()
    _, unknowns, _ = zn_chain.engine_structure()
    naive = [N11[i] * ((C + Dd) / 2) ** (deg[u[0]] // 2) for i, u in enumerate(unknowns)]
    assert not zn_proofs.prove_zz_cd_engine(naive).proved


@pytest.mark.parametrize("cls", CLASSES)
def test_cd_extension_proved_for_all_n_and_exact_below(cls):
    pr = zn_proofs.prove_zz_cd_extension(cls)
    assert pr.proved and pr.n0 == 8 and not pr.nonzero
    zl, zr, Z, _ = zn_dephasing.pair_substitution(cls)
    K = (Z - zl * zr) * 4 / (C + Dd) ** 2
    # equal to the form at c = d = 1 but not a homogeneous extension of the NESS: must fail
    assert not zn_proofs.prove_zz_cd_extension(cls, zl * zr + (C ** 2 + Dd ** 2) / 2 * K).proved
    assert not zn_proofs.prove_zz_cd_extension(cls, zl * zr + C * (C + Dd) / 2 * K).proved
    for n in zn_proofs.SMALL_N[cls]:
        assert zn_proofs.zz_cd_small_n_check(cls, n)
    p = zn_proofs.provenance("zz-cd-extension")
    assert p.status == "proved for all n >= n0" and p.n0 == 8 and set(zn_proofs.SMALL_N[cls]) <= set(p.listed)


def test_small_n_check_rejects_a_wrong_n():
    from symbolic_ness import CheckFailedError
    with pytest.raises(CheckFailedError):
        zn_proofs.zz_cd_small_n_check("central-even", 2)       # the pair touches both ends: the form fails


def test_provenance_of_the_cd_limits_is_set_by_the_proof():
    for name in ("zz-cd-extension", "thermodynamic-limits-cd", "thermodynamic-limits"):
        assert zn_proofs.provenance(name).status == "proved for all n >= n0" and zn_proofs.provenance(name).n0 == 8
    assert "proved for all n >= 8" in zn_proofs.provenance("thermodynamic-limits-cd").label()


def test_equilibrium_line_and_reflection_of_the_proved_values():
    """Structure the proof did not assume: on c = -d the state is the product Π(1 + d σz_j)/2
    (<zz> = d², <σz> = d); the central-even pair is mapped to itself by the reflection
    j -> n + 1 - j, (c, d) -> (-d, -c)."""
    for cls in CLASSES:
        zz, zl, zr = zn_proofs.zz_cd_pair_engine_values(cls)
        eq = {C: -Dd}
        assert sp.cancel(zz.subs(eq) - Dd ** 2) == 0
        assert sp.cancel(zl.subs(eq) - Dd) == 0 and sp.cancel(zr.subs(eq) - Dd) == 0
    zz, zl, zr = zn_proofs.zz_cd_pair_engine_values("central-even")
    refl = {C: -Dd, Dd: -C}
    assert sp.cancel(zz - zz.subs(refl, simultaneous=True)) == 0
    assert sp.cancel(zl - zr.subs(refl, simultaneous=True)) == 0


# ------------------------------------------------------------------ independent numerics
def test_proved_general_drive_values_vs_float_hierarchy_above_n0():
    """Independent float solve of the full closed pair hierarchy (sparse LU) at n = 9, 10."""
    for n, c, d in ((9, 0.37, -0.61), (10, -0.8, 0.45)):
        for cls in ("central-odd" if n % 2 else "central-even", "boundary"):
            zz, zl, zr = zn_proofs.zz_cd_pair_engine_values(cls)
            sub = {N: n, G: sp.Rational(83, 100), g: sp.Rational(17, 100), C: sp.Rational(repr(c)),
                   Dd: sp.Rational(repr(d))}
            kind = "boundary" if cls == "boundary" else "central"
            v = zn_dephasing.float_pair_values(n, 0.83, 0.17, c, d, kind=kind)
            assert abs(float(zz.subs(sub)) - v[0]) < 1e-10
            assert abs(float(zl.subs(sub)) - v[1]) < 1e-10 and abs(float(zr.subs(sub)) - v[2]) < 1e-10


def _site(op, j, n):
    out = sps.identity(1, format="csr")
    for s in range(n):
        out = sps.kron(out, sps.csr_matrix(op) if s == j else sps.identity(2), format="csr")
    return out


@pytest.mark.parametrize("n", [4, 5])
def test_general_drive_form_vs_full_liouvillian_null_space(n):
    """The general-drive <zz> form (central and boundary pair) against the NESS of the full 4^n
    Liouvillian (numpy/scipy, column stacking, doubled dissipators) at random (Γ, γ, c, d)."""
    sm, spl = np.array([[0, 0], [1, 0]]), np.array([[0, 1], [0, 0]])
    X, Y, Z = _P["X"], _P["Y"], _P["Z"]
    rng = np.random.default_rng(10 + n)
    d_ = 2 ** n
    H = sum(_site(X, j, n) @ _site(X, j + 1, n) + _site(Y, j, n) @ _site(Y, j + 1, n) for j in range(n - 1))
    I = sps.identity(d_, format="csr")
    cls = "central-even" if n % 2 == 0 else "central-odd"
    for _ in range(2):
        Gam, gam = (sp.Rational(int(v), 100) for v in (rng.integers(20, 200), rng.integers(1, 60)))
        c, d = (sp.Rational(int(v), 100) for v in rng.integers(-100, 101, 2))
        jumps = [(_site(spl, 0, n), Gam * (1 - c)), (_site(sm, 0, n), Gam * (1 + c)),
                 (_site(spl, n - 1, n), Gam * (1 + d)), (_site(sm, n - 1, n), Gam * (1 - d))]
        jumps += [(_site(Z, j, n), gam / 2) for j in range(n)]
        L = -1j * (sps.kron(I, H) - sps.kron(H.T, I))
        for J, k in jumps:
            JdJ = J.conj().T @ J
            L = L + 2 * float(k) * (sps.kron(J.conj(), J) - 0.5 * sps.kron(I, JdJ) - 0.5 * sps.kron(JdJ.T, I))
        v = trace_pinned_null_vector(L.tocsr(), d_)
        assert np.linalg.norm(L @ v) < 1e-10
        rho = v.reshape(d_, d_, order="F")
        sub = {N: n, G: Gam, g: gam, C: c, Dd: d}
        for kl, a in ((cls, n // 2 - 1), ("boundary", 0)):
            want = float(zn_dephasing.pair_substitution(kl)[2].subs(sub))
            got = float(np.real(np.trace(rho @ (_site(Z, a, n) @ _site(Z, a + 1, n)).toarray())))
            assert abs(got - want) < 1e-9
