r"""Entanglement measures: negativity, logarithmic negativity, smallest PT eigenvalue.

Definitions (Vidal–Werner):
:math:`\mathcal N_A(\rho)=(\|\rho^{T_A}\|_1-1)/2=\sum_{\lambda<0}|\lambda(\rho^{T_A})|`,
:math:`E_N=\log_2\|\rho^{T_A}\|_1=\log_2(2\mathcal N+1)`.
The partial transpose acts on the 0-indexed ``sites`` (subsystem A) of ``n`` qubits, or of
sites of any dimension when ``n`` is the list of site dimensions (``[3, 2]``: a qutrit and a
qubit); :math:`\mathcal N_A=\mathcal N_B`.

**What a zero negativity means.** The PPT criterion (:math:`\rho^{T_A}\ge0`) is necessary and
sufficient for separability only when :math:`d_Ad_B\le6` (2×2 and 2×3, Horodecki); for larger
bipartitions (3×3, 2×4, …) a positive negativity proves entanglement but a zero negativity does
not prove separability (bound entanglement). :class:`NegativityResult` says which case applies
(``ppt_sufficient``, ``separability``).

**Sound closed forms.** For an exact state the characteristic polynomial of
:math:`\rho^{T_A}` is factored exactly (:func:`pt_factors`); every factor :math:`G(\mu)` is
real-rooted (the matrix is Hermitian). By Descartes' rule of signs, :math:`G` has at most
:math:`K` negative roots, :math:`K` the number of sign changes of the coefficients of
:math:`G(-\mu)` (normalized by the leading coefficient); where a coefficient's sign on the
declared parameter domain (the symbols' sympy assumptions) is not certified
(:func:`~symbolic_ness.algebra.certify_nonnegative`), the count takes the worst case. Only the
:math:`m-K` largest roots of a factor are dropped, each *certified* non-negative on the whole
domain; the others stay in :math:`\mathcal N=\sum_k\max(0,-\lambda_k)`. No sampling, no
dropped eigenvalue without a certificate. :func:`negativity_result` says which eigenvalues
were certified and how.

Roots are exact: linear factors give rational functions, quadratic ones radicals, factors of
degree :math:`\ge 3` a :class:`~symbolic_ness.algebra.RealRoot` (an exact ``CRootOf`` at rational
points; lambdified to a vectorized real-root routine, never complex Cardano). For an exact
state without symbols the negativity is an exact algebraic number; floats in a sympy matrix are
read as the rationals they print (:func:`~symbolic_ness.algebra.exact_number`).

>>> import sympy as sp
>>> bell = sp.Matrix([1, 0, 0, 1]) / sp.sqrt(2)
>>> negativity(bell * bell.T, [0], 2)
1/2
>>> import numpy as np
>>> float(negativity(np.eye(4) / 4, [0], 2))
0.0
>>> p = sp.Symbol("p", positive=True)
>>> werner = p * bell * bell.T + (1 - p) * sp.eye(4) / 4
>>> negativity(werner, [0], 2)
Max(0, 3*p/4 - 1/4)
>>> res = negativity_result(werner, [0], 2)
>>> [(ev, how) for ev, _, how in res.certified]
[(p/4 + 1/4, 'linear factor (coefficient signs: exact number; nonnegative coefficients)')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .._cache import cached
from .._errors import ClosedFormTooLargeError, ParameterError
from ..algebra._numbers import exact_numbers
from ._operators import is_numeric, partial_transpose
from ..algebra._polys import RealRoot, _flint_factor_terms, factor, rescale_roots
from ..algebra._positivity import certify_nonnegative

LAM = sp.Symbol("lambda")
MU = sp.Symbol("mu")

__all__ = ["negativity", "log_negativity", "pt_eigenvalues", "pt_eigenvalues_x_state", "pt_factors", "negativity_closed_form",
           "negativity_result", "NegativityResult", "lambda_min_pt"]

ASSUMPTIONS = ("parameter domain from the symbols' sympy assumptions (positive, nonnegative, "
               "negative, nonpositive; others real)",)


# ------------------------------------------------------------------ exact characteristic polynomial
def _split_den(den):
    """Denominator (a product of powers) -> (rational constant, {primitive polynomial base: exponent})."""
    const, powers = sp.Integer(1), {}
    for f in sp.Mul.make_args(den):
        base, e = f.as_base_exp()
        if base.is_number:
            const *= f
            continue
        cont, prim = sp.Poly(base, *sorted(base.free_symbols, key=lambda s: s.name)).primitive()
        lc = prim.LC()
        if lc < 0:
            cont, prim = -cont, -prim
        const *= cont ** e
        key = prim.as_expr()
        powers[key] = powers.get(key, 0) + e
    return const, powers


def _clear_denominators(M):
    """``(d*M, d)`` with d a common multiple of the entries' denominators, built from their
    product form (``Mul`` of powers, bases made primitive) so no polynomial gcds are needed."""
    fracs = [sp.fraction(sp.together(v)) for v in M]
    split = [_split_den(den) for _, den in fracs]
    const, powers = sp.Integer(1), {}
    for c, pw in split:
        const = sp.ilcm(const, sp.numer(c)) if c.is_Rational else const * c
        for b, e in pw.items():
            powers[b] = max(powers.get(b, 0), e)
    d = const * sp.Mul(*[b ** e for b, e in powers.items()])
    out = []
    for (nm, _), (c, pw) in zip(fracs, split):
        rest = sp.Mul(*[b ** (e - pw.get(b, 0)) for b, e in powers.items()])
        out.append(sp.expand(nm * (const / c) * rest))
    return sp.Matrix(M.rows, M.cols, out), d


def _integer_charpoly(pt):
    """``(terms, gens, d)``: the characteristic polynomial of ``d * pt`` as ``{(k_lambda, *k_gens):
    int}`` over the integers, or ``None`` when the entries are not Gaussian-rational functions."""
    ptn, d = _clear_denominators(pt)
    num = DomainMatrix.from_Matrix(ptn)
    if num.domain.is_Field:  # denominators not in factored form: let sympy clear the rest
        den, num = num.clear_denoms(convert=True)
        d = d * den.to_sympy()
    K = num.domain
    poly_ring = bool(getattr(K, "is_PolynomialRing", False))
    ground = K.domain if poly_ring else K
    if not (ground.is_ZZ or ground.is_QQ or ground.is_ZZ_I or ground.is_QQ_I):
        return None
    coeffs = num.charpoly()
    gens = [sp.sympify(gv) for gv in K.symbols] if poly_ring else []
    terms = {}
    for k, c in enumerate(coeffs):
        for mono, cc in (c.terms() if poly_ring else [((), c)]):
            re_, im_ = sp.sympify(ground.to_sympy(cc)).as_real_imag()
            if im_ != 0:
                raise ParameterError("rho", "non-Hermitian matrix",
                                     "a Hermitian density matrix (real parameters)")
            if re_ != 0:
                if not re_.is_Integer:
                    return None
                key = (len(coeffs) - 1 - k,) + tuple(mono)
                terms[key] = terms.get(key, 0) + int(re_)
    return terms, gens, d


def _radical_free_charpoly(pt):
    """:func:`_integer_charpoly`, also for entries with square roots of integers (truncated modes:
    √n from the ladder operators) when the characteristic polynomial itself is rational: each
    √k becomes a symbol s_k, the charpoly is computed over Z[params, s], and s_k² = k is reduced;
    ``None`` when a root survives (then sympy's algebraic-number path) or the entries are not
    of that kind."""
    roots = sorted({a for a in sp.Matrix(pt).atoms(sp.Pow) if a.exp == sp.S.Half and a.base.is_Integer
                    and a.base > 1}, key=sp.default_sort_key)
    if not roots:
        return _integer_charpoly(pt)
    sub = {a: sp.Dummy(f"s{a.base}", positive=True) for a in roots}
    res = _integer_charpoly(sp.ImmutableMatrix(pt).xreplace(sub))
    if res is None:
        return None
    terms, gens, d = res
    square = {i: int(a.base) for a in roots for i, gv in enumerate(gens) if gv == sub[a]}
    if any(sp.sympify(d).has(x) for x in sub.values()):
        return None
    keep = [i for i in range(len(gens)) if i not in square]
    out: dict = {}
    for mono, c in terms.items():
        lam, ex = mono[0], mono[1:]
        if any(ex[i] % 2 for i in square):
            return None  # an odd power of a root left: not reducible this way
        for i, k in square.items():
            c *= k ** (ex[i] // 2)
        key = (lam,) + tuple(ex[i] for i in keep)
        out[key] = out.get(key, 0) + c
    out = {k: v for k, v in out.items() if v != 0}
    return out, [gens[i] for i in keep], d


def _to_expr(terms: dict, syms) -> sp.Expr:
    return sp.Add(*[c * sp.Mul(*[s ** e for s, e in zip(syms, mono)]) for mono, c in terms.items()])


@cached("pt-factors-v2")
def _pt_factors(pt, dim: int) -> list:
    r"""``[(coefficients (a_m, ..., a_0) of G(mu), multiplicity)]`` with
    :math:`\det(\mu-\rho^{T_A})\propto\prod G^{\,\text{mult}}` (see :func:`pt_factors`)."""
    res = _radical_free_charpoly(pt)
    out = []
    if res is not None:
        terms, gens, d = res
        syms = [LAM] + gens
        fl = _flint_factor_terms(terms, len(syms))
        if fl is None:
            _, fl2 = sp.factor_list(_to_expr(terms, syms), *syms)
            facs = [({tuple(k): int(v) for k, v in sp.Poly(f, *syms).as_dict().items()}, m)
                    for f, m in fl2 if f.has(LAM)]
        else:
            facs = fl[1]
        # eigenvalues of pt are lambda/d: G(mu) = f(d mu) / content (python-flint arithmetic)
        dn, dd = sp.fraction(sp.together(d))
        dpoly = sp.Poly(dn, *gens) if gens else None
        dnum = ({tuple(k): int(v) for k, v in dpoly.as_dict().items()} if gens else {(): int(dn)})
        if gens and not dpoly.domain.is_ZZ:
            raise ArithmeticError("internal: common denominator is not an integer polynomial")
        for tm, mult in facs:
            if not any(mono[0] for mono in tm):
                continue
            G = rescale_roots(tm, dnum, int(dd), len(gens))
            out.append((tuple(_to_expr(c, gens) for c in G), mult))
    else:  # algebraic (non-rational) entries: sympy's characteristic polynomial and factorization
        P = sp.Matrix(pt).charpoly(MU).as_expr()
        _, fl2 = sp.factor_list(P, MU)
        for f, mult in fl2:
            if f.has(MU):
                out.append((tuple(sp.Poly(f, MU).all_coeffs()), mult))
    if sum((len(c) - 1) * m for c, m in out) != dim:
        raise ArithmeticError("internal: characteristic polynomial of the partial transpose has the wrong degree")
    return sorted(out, key=lambda cm: (len(cm[0]), sp.default_sort_key(sp.Tuple(*cm[0]))))


def _exact_pt(rho, sites, n):
    rho = exact_numbers(sp.ImmutableMatrix(rho))
    return sp.ImmutableMatrix(partial_transpose(sp.Matrix(rho), list(sites), n))


def pt_factors(rho, sites: Sequence[int], n: int) -> list:
    r"""The characteristic polynomial of :math:`\rho^{T_A}`, exactly factored:
    ``[(coefficients (a_m, ..., a_0), multiplicity), ...]`` of irreducible real-rooted
    :math:`G(\mu)=\sum_j a_j\mu^j` whose roots are the eigenvalues.

    Denominators are cleared from their factored form (no polynomial gcds), the characteristic
    polynomial of :math:`d\rho^{T_A}` is computed over :math:`\mathbb Z[i][\text{params}]`,
    checked to be real (Hermitian) and factored over :math:`\mathbb Z` with python-flint; each
    factor is rescaled to the eigenvalues, :math:`G(\mu)=f(d\mu)/\text{content}`.

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state of ``n`` qubits (or sites of dimensions ``n``), exact (symbols allowed) or numeric.
    sites : sequence of int
        The sites (0-indexed) of part A; the partial transpose acts on them.
    n : int or sequence of int
        The number of qubits, or the site dimensions.

    Returns
    -------
    list
        ``[((a_m, ..., a_0), multiplicity), ...]``, det(μ − ρ^{T_A}) = Π G_k(μ)^(m_k) up to a
        constant.

    Examples
    --------
    >>> pt_factors(sp.diag(1, 0, 0, 0), [0], 2)
    [((1, -1), 1), ((1, 0), 3)]

    Werner state ``p|Φ+⟩⟨Φ+| + (1 − p) 1/4``: G = 4μ − (1 + p) three times and 4μ + 3p − 1:

    >>> p = sp.Symbol("p", positive=True)
    >>> bell = sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2
    >>> werner = p * bell + (1 - p) * sp.eye(4) / 4
    >>> pt_factors(werner, [0], 2)
    [((4, -p - 1), 3), ((4, 3*p - 1), 1)]
    """
    pt = _exact_pt(rho, sites, n)
    return _pt_factors(pt, pt.shape[0])


# ------------------------------------------------------------------ roots and certificates
def _sign(poly):
    """``(sign, certificate)`` of a polynomial on the declared domain: +1 (>= 0), -1 (<= 0),
    0 (identically zero) or ``None`` (not certified)."""
    poly = sp.expand(poly)
    if poly == 0:
        return 0, "identically zero"
    c = certify_nonnegative(poly)
    if c is not None:
        return 1, c
    c = certify_nonnegative(-poly)
    if c is not None:
        return -1, c
    return None, None


def _max_sign_changes(signs) -> int:
    """Largest number of sign changes of a sequence of +1/-1/0/None (None: any of the three)."""
    best = {0: 0}  # last nonzero sign -> most changes so far (0: none yet)
    for s in signs:
        opts = [s] if s is not None else [0, 1, -1]
        new: dict = {}
        for last, ch in best.items():
            for o in opts:
                if o == 0:
                    key, val = last, ch
                else:
                    key, val = o, ch + (1 if last not in (0, o) else 0)
                new[key] = max(new.get(key, -1), val)
        best = new
    return max(best.values())


def _roots_ascending(coeffs) -> list:
    """Roots of the real-rooted :math:`\\sum_j a_j\\mu^j` (coefficients high to low), ascending
    on the whole domain: rational function, radicals, or :class:`RealRoot`."""
    m = len(coeffs) - 1
    if m == 1:
        a1, a0 = coeffs
        return [factor(-a0 / a1) if (a0.free_symbols or a1.free_symbols) else -a0 / a1]
    if m == 2:
        a2, a1, a0 = coeffs
        disc = sp.expand(a1 ** 2 - 4 * a2 * a0)
        disc = factor(disc) if disc.free_symbols else disc
        s2, _ = _sign(a2)
        if s2 in (1, -1):
            return [(-a1 - s2 * sp.sqrt(disc)) / (2 * a2), (-a1 + s2 * sp.sqrt(disc)) / (2 * a2)]
        centre = -a1 / (2 * a2)
        half = sp.sqrt(disc / (4 * a2 ** 2))
        return [centre - half, centre + half]
    return [RealRoot(k, *coeffs) for k in range(m)]


#: above this many term pairs, the sign of a_j a_m is not attempted (left uncertified: sound)
PRODUCT_TERMS_BUDGET = 40_000


def _n_terms(c) -> int:
    return len(sp.Add.make_args(sp.expand(c)))


def _classify(coeffs):
    """``(roots ascending, K, certificate)``: at most the K smallest roots can be negative on the
    domain; the certificate states why the others are non-negative."""
    m = len(coeffs) - 1
    a = list(coeffs)[::-1]  # a[j] multiplies mu**j
    lead_sign, lead_how = _sign(a[m])
    signs, hows = [], set()
    for j in range(m + 1):
        if j == m:
            signs.append((-1) ** m)  # (-1)^m a_m^2
            continue
        sj, hj = _sign(a[j])
        if sj == 0:
            signs.append(0)
            continue
        if sj is not None and lead_sign in (1, -1):
            signs.append((-1) ** j * sj * lead_sign)
            hows.update({hj, lead_how})
            continue
        if lead_sign in (1, -1) or _n_terms(a[j]) * _n_terms(a[m]) > PRODUCT_TERMS_BUDGET:
            # a_m has one sign, so a_j a_m has a certified sign only where a_j has (tried
            # above); or the product is too large to expand: not certified (the worst case)
            signs.append(None)
            continue
        sp_, hp = _sign(sp.expand((-1) ** j * a[j] * a[m]))
        signs.append(sp_)
        if sp_ is not None:
            hows.add(hp)
    K = _max_sign_changes(signs)
    roots = _roots_ascending(coeffs)
    how = ("exact number" if all(not sp.sympify(c).free_symbols for c in coeffs) else
           ("linear factor" if m == 1 else "Descartes' rule of signs on the real-rooted factor")
           + " (coefficient signs: " + "; ".join(sorted(h for h in hows if h)) + ")")
    return roots, K, how


#: a closed form is refused when an irreducible PT factor of degree >= 3 has a coefficient with
#: more terms than this (measured on examples/chiral_dm_pair.toml with kappa, p free: 833 terms
#: of degree 60 ran > 10 min and gave a ``RealRoot`` no generated code can evaluate). The total
#: degree alone does not predict the cost: a random one-symbol model with degree-44 coefficients
#: (45 terms) certifies in seconds, the chiral pair with only kappa free (degree 48, 49 terms)
#: spends ~100 s in Sturm certificates, so degree is not a refusal criterion.
MAX_FACTOR_TERMS = 300


def _check_size(factors) -> None:
    """Refuse (ParameterError, before any certificate) a closed form whose PT characteristic
    polynomial has an irreducible factor of degree >= 3 with coefficients of more than
    :data:`MAX_FACTOR_TERMS` terms (measured size, not a guess).

    >>> x = sp.Symbol("x", positive=True)
    >>> _check_size([((1, 0, -sum(x ** k for k in range(400)), 1), 1)])
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ClosedFormTooLargeError: parameter '--set' = 'x' is not allowed; allowed range: fewer free parameters: ...
    >>> _check_size([((1, 0, -3 * x ** 40, 1), 1), ((1, sum(x ** k for k in range(400))), 1)])  # small cubic, linear
    """
    for coeffs, _ in factors:
        if len(coeffs) - 1 < 3:
            continue
        syms = set().union(*(sp.sympify(c).free_symbols for c in coeffs))
        if not syms:
            continue
        gens = sorted(syms, key=lambda x: x.name)
        terms = max(_n_terms(c) for c in coeffs)
        if terms > MAX_FACTOR_TERMS:
            deg = max(sp.Poly(c, *gens).total_degree() for c in coeffs)
            names = ", ".join(x.name for x in gens)
            raise ClosedFormTooLargeError(
                "--set", names,
                f"fewer free parameters: the partial transpose's characteristic polynomial has an irreducible "
                f"degree-{len(coeffs) - 1} factor whose coefficients have up to {terms} terms of degree {deg} in "
                f"{names} (limit {MAX_FACTOR_TERMS} terms), too large for a "
                "certified closed form; fix more parameters, or evaluate point by point (evaluate, or sweep "
                "--method numeric)")


@dataclass(frozen=True)
class NegativityResult:
    r"""Negativity with its provenance.

    * ``value``: float (numeric input), exact number (exact state without symbols) or the closed
      form :math:`\sum_k m_k\max(0,-\lambda_k)` over the ``kept`` eigenvalues.
    * ``certified``: ``((eigenvalue, multiplicity, certificate), ...)``, PT eigenvalues certified
      non-negative on the whole declared domain, hence dropped.
    * ``kept``: ``((eigenvalue, multiplicity), ...)``, eigenvalues that may be negative somewhere.
    * ``method``: ``"numeric"`` or ``"exact"``.
    * ``assumptions``: the parameter domain used for the certificates.
    * ``n``: the number of qubits, or the list of site dimensions; ``cut_dims`` the dimensions
      :math:`(d_A, d_B)`; ``ppt_sufficient``: whether PPT is also sufficient for separability
      (:math:`d_Ad_B\le6`); ``separability`` states what a zero negativity means.

    Attributes
    ----------
    value : float, sympy number or expression
        𝒩.
    certified : tuple
        ``(eigenvalue, multiplicity, certificate)`` dropped.
    kept : tuple
        ``(eigenvalue, multiplicity)`` kept.
    method : str
        ``"numeric"`` or ``"exact"``.
    sites : tuple of int
        Part A.
    n : int or tuple of int
        Qubits or site dimensions.
    assumptions : tuple of str, default ()
        The domain of the certificates.

    Examples
    --------
    >>> r = negativity_result(sp.eye(6) / 6, [0], [2, 3])
    >>> r.cut_dims, r.ppt_sufficient
    ((2, 3), True)
    >>> negativity_result(sp.eye(9) / 9, [0], [3, 3]).separability
    'negativity 0 does not prove separability for 3x3 (PPT is only necessary); negativity > 0 proves entanglement'
    """

    value: Any
    certified: tuple
    kept: tuple
    method: str
    sites: tuple
    n: int
    assumptions: tuple = ()

    @property
    def expr(self):
        return self.value

    @property
    def cut_dims(self) -> tuple:
        """:math:`(d_A, d_B)` of the bipartition ``sites`` | rest."""
        from ._operators import site_dims
        dims = site_dims(self.n)
        da = int(np.prod([dims[s] for s in self.sites]))
        return da, int(np.prod(dims)) // da

    @property
    def ppt_sufficient(self) -> bool:
        r"""PPT is necessary and sufficient for separability (2×2, 2×3: :math:`d_Ad_B\le6`)."""
        da, db = self.cut_dims
        return da * db <= 6

    @property
    def separability(self) -> str:
        da, db = self.cut_dims
        if self.ppt_sufficient:
            return (f"negativity 0 <=> separable for {da}x{db} (PPT is necessary and sufficient); "
                    "negativity > 0 <=> entangled")
        return (f"negativity 0 does not prove separability for {da}x{db} (PPT is only necessary); "
                "negativity > 0 proves entanglement")


def negativity_result(rho, sites: Sequence[int], n) -> NegativityResult:
    """Negativity of ``rho`` (n qubits, or sites of dimensions ``n``) for ``sites`` | rest, with the
    certificates of every dropped eigenvalue (see the module docstring).

    𝒩 = Σ_k m_k max(0, −λ_k) over the PT eigenvalues λ_k not certified ≥ 0.

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state of ``n`` qubits (or sites of dimensions ``n``), exact (symbols allowed) or numeric.
    sites : sequence of int
        The sites (0-indexed) of part A; the partial transpose acts on them.
    n : int or sequence of int
        The number of qubits, or the site dimensions.

    Returns
    -------
    NegativityResult
        The value with the kept and the certified eigenvalues.

    Examples
    --------
    >>> p = sp.Symbol("p", positive=True)
    >>> bell = sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2
    >>> werner = p * bell + (1 - p) * sp.eye(4) / 4
    >>> r = negativity_result(werner, [0], 2)
    >>> r.value, r.kept, [(ev, m) for ev, m, _ in r.certified]
    (Max(0, 3*p/4 - 1/4), ((1/4 - 3*p/4, 1),), [(p/4 + 1/4, 3)])
    """
    sites = tuple(int(s) for s in sites)
    n = n if isinstance(n, (int, np.integer)) else tuple(int(d) for d in n)
    if is_numeric(rho):
        pt = partial_transpose(np.asarray(rho, dtype=complex), list(sites), n)
        ev = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
        return NegativityResult(float(-ev[ev < 0].sum()), (), (), "numeric", sites, n)
    certified, kept = [], []
    factors = pt_factors(rho, sites, n)
    _check_size(factors)
    for coeffs, mult in factors:
        roots, K, how = _classify(coeffs)
        kept += [(r, mult) for r in roots[:K]]
        certified += [(r, mult, how) for r in roots[K:]]
    value = sp.Add(*[m * sp.Max(0, -ev) for ev, m in kept]) if kept else sp.Integer(0)
    return NegativityResult(value, tuple(certified), tuple(kept), "exact", sites, n, ASSUMPTIONS)


def negativity(rho, sites: Sequence[int], n: int):
    r"""Negativity :math:`\mathcal{N} = \sum_{\lambda<0}|\lambda(\rho^{T_A})|` of ``rho`` for ``sites`` | rest.

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state of ``n`` qubits (``2**n x 2**n``), exact (symbols allowed) or numeric.
    sites : sequence of int
        The qubits (0-indexed) of part A; the partial transpose acts on them.
    n : int
        The number of qubits.

    Returns
    -------
    float, sympy number or sympy expression
        Numeric input gives a float; an exact matrix without symbols an exact number (roots of
        the factored characteristic polynomial: rational, radicals or ``CRootOf``); with symbols
        the certified closed form, a sum of ``Max(0, -mu)`` over the eigenvalues ``mu`` of
        :math:`\rho^{T_A}` that can be negative (:func:`negativity_result` gives the certificates).

    Examples
    --------
    A Bell state has :math:`\mathcal{N} = 1/2`:

    >>> negativity(sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2, [1], 2)
    1/2
    """
    return negativity_result(rho, sites, n).value


def negativity_closed_form(rho, sites: Sequence[int], n: int):
    r"""The closed form :math:`\sum_k m_k\max(0,-\lambda_k)` over the PT eigenvalues not certified
    non-negative on the declared domain (same as :func:`negativity` for exact input).

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state of ``n`` qubits (or sites of dimensions ``n``), exact (symbols allowed) or numeric.
    sites : sequence of int
        The sites (0-indexed) of part A; the partial transpose acts on them.
    n : int or sequence of int
        The number of qubits, or the site dimensions.

    Returns
    -------
    sympy expression
        Σ_k m_k Max(0, −λ_k).

    Examples
    --------
    >>> p = sp.Symbol("p", positive=True)
    >>> bell = sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2
    >>> werner = p * bell + (1 - p) * sp.eye(4) / 4
    >>> negativity_closed_form(werner, [0], 2)
    Max(0, 3*p/4 - 1/4)
    """
    return negativity_result(sp.Matrix(rho), sites, n).value


def pt_eigenvalues(rho, sites: Sequence[int], n: int) -> list:
    """Exact eigenvalues (with multiplicity) of the partial transpose on ``sites``: roots of
    the factors of :func:`pt_factors` (rational functions, radicals, ``RealRoot``/``CRootOf``).

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state of ``n`` qubits (or sites of dimensions ``n``), exact (symbols allowed) or numeric.
    sites : sequence of int
        The sites (0-indexed) of part A; the partial transpose acts on them.
    n : int or sequence of int
        The number of qubits, or the site dimensions.

    Returns
    -------
    list
        ``[(eigenvalue, multiplicity), ...]`` sorted canonically.

    Examples
    --------
    >>> pt_eigenvalues(sp.diag(1, 0, 0, 0), [0], 2)
    [(0, 3), (1, 1)]
    """
    out: dict = {}
    for coeffs, mult in pt_factors(rho, sites, n):
        for r in _roots_ascending(coeffs):
            out[r] = out.get(r, 0) + mult
    return sorted(out.items(), key=lambda kv: sp.default_sort_key(kv[0]))


def pt_eigenvalues_x_state(rho):
    r"""Eigenvalues of the partial transpose (first spin) of an X-shaped two-qubit state.

    The partial transpose of an X state is again an X state; its spectrum is
    that of the blocks :math:`\{|00\rangle,|11\rangle\}` and :math:`\{|01\rangle,|10\rangle\}`:
    :math:`\tfrac{p+q}2\pm\sqrt{(\tfrac{p-q}2)^2+|w|^2}`. Returns the list of
    four eigenvalues; entry 0 is the minus branch of the :math:`\{00,11\}` block, the
    one that can be negative when the coherence of :math:`\rho` sits in :math:`\{01,10\}`
    (as for the XX NESS pairs). The same spectrum as :func:`pt_eigenvalues` on site 0, in
    closed form (no characteristic polynomial).

    Parameters
    ----------
    rho : sympy Matrix
        A 4×4 X state (non-zero coherences only between 00/11 and 01/10).

    Returns
    -------
    list
        The four eigenvalues of ρ^{T_0}.

    Raises
    ------
    ParameterError
        ``rho`` is not 4×4 or not an X state.

    Examples
    --------
    >>> bell = sp.Matrix([[1,0,0,1],[0,0,0,0],[0,0,0,0],[1,0,0,1]]) / 2
    >>> sorted(pt_eigenvalues_x_state(bell))
    [-1/2, 1/2, 1/2, 1/2]
    """
    rho = sp.Matrix(rho)
    if rho.shape != (4, 4):
        raise ParameterError("rho", rho.shape, "a 4x4 two-qubit density matrix")
    for i, j in ((i, j) for i in range(4) for j in range(4)):
        if i != j and i + j != 3 and rho[i, j] != 0:
            raise ParameterError("rho", "not an X state", "a two-qubit X state (coherences only in {00,11} and {01,10})")
    pt = partial_transpose(rho, [0], 2)
    out = []
    for i, j in ((0, 3), (1, 2)):
        p, q, w = pt[i, i], pt[j, j], pt[i, j]
        mod2 = sp.expand(w * sp.conjugate(w))
        r = sp.sqrt(sp.expand(((p - q) / 2) ** 2 + mod2))
        out += [sp.simplify((p + q) / 2 - r), sp.simplify((p + q) / 2 + r)]
    return out


def log_negativity(rho, sites: Sequence[int], n: int):
    """Logarithmic negativity :math:`\\log_2(2\\mathcal N+1)`.

    E_N = log_2(2𝒩 + 1) = log_2 ‖ρ^{T_A}‖_1.

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state of ``n`` qubits (or sites of dimensions ``n``), exact (symbols allowed) or numeric.
    sites : sequence of int
        The sites (0-indexed) of part A; the partial transpose acts on them.
    n : int or sequence of int
        The number of qubits, or the site dimensions.

    Returns
    -------
    float or sympy expression
        Float for numeric input, else exact.

    Examples
    --------
    >>> bell = sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2
    >>> log_negativity(bell, [0], 2), log_negativity(np.array(bell, dtype=float), [0], 2)
    (1, 1.0)
    """
    N = negativity(rho, sites, n)
    if isinstance(N, float):
        return float(np.log2(2 * N + 1))
    return sp.log(2 * N + 1, 2)


def lambda_min_pt(rho, sites: Sequence[int] = (0,), n: int | None = None):
    r"""Smallest eigenvalue of :math:`\rho^{T_A}` (``sites`` of ``n`` qubits; default: the first
    qubit of a state of ``log2(dim)`` qubits).

    Numeric input gives a float; exact input the exact minimum of the smallest roots of the
    factors (:func:`pt_factors`): an exact number without symbols, else ``Min(...)`` of
    closed forms (unevaluated).

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state, exact or numeric.
    sites : sequence of int, default (0,)
        Part A.
    n : int or None, default None
        Number of qubits (``None``: log_2 of the dimension).

    Returns
    -------
    float or sympy expression
        min λ(ρ^{T_A}); ρ is entangled across the cut when it is < 0.

    Examples
    --------
    >>> import sympy as sp
    >>> lambda_min_pt(sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2)
    -1/2
    """
    dim = (np.asarray(rho).shape if is_numeric(rho) else sp.Matrix(rho).shape)[0]
    if n is None:
        n = int(round(np.log2(dim)))
    if is_numeric(rho):
        pt = partial_transpose(np.asarray(rho, dtype=complex), list(sites), n)
        return float(np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0])
    mins = [_roots_ascending(c)[0] for c, _ in pt_factors(rho, sites, n)]
    if all(m.is_number for m in mins):
        return sp.Min(*mins)
    return sp.Min(*mins, evaluate=False) if len(mins) > 1 else mins[0]
