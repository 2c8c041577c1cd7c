r"""Two-point NESS of the boundary-driven XX chain as a fermionic correlation matrix, any n,
and its closed forms in n (Žnidarič Eq. 13 and the dephased linear profile).

The closed two-point sector is the Hermitian matrix :math:`C_{jk}=\langle c_j^\dagger c_k\rangle`
(:math:`c_j=\prod_{l<j}\sigma^z_l\,\sigma^-_j`, :math:`n_j=(1+\sigma^z_j)/2`):

.. math:: 0=i[h,C]-\{\Lambda,C\}-4\gamma(C-\operatorname{diag}C)+P,

:math:`h_{j,j+1}=h_{j+1,j}=-2`, :math:`\Lambda=\mathrm{diag}(2\Gamma_L,0,..,0,2\Gamma_R)`,
:math:`P=\mathrm{diag}(2\Gamma_L(1-c),0,..,0,2\Gamma_R(1+d))`. Its local data
(:func:`two_point_local_data`: hopping, boundary damping and gain, dephasing) are the single
source of :func:`bilinear_generator` (floats, any n), :func:`two_point_map` (symbolic) and the
class equations with n symbolic behind :func:`gamma0_closed_form` and
:func:`dephasing_two_point_closed_form`. :func:`check_two_point_map` proves, for a given n and
symbolic rates, that this map *equals* the equations generated from the model by the
hierarchy engine (:func:`~symbolic_ness.engines.two_point_equations`), entry by entry as
polynomials in the rates and the :math:`C_{jk}`.

>>> check_two_point_map(4)
True
"""
from __future__ import annotations

import functools
import time

import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla
import sympy as sp

from ..._errors import CheckFailedError, ParameterError, check_residual
from ...engines import two_point_equations, two_point_symbols
from ._chain import FAMILY_SYMBOLS, check_xx_parameters, xx_family_chain, xx_rates
from ._symbols import COUPLING_L, COUPLING_R, DEPHASING, LENGTH, MU, MUBAR, SITE

__all__ = ["two_point_local_data", "two_point_map", "check_two_point_map", "bilinear_generator",
           "prove_two_point_closed_form", "check_local_data",
           "two_point_fast", "pauli_from_two_point", "gamma0_closed_form", "dephasing_two_point_closed_form"]


def two_point_local_data(rates: dict) -> dict:
    r"""Local data of the two-point map from the chain's rates (:func:`xx_rates`):
    hopping ``hop`` (:math:`h_{j,j\pm1}`), boundary damping ``lam_L``, ``lam_R``
    (:math:`\Lambda_b=\kappa_++\kappa_-`), gains ``gain_L``, ``gain_R`` (:math:`P_{bb}=2\kappa_+`)
    and the dephasing damping ``deph`` of :math:`C_{jk}`, :math:`j\ne k` (:math:`8\cdot\gamma/2`)."""
    return {"hop": -2 * rates["H"], "lam_L": rates["L+"] + rates["L-"], "lam_R": rates["R+"] + rates["R-"],
            "gain_L": 2 * rates["L+"], "gain_R": 2 * rates["R+"], "deph": 8 * rates["deph"]}


def two_point_map(n: int, rates: dict) -> sp.Matrix:
    """The right-hand side :math:`i[h,C]-\\{\\Lambda,C\\}-\\mathrm{deph}(C-\\mathrm{diag}C)+P` as an
    n×n sympy matrix in the symbols :func:`~symbolic_ness.engines.two_point_symbols`."""
    d = two_point_local_data({k: sp.sympify(v) for k, v in rates.items()})
    C = two_point_symbols(n)
    h = sp.zeros(n, n)
    for j in range(n - 1):
        h[j, j + 1] = h[j + 1, j] = d["hop"]
    lam = sp.zeros(n, n)
    lam[0, 0] += d["lam_L"]
    lam[n - 1, n - 1] += d["lam_R"]
    P = sp.zeros(n, n)
    P[0, 0] += d["gain_L"]
    P[n - 1, n - 1] += d["gain_R"]
    off = sp.Matrix(n, n, lambda j, k: 0 if j == k else C[j, k])
    return (sp.I * (h * C - C * h) - lam * C - C * lam - d["deph"] * off + P).applyfunc(sp.expand)


