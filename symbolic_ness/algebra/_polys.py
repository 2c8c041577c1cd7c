"""Fast exact polynomial helpers (python-flint underneath, sympy fallback).

:func:`factor` factors a rational function of the parameters with
python-flint's ``fmpz_mpoly.factor`` (multivariate factorization over the
integers), which is orders of magnitude faster than sympy's own for the
large numerators that exact steady states produce.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> factor((x**2 - y**2) / (2*x + 2*y)**2)
(x - y)/(4*(x + y))
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from .._cache import register_cache_type

__all__ = ["factor", "factor_polynomial", "factor_list", "factor_fmpz_mpoly", "rescale_roots", "RealRoot", "real_root_numpy"]


def _flint_factor_terms(terms: dict, nvars: int):
    """``(constant, [(terms, multiplicity)])`` of an integer polynomial ``{monomial: int}`` in
    ``nvars`` variables (python-flint; ``None`` if unavailable or it fails)."""
    try:
        import flint
    except ImportError:  # pragma: no cover - python-flint missing
        return None
    try:  # one variable goes through fmpz_poly inside factor_fmpz_mpoly (no sort-key overflow)
        ctx = flint.fmpz_mpoly_ctx.get(tuple(f"v{k}" for k in range(nvars)), "lex")
        poly = ctx.from_dict({tuple(m): int(c) for m, c in terms.items()})
        const, facs = factor_fmpz_mpoly(poly)
    except (OverflowError, AttributeError, TypeError, ValueError):  # pragma: no cover
        return None
    return int(const), [({tuple(int(e) for e in mono): int(c) for mono, c in f.to_dict().items()}, int(mult))
                        for f, mult in facs]


def factor_fmpz_mpoly(poly) -> tuple:
    r"""``(c, [(f_1, m_1), ...])`` with ``poly`` :math:`=c\prod_i f_i^{m_i}`, the :math:`f_i`
    irreducible ``fmpz_mpoly`` (python-flint), factored after deflation.

    When every exponent of a variable :math:`x_k` is a multiple of :math:`N_k>1`
    (``poly.deflation()``; e.g. a trace coordinate in :math:`g^2` and :math:`r^2` from the sign
    mirrors of a chain), :math:`f(x)=h(x^N)`: :math:`h` is factored, and each inflated factor
    :math:`h_i(x^N)` again (it may split: :math:`G-R\to(g-r)(g+r)`). Distinct irreducible
    :math:`h_i` give coprime :math:`h_i(x^N)`, so the multiplicities multiply. Same factors as
    ``poly.factor()``, much faster on deflatable polynomials (the 5-qubit chain trace of
    degree (178, 214): 47 s → 5 s).

    Parameters
    ----------
    poly : flint.fmpz_mpoly
        A non-zero integer polynomial.

    Returns
    -------
    tuple
        The integer constant ``c`` and the list of ``(factor, multiplicity)``.

    Examples
    --------
    >>> import flint
    >>> ctx = flint.fmpz_mpoly_ctx.get(("g", "r"), "lex")
    >>> g, r = ctx.gens()
    >>> c, facs = factor_fmpz_mpoly(3 * g**4 - 3 * r**2)   # h = 3 G - 3 R, G = g^4, R = r^2: splits inflated
    >>> c, sorted(str(f) for f, _ in facs)
    (3, ['g^2 + r', 'g^2 - r'])
    """
    used = [k for k, d in enumerate(poly.degrees()) if int(d) > 0]
    if len(used) == 1:  # one variable: fmpz_poly (no sort-key overflow on huge coefficients, faster)
        return _factor_univariate(poly, used[0])
    h, N = poly.deflation()
    if all(int(n) <= 1 for n in N) or h.inflate(N) != poly:
        c, facs = poly.factor()
        return int(c), [(f, int(m)) for f, m in facs]
    c, facs = h.factor()
    const, out = int(c), []
    for f, m in facs:
        ci, sub = f.inflate(N).factor()
        const *= int(ci) ** int(m)
        out += [(q, int(m) * int(n)) for q, n in sub]
    return const, out


def _factor_univariate(poly, k: int) -> tuple:
    """:func:`factor_fmpz_mpoly` of an ``fmpz_mpoly`` in the single variable ``k`` through ``fmpz_poly``."""
    import flint
    coeffs = [0] * (int(poly.degrees()[k]) + 1)
    for m, c in poly.to_dict().items():
        coeffs[int(m[k])] = int(c)
    c, facs = flint.fmpz_poly(coeffs).factor()
    ctx, n = poly.context(), len(poly.degrees())
    back = lambda f: ctx.from_dict({tuple(e if j == k else 0 for j in range(n)): int(a)  # noqa: E731
                                     for e, a in enumerate(f.coeffs()) if a != 0})
    return int(c), [(back(f), int(m)) for f, m in facs]


def rescale_roots(terms: dict, d_num: dict, d_den: int, nvars: int) -> list:
    r"""Coefficients of :math:`G(\mu)=f(d\mu)/\mathrm{content}` from the integer polynomial
    :math:`f(x,\text{gens})` (``terms``: ``{(k_x, *k_gens): int}``, ``nvars`` gens) and
    :math:`d` = ``d_num`` (``{k_gens: int}``) / ``d_den``: a list ``[G_m, ..., G_0]`` of
    ``{k_gens: int}``, all in python-flint (no sympy expansion of powers of d).

    >>> rescale_roots({(1,): 3, (0,): -1}, {(): 1}, 2, 0)  # f = 3x - 1, d = 1/2: G = 3 mu - 2
    [{(): 3}, {(): -2}]
    """
    import flint
    ctx = flint.fmpz_mpoly_ctx.get(tuple(f"v{k}" for k in range(nvars)), "lex")
    m = max(mono[0] for mono in terms)
    by_pow = [dict() for _ in range(m + 1)]
    for mono, c in terms.items():
        by_pow[mono[0]][tuple(mono[1:])] = int(c)
    d = ctx.from_dict({tuple(k): int(v) for k, v in d_num.items()})
    G, dj = [], ctx.from_dict({(0,) * nvars: 1})
    for j in range(m + 1):  # c_j d_num^j d_den^(m-j)
        G.append(ctx.from_dict(by_pow[j]) * dj * int(d_den) ** (m - j) if by_pow[j] else None)
        dj = dj * d
    nz = [g for g in G if g is not None]
    content = nz[0]
    for g in nz[1:]:
        content = content.gcd(g)
    out = []
    for g in G[::-1]:
        if g is None:
            out.append({})
        else:
            q = g / content
            out.append({tuple(int(e) for e in mono): int(c) for mono, c in q.to_dict().items()})
    return out


def factor_list(p):
    """``(constant, [(factor, multiplicity), ...])`` of a polynomial with rational coefficients.

    Factors p = c · Π_i f_i^(m_i) over Q (over Q(i) when p contains ``I``), with python-flint
    when available, else sympy.

    Parameters
    ----------
    p : sympy expression
        A polynomial in its free symbols with rational (or Gaussian rational) coefficients.

    Returns
    -------
    tuple
        ``(c, [(f_1, m_1), ...])``: the rational constant c and the irreducible factors f_i with
        multiplicities m_i (an empty list for a constant p).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> c, facs = factor_list(2 * x**2 - 2)
    >>> c, sorted(facs, key=str)
    (2, [(x + 1, 1), (x - 1, 1)])
    """
    p = sp.expand(p)
    gens = sorted(p.free_symbols, key=lambda s: s.name)
    if not gens:
        return p, []
    if p.has(sp.I):
        c, fl = sp.factor_list(p, gaussian=True)
        return c, fl
    P = sp.Poly(p, *gens)
    if not (P.domain.is_QQ or P.domain.is_ZZ):
        return sp.factor_list(p)
    content, prim = P.clear_denoms(convert=True)  # p = prim / content
    res = _flint_factor_terms(prim.as_dict(), len(gens))
    if res is None:
        return sp.factor_list(p)
    const, facs = res
    out = []
    for terms, mult in facs:
        out.append((sp.Add(*[c * sp.Mul(*[g ** e for g, e in zip(gens, mono)]) for mono, c in terms.items()]), mult))
    return sp.Rational(const, 1) / content, out


def factor_polynomial(p):
    """Factor a polynomial expression with rational coefficients (flint if possible).

    Parameters
    ----------
    p : sympy expression
        A polynomial with rational coefficients.

    Returns
    -------
    sympy expression
        c · Π_i f_i^(m_i) from :func:`factor_list`.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> factor_polynomial(x**2 - y**2)
    (x - y)*(x + y)
    """
    c, fl = factor_list(p)
    return sp.Mul(c, *[f ** m for f, m in fl])


def cancel(expr):
    """``(num, den)`` of a rational function in lowest terms (flint gcd when possible)."""
    num, den = sp.fraction(sp.together(sp.sympify(expr)))
    num, den = sp.expand(num), sp.expand(den)
    gens = sorted((num.free_symbols | den.free_symbols), key=lambda s: s.name)
    if not gens or num.has(sp.I) or den.has(sp.I):
        return sp.fraction(sp.cancel(num / den))
    try:
        import flint
        Pn, Pd = sp.Poly(num, *gens), sp.Poly(den, *gens)
        if not all(P.domain.is_ZZ or P.domain.is_QQ for P in (Pn, Pd)):
            raise ValueError
        cn, Pn = Pn.clear_denoms(convert=True)
        cd, Pd = Pd.clear_denoms(convert=True)
        ctx = flint.fmpz_mpoly_ctx.get(tuple(f"v{k}" for k in range(len(gens))), "lex")
        fn = ctx.from_dict({tuple(m): int(c) for m, c in Pn.as_dict().items()})
        fd = ctx.from_dict({tuple(m): int(c) for m, c in Pd.as_dict().items()})
        g = fn.gcd(fd)
        fn, fd = fn.exact_division(g) if hasattr(fn, "exact_division") else fn // g, \
            fd.exact_division(g) if hasattr(fd, "exact_division") else fd // g

        def back(f):
            return sp.Add(*[int(c) * sp.Mul(*[x ** int(e) for x, e in zip(gens, mono)]) for mono, c in f.to_dict().items()])
        return back(fn) * cd, back(fd) * cn
    except (ImportError, ValueError, AttributeError, sp.PolynomialError):
        return sp.fraction(sp.cancel(num / den))


def factor(expr):
    """Factored form of a rational function (numerator and denominator separately).

    For a rational function p/q (after cancelling common factors) returns
    (c_p/c_q) · Π f_i^(m_i) · Π g_j^(−n_j) with both sides factored by :func:`factor_list`.

    Parameters
    ----------
    expr : sympy expression
        A rational function of its symbols with rational coefficients.

    Returns
    -------
    sympy expression
        The factored form (equal to ``expr``).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> factor((x**2 - 1) / (x**2 + 2*x + 1))
    (x - 1)/(x + 1)
    """
    num, den = cancel(expr)
    cn, fn = factor_list(num)
    cd, fd = factor_list(den)
    return sp.Mul(cn / cd, *[f ** m for f, m in fn], *[f ** (-m) for f, m in fd])


# --------------------------------------------------------------------------------------------
# real roots of real-rooted polynomials: exact when the coefficients are rational, numeric
# (vectorized, never through complex Cardano) otherwise
_X = sp.Dummy("x")


@register_cache_type
class RealRoot(sp.Function):
    r"""The ``k``-th smallest (0-indexed) real root of :math:`\sum_j a_j x^j`, written
    ``RealRoot(k, a_m, ..., a_1, a_0)`` (coefficients from the highest power down).

    Used for eigenvalues of Hermitian matrices (all roots real) that come from an irreducible
    factor of degree >= 3 of a characteristic polynomial with parameters. With rational
    coefficients it evaluates to the exact algebraic number (``CRootOf``); with other numbers
    to a Float; :func:`~symbolic_ness.export.lambdify` maps it to a vectorized numpy routine
    (:func:`real_root_numpy`: companion-matrix eigenvalues, Newton-polished).

    Parameters
    ----------
    k : int
        Index of the root, 0 for the smallest real root.
    *coeffs : sympy expressions
        a_m, ..., a_0, the coefficients from the highest power down (at least two).

    Raises
    ------
    ValueError
        ``k`` is not a non-negative integer or fewer than two coefficients are given.

    Examples
    --------
    >>> x = sp.Symbol("x", positive=True)
    >>> r = RealRoot(2, 1, 0, -3 * x, 1)
    >>> r.subs(x, 1)
    CRootOf(x**3 - 3*x + 1, 2)
    >>> round(float(r.subs(x, 1)), 12)
    1.532088886238
    >>> round(float(r.subs(x, 1.0)), 12)
    1.532088886238
    """

    is_real = True

    @classmethod
    def eval(cls, k, *coeffs):
        if not (k.is_Integer and k >= 0) or len(coeffs) < 2:
            raise ValueError("RealRoot(k, a_m, ..., a_0) needs an integer k >= 0 and >= 2 coefficients")
        if not all(c.is_number for c in coeffs):
            return None
        if coeffs[0] == 0:
            return cls(k, *coeffs[1:]) if len(coeffs) > 2 else sp.nan
        if all(c.is_Rational for c in coeffs):
            rts = sp.Poly(list(coeffs), _X).real_roots()
            return rts[int(k)] if int(k) < len(rts) else sp.nan
        if any(isinstance(a, sp.Float) for c in coeffs for a in sp.preorder_traversal(c)):
            prec = max([53] + [a._prec for c in coeffs for a in sp.preorder_traversal(c)
                               if isinstance(a, sp.Float)])
            return _numeric_real_root(int(k), coeffs, prec)
        return None

    def _eval_evalf(self, prec):
        if not all(c.is_number for c in self.args[1:]):
            return None
        return _numeric_real_root(int(self.args[0]), self.args[1:], prec)

    def _latex(self, printer):
        k = int(self.args[0])
        m = len(self.args) - 2
        poly = sp.Add(*[c * _X ** (m - j) for j, c in enumerate(self.args[1:])])
        return (r"\operatorname{root}_{%d}\!\left[%s\right]" %
                (k, printer._print(poly.subs(_X, sp.Symbol("x")))))


def _numeric_real_root(k: int, coeffs, prec: int):
    """k-th smallest real root (mpmath ``polyroots``) as a Float of binary precision ``prec``."""
    import mpmath
    dps = sp.core.evalf.prec_to_dps(prec)
    work = dps + 15
    with mpmath.workdps(work):
        cs = [mpmath.mpmathify(complex(sp.N(c, work))) if sp.N(c, work).has(sp.I)
              else mpmath.mpf(str(sp.N(c, work))) for c in coeffs]
        while cs and cs[0] == 0:
            cs = cs[1:]
        if len(cs) < 2:
            return sp.nan
        rts = mpmath.polyroots(cs, maxsteps=400, extraprec=4 * work)
        # real roots only: imaginary part zero to half the working digits, relative to the root
        # scale (a double root splits by ~sqrt(eps)); never the real part of a complex root
        scale = max([abs(z) for z in rts] + [mpmath.mpf(1) / 10 ** work])
        tol = scale * mpmath.mpf(10) ** (-(work // 2))
        real = sorted(mpmath.re(z) for z in rts if abs(mpmath.im(z)) <= tol)
        if k >= len(real):
            return sp.nan
        return sp.Float(real[k], dps)


def real_root_numpy(k, *coeffs):
    r"""Vectorized ``k``-th smallest real root of :math:`\sum_j a_j x^j` (coefficients high to low,
    numpy-broadcast arrays): eigenvalues of the batched companion matrix, the real ones
    (imaginary part below 1e-6 of the root scale) sorted, then two Newton steps on the
    polynomial; NaN when there are fewer than ``k + 1`` real roots (never the real part of a
    complex root). The numpy twin of :class:`RealRoot`.

    Parameters
    ----------
    k : int
        Index of the real root (0: smallest).
    *coeffs : float or numpy arrays
        a_m, ..., a_0 (high to low), broadcast against each other.

    Returns
    -------
    numpy.ndarray of float
        The k-th smallest real root at each broadcast point; NaN where it does not exist or a
        coefficient is not finite or a_m = 0.

    Examples
    --------
    >>> float(real_root_numpy(0, 1.0, 0.0, 0.0, -1.0))  # x^3 - 1: the real root 1, not -1/2
    1.0

    >>> import numpy as np
    >>> [round(float(v), 10) for v in real_root_numpy(0, 1.0, 0.0, np.array([-3.0, -4.0]), 1.0)]
    [-1.8793852416, -2.1149075415]
    """
    k = int(k)
    cs = np.broadcast_arrays(*[np.asarray(c, dtype=float) for c in coeffs])
    shape = cs[0].shape
    C = np.stack([c.reshape(-1) for c in cs], axis=-1)  # (P, m+1)
    P, m = C.shape[0], C.shape[1] - 1
    out = np.full(P, np.nan)
    with np.errstate(all="ignore"):
        lead = C[:, 0]
        ok = np.isfinite(C).all(axis=1) & (lead != 0)
        if ok.any():
            Cm = C[ok] / lead[ok, None]
            comp = np.zeros((Cm.shape[0], m, m))
            comp[:, 0, :] = -Cm[:, 1:]
            if m > 1:
                comp[:, np.arange(1, m), np.arange(m - 1)] = 1.0
            z = np.linalg.eigvals(comp)
            # real roots only (imaginary part ~0 relative to the root scale: 1e-6 covers the
            # ~sqrt(eps) splitting of a double root); complex roots sort past the real ones
            scale = np.maximum(np.abs(z).max(axis=-1, keepdims=True), 1e-300)
            ev = np.sort(np.where(np.abs(z.imag) <= 1e-6 * scale, z.real, np.inf), axis=-1)
            x = ev[:, k] if k < m else np.full(Cm.shape[0], np.inf)
            x = np.where(np.isfinite(x), x, np.nan)
            for _ in range(2):  # Newton polish on the monic polynomial
                p = np.ones_like(x)
                dp = np.zeros_like(x)
                for j in range(1, m + 1):
                    dp = dp * x + p
                    p = p * x + Cm[:, j]
                step = np.where(dp != 0, p / np.where(dp != 0, dp, 1.0), 0.0)
                # only accept steps that stay between the neighbouring roots
                lo = ev[:, k - 1] if k > 0 else -np.inf
                hi = ev[:, k + 1] if k + 1 < m else np.inf
                xn = x - step
                x = np.where((xn > lo) & (xn < hi) & np.isfinite(xn), xn, x)
            out[ok] = x
    out = out.reshape(shape)
    return out if shape else float(out)