@functools.lru_cache(maxsize=None)
def check_two_point_map(n: int) -> bool:
    """Prove that :func:`two_point_map` equals the equations generated from the chain (n
    sites, every rate family a free symbol): entrywise polynomial identity; raises
    :class:`CheckFailedError` otherwise."""
    gen = two_point_equations(xx_family_chain(int(n)))
    hand = two_point_map(int(n), FAMILY_SYMBOLS)
    for j in range(n):
        for k in range(n):
            if sp.expand(gen[j, k] - hand[j, k]) != 0:
                raise CheckFailedError(f"two-point map differs from the generated hierarchy at ({j}, {k})")
    return True


def check_local_data() -> bool:
    r"""The hand-typed local data equal the generated template coefficients, as identities in
    the rate symbols: hopping (coefficient of :math:`C_{j+1,k}` is :math:`i\,h`), dephasing,
    boundary damping and gains.

    >>> check_local_data()
    True
    """
    from ._two_point_generated import two_point_templates
    t = two_point_templates()
    ld = two_point_local_data(FAMILY_SYMBOLS)
    bulk = t[("B", "B", "far+")]
    checks = [
        (ld["hop"], sp.expand(bulk[(1, 0)] / sp.I)),
        (ld["hop"], sp.expand(-bulk[(0, 1)] / sp.I)),
        (ld["deph"], -bulk[(0, 0)]),
        (ld["lam_L"], sp.expand(-t[("L", "B", "far+")][(0, 0)] - ld["deph"])),
        (ld["lam_R"], sp.expand(-t[("B", "R", "far+")][(0, 0)] - ld["deph"])),
        (2 * ld["lam_L"], -t[("L", "L", 0)][(0, 0)]),
        (2 * ld["lam_R"], -t[("R", "R", 0)][(0, 0)]),
        (ld["gain_L"], t[("L", "L", 0)]["const"]),
        (ld["gain_R"], t[("R", "R", 0)]["const"]),
        (0, bulk["const"]), (0, t[("B", "B", 0)]["const"]),
    ]
    for a, b in checks:
        if sp.expand(a - b) != 0:
            raise CheckFailedError(f"hand-typed two-point data differ from the generated map: {a} != {b}")
    return True


def bilinear_generator(n, Gamma_L, Gamma_R, mu, mubar, gamma=0):
    r"""The closed two-point generator as data ``(h, Lambda, P, deph)`` (floats) from
    :func:`two_point_local_data` (its map is checked against the generated hierarchy by
    :func:`check_two_point_map`)."""
    check_xx_parameters(n, Gamma_L, Gamma_R, mu, mubar, gamma)
    r = {k: float(v) for k, v in xx_rates(Gamma_L, Gamma_R, mu, mubar, gamma).items()}
    d = two_point_local_data(r)
    h = sps.diags([d["hop"] * np.ones(n - 1), d["hop"] * np.ones(n - 1)], [-1, 1], shape=(n, n), format="csr")
    lam = np.zeros(n)
    P = np.zeros(n)
    lam[0] += d["lam_L"]
    lam[n - 1] += d["lam_R"]
    P[0] += d["gain_L"]
    P[n - 1] += d["gain_R"]
    return h, lam, P, d["deph"]


def two_point_fast(n, Gamma_L, Gamma_R, mu, mubar, gamma=0, band=1):
    r"""Solve the closed :math:`n^2` two-point system on a banded ansatz; any n.

    Unknowns: :math:`C_{jk}` with :math:`|j-k|\le` ``band``. Equations: all
    rows of the full system whose entries couple to the band
    (:math:`|j-k|\le` band + 1), solved in the least-squares sense (sparse
    augmented system). Then the residual of the **full** :math:`n^2` system is
    computed; it is ~1e-16 when the ansatz holds (the NESS two-point function
    is tridiagonal), which proves the ansatz solution is the solution.
    Returns ``(C, status)`` with ``C`` a dense complex n×n array.

    >>> C, st = two_point_fast(200, 1, 1, 2, 0, gamma=0)
    >>> float(round(C[0, 0].real, 12)), float(round(C[100, 101].imag, 12)), st["residual"] < 1e-12
    (0.25, -0.25, True)
    """
    t0 = time.perf_counter()
    h, lam, P, deph = bilinear_generator(n, Gamma_L, Gamma_R, mu, mubar, gamma)
    hd = h.todok()
    # unknowns: band entries (p, q)
    pp, qq = [], []
    for off in range(-band, band + 1):
        p = np.arange(max(0, -off), min(n, n - off))
        pp.append(p); qq.append(p + off)
    pp = np.concatenate(pp); qq = np.concatenate(qq)
    k = len(pp)
    col = np.arange(k)
    R, Cc, V = [], [], []
    # i h C: row (j, q) gets i h_{jp} C_{pq};  -i C h: row (p, k) gets -i h_{qk} C_{pq}
    for (a, b_), hv in hd.items():          # h_{ab}
        sel = pp == b_
        R.append(np.stack([np.full(sel.sum(), a), qq[sel]], 1)); Cc.append(col[sel]); V.append(np.full(sel.sum(), 1j * hv))
        sel = qq == a
        R.append(np.stack([pp[sel], np.full(sel.sum(), b_)], 1)); Cc.append(col[sel]); V.append(np.full(sel.sum(), -1j * hv))
    diag = -(lam[pp] + lam[qq]) - deph * (pp != qq)
    R.append(np.stack([pp, qq], 1)); Cc.append(col); V.append(diag.astype(complex))
    R = np.concatenate(R); Cc = np.concatenate(Cc); V = np.concatenate(V)
    keys = R[:, 0] * n + R[:, 1]
    ukeys, rowidx = np.unique(keys, return_inverse=True)
    m = len(ukeys)
    A = sps.csr_matrix((V, (rowidx, Cc)), shape=(m, k))
    rhs = np.zeros(m, dtype=complex)
    dpos = np.searchsorted(ukeys, np.arange(n) * (n + 1))
    rhs[dpos] = -P
    # least squares via the augmented system [[I, A], [A^H, 0]] [r; x] = [rhs; 0]
    aug = sps.bmat([[sps.identity(m), A], [A.conj().T, None]], format="csc")
    sol = spla.spsolve(aug, np.concatenate([rhs, np.zeros(k)]))
    C = np.zeros((n, n), dtype=complex)
    C[pp, qq] = sol[m:]
    # residual of the FULL n x n system (dense evaluation of every entry)
    full = 1j * (h @ C - (h.T @ C.T).T) - lam[:, None] * C - C * lam[None, :] - deph * C
    full[np.arange(n), np.arange(n)] += deph * np.diag(C) + P
    res = float(np.linalg.norm(full))
    check_residual("two-point banded solve (full n x n residual)", res, 1e-9 * max(1.0, float(np.abs(P).max())))
    return C, {"method": "fermionic two-point system, banded ansatz + full residual",
               "unknowns": n * n, "band_unknowns": int(k), "residual": res,
               "seconds": time.perf_counter() - t0}


def pauli_from_two_point(C):
    """z_j and the NN values {XX, YY, XY, YX} from C (U(1)-invariant state)."""
    n = C.shape[0]
    z = 2 * np.real(np.diag(C)) - 1
    nn = np.array([C[j, j + 1] for j in range(n - 1)])
    A = -4 * nn.real        # <XX + YY>
    B = -4 * nn.imag        # <YX - XY>
    return z, A / 2, A / 2, -B / 2, B / 2


# ------------------------------------------------ closed forms in n (symbolic)
GL_, GR_, MU_, MUB_, GAMMA_, N_, J_ = COUPLING_L, COUPLING_R, MU, MUBAR, DEPHASING, LENGTH, SITE


_PROFILE = sp.symbols("z_1 z_2 s z_n t r", real=True)


def _two_point_class_equations(gamma, values=None):
    r"""Equations of the n×n two-point system for a profile ansatz, by index class, from the
    GENERATED hierarchy (:func:`~symbolic_ness.papers.znidaric.two_point_class_entry`).

    Ansatz (n symbolic): :math:`\langle\sigma^z_1\rangle=z_1`,
    :math:`\langle\sigma^z_j\rangle=z_2+(j-2)s` for :math:`2\le j\le n-1`,
    :math:`\langle\sigma^z_n\rangle=z_n`, :math:`C_{j,j+1}=r-it/2` on every bond,
    :math:`C_{jk}=0` for :math:`|j-k|\ge2`. Each entry :math:`(p,p+d)`, :math:`|d|\le3`, of the
    residual is evaluated for the explicit rows :math:`p\in\{1,2,n-3,..,n\}` and for a generic row
    :math:`3\le j\le n-4` with symbolic j: these shapes cover every row of every chain with
    n >= 7 (locality: an entry only sees its neighbours; for :math:`|d|\ge4` every template term
    has :math:`|k-j|\ge2`, zero on the ansatz, and no constant). ``values``: substitute these for
    the unknowns (a proof: every returned equation must then be 0). Returns (equations,
    unknowns, generic-row symbol).
    """
    from ._two_point_generated import two_point_class_entry
    z1, z2, s, zn, t, r = _PROFILE
    rates = xx_rates(GL_, GR_, MU_, MUB_, gamma)
    n, j = N_, J_

    def parse(e):
        e = sp.expand(e)
        for base in (n, j):
            c = e - base
            if c.is_Integer:
                return base, int(c)
        return 0, int(e)

    def valid(e):
        base, c = parse(e)
        return c >= 1 if base == 0 else c <= 0 if base == n else True

    def C(p, q):
        if sp.expand(p - q) == 0:
            base, c = parse(p)
            zval = z1 if (base, c) == (0, 1) else zn if (base, c) == (n, 0) else z2 + (p - 2) * s
            return (1 + zval) / 2
        d = sp.expand(q - p)
        if d == 1:
            return r - sp.I * t / 2
        if d == -1:
            return r + sp.I * t / 2
        return sp.Integer(0)

    rows = [sp.Integer(1), sp.Integer(2), n - 3, n - 2, n - 1, n, j]
    eqs = []
    for p in rows:
        for d in (-3, -2, -1, 0, 1, 2, 3):
            q = p + d
            if not valid(q):
                continue
            e = two_point_class_entry(p, q, C, n, j, rates)
            if values is not None:        # proof mode: one residual per row, zero or not
                eqs.append(sp.expand(sp.numer(sp.together(e.subs(values)))))
                continue
            for part in (sp.re(e), sp.im(e)):
                part = sp.expand(part)
                if part == 0:
                    continue
                # must hold identically in the generic row index j
                for coeff in sp.Poly(part, j).all_coeffs():
                    if sp.expand(coeff) != 0:
                        eqs.append(sp.expand(coeff))
    return eqs, (z1, z2, s, zn, t, r), j


def _solve_profile(gamma):
    eqs, unk, _ = _two_point_class_equations(gamma)
    sol = sp.solve(eqs, unk, dict=True)
    if len(sol) != 1:
        raise CheckFailedError(f"profile ansatz: expected a unique solution, got {len(sol)}")
    sol = sol[0]
    z1, z2, s, zn, t, r = unk
    out = {k: sp.factor(sol[k]) for k in unk}
    # the ansatz equations are all satisfied (overdetermined system consistent)
    for e in eqs:
        if sp.simplify(e.subs(sol)) != 0:
            raise CheckFailedError("profile ansatz inconsistent")
    return out, len(eqs)


@functools.lru_cache(maxsize=None)
def gamma0_closed_form():
    r"""General-n NESS at :math:`\gamma=0`, derived (Žnidarič Eq. 13 as output).

    Solves the class equations of :func:`_two_point_class_equations` at
    :math:`\gamma=0` (a linear system over :math:`\mathbb Q(\Gamma_L,\Gamma_R,\mu,\bar\mu,n)`);
    the bulk slope comes out 0 and **n drops out**, so the profile holds for
    every n >= 7 (rows of longer chains repeat the generic row); n = 2..8 are
    checked exactly against the hierarchy in the tests. Four-point values
    follow from Wick's theorem (the NESS is Gaussian at :math:`\gamma=0`):
    :math:`\langle\sigma^z_j\sigma^z_k\rangle=a_ja_k-4|C_{jk}|^2=a_ja_k-t^2\delta_{j+1,k}`.

    Returns ``{"t", "a1", "a", "an", "re_C", "slope", "zz_nn_bulk", "zz_nn_left",
    "zz_nn_right", "zz_far"}`` with ``t = -<σx_j σy_{j+1}>``; ``zz_far`` is
    :math:`a_ja_k` for :math:`|j-k|\ge2` (expressed with ``a`` for bulk sites).

    >>> cf = gamma0_closed_form()
    >>> from symbolic_ness.papers.znidaric import COUPLING, COUPLING_L, COUPLING_R, MU, MUBAR
    >>> sp.factor(cf["t"].subs({COUPLING_L: COUPLING, COUPLING_R: COUPLING}))
    Gamma*mu/(2*(Gamma**2 + 1))
    """
    prof, _ = _solve_profile(0)
    z1, z2, s, zn, t, r = sp.symbols("z_1 z_2 s z_n t r", real=True)
    tt, a1, a, an = prof[t], prof[z1], prof[z2], prof[zn]
    if prof[s] != 0 or prof[r] != 0 or any(N_ in e.free_symbols for e in (tt, a1, a, an)):
        raise CheckFailedError("gamma = 0 profile is not n-independent")
    # the generator's t is -<x_j y_{j+1}>: C_{j,j+1} = -i t/2 <=> <XY> = -t
    return {"t": tt, "a1": a1, "a": a, "an": an, "re_C": prof[r], "slope": prof[s],
            "zz_nn_bulk": sp.factor(a * a - tt ** 2), "zz_nn_left": sp.factor(a1 * a - tt ** 2),
            "zz_nn_right": sp.factor(a * an - tt ** 2), "zz_far": sp.factor(a * a)}


@functools.lru_cache(maxsize=None)
def dephasing_two_point_closed_form():
    r"""Closed form in n of the two-point NESS with dephasing :math:`\gamma>0`.

    Derived like :func:`gamma0_closed_form` with symbolic :math:`\gamma` and n:
    linear magnetization profile :math:`\langle\sigma^z_j\rangle=z_2+(j-2)s`
    (:math:`2\le j\le n-1`), boundary values ``z1``, ``zn``, uniform current
    ``t`` :math:`=-\langle\sigma^x_j\sigma^y_{j+1}\rangle`. Returns a dict with
    those and ``z_j`` (the bulk profile in the symbol ``j``).

    >>> cf = dephasing_two_point_closed_form()
    >>> from symbolic_ness.papers.znidaric import COUPLING, COUPLING_L, COUPLING_R, MU, MUBAR
    >>> sp.factor(cf["t"].subs({COUPLING_L: COUPLING, COUPLING_R: COUPLING, MU: 2, MUBAR: 0}))
    Gamma/(Gamma**2 + Gamma*gamma*n - Gamma*gamma + 1)
    """
    prof, neq = _solve_profile(GAMMA_)
    z1, z2, s, zn, t, r = sp.symbols("z_1 z_2 s z_n t r", real=True)
    return {"t": prof[t], "z1": prof[z1], "z2": prof[z2], "zn": prof[zn], "slope": prof[s],
            "re_C": prof[r], "z_j": sp.factor(prof[z2] + (J_ - 2) * prof[s])}


def prove_two_point_closed_form(which: str = "dephasing", form: dict | None = None):
    r"""Proof that the two-point closed form (``which`` = ``"gamma0"`` or ``"dephasing"``; or an
    explicit ``form`` dict with keys ``z1, z2, slope, zn, t, re_C``) satisfies every row shape of
    the generated two-point equations identically in n, the generic row j and the rates
    (Γ_L, Γ_R, μ, μ̄, γ): proved for every n >= 7 (uniqueness: the Lyapunov identity,
    :func:`~symbolic_ness.papers.znidaric.two_point_lyapunov_identity`, on the map that equals
    the generated one, :func:`~symbolic_ness.papers.znidaric.check_local_data`)."""
    from ._proof import ClosedFormProof
    from ._two_point_generated import TWO_POINT_N0
    if form is None:
        if which == "gamma0":
            cf = gamma0_closed_form()
            form = {"z1": cf["a1"], "z2": cf["a"], "slope": cf["slope"], "zn": cf["an"], "t": cf["t"],
                    "re_C": cf["re_C"]}
        elif which == "dephasing":
            form = dephasing_two_point_closed_form()
        else:
            raise ParameterError("which", which, "'gamma0' or 'dephasing'")
    gamma = 0 if which == "gamma0" else GAMMA_
    z1, z2, s, zn, t, r = _PROFILE
    values = {z1: form["z1"], z2: form["z2"], s: form["slope"], zn: form["zn"], t: form["t"], r: form["re_C"]}
    check_local_data()
    eqs, _, _ = _two_point_class_equations(gamma, values)
    bad = tuple(e for e in eqs if e != 0)
    ok = not bad
    return ClosedFormProof("two-point-" + which, ok, TWO_POINT_N0, len(eqs), bad,
                           f"every generated row shape vanishes identically in (n, j, rates): proved for all "
                           f"n >= {TWO_POINT_N0}" if ok else "NOT proved")
