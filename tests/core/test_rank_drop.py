"""The rank-drop locus of exact steady states: every irreducible factor is tested (also those of
degree > 1 in every symbol, which used to be skipped), an untestable one is reported, and the
deflated factorization equals python-flint's own."""
from __future__ import annotations

import flint
import sympy as sp
from hypothesis import given, settings, strategies as st

from symbolic_ness import Jump, Model, pauli_liouvillian, sigma_minus, sigma_x, sigma_z, steady_state
from symbolic_ness.algebra import factor_fmpz_mpoly

a, b = sp.symbols("a b", real=True)


def _nullity_at(model, values) -> int:
    """Exact nullity of the Pauli-basis generator at an (algebraic) point, in sympy."""
    M = sp.Matrix(pauli_liouvillian(model)).subs(values)
    return M.shape[0] - M.applyfunc(sp.expand).rank(simplify=True)


def test_rank_drop_on_a_circle():
    """Decay at rate (a^2 + b^2 - 5)^2 next to a field: on the circle a^2 + b^2 = 5 the dynamics is
    unitary and every diagonal state is stationary (a factor of degree 2 in both symbols)."""
    m = Model(1, sigma_z(), jumps=[Jump(sigma_minus(), (a**2 + b**2 - 5)**2)])
    ss = steady_state(m, method="exact")
    assert ss.unique and a**2 + b**2 - 5 in ss.rank_drop
    assert not any("rank drop not tested" in x for x in ss.assumptions)
    assert steady_state(m, {"a": 1, "b": 2}, method="exact").nullity == 2  # on the circle
    assert steady_state(m, {"a": 1, "b": 1}, method="exact").nullity == 1
    assert _nullity_at(m, {a: 2, b: 1}) == 2


def test_rank_drop_on_an_irrational_point():
    """One symbol, factor a^2 - 2: its points exist modulo some primes only; at a = sqrt(2) the decay
    stops and the Rabi drive a sigma_x leaves a two-dimensional null space (exact, in sympy)."""
    m = Model(1, a * sigma_x(), jumps=[Jump(sigma_minus(), (a**2 - 2)**2)])
    ss = steady_state(m, method="exact")
    assert a**2 - 2 in ss.rank_drop
    assert _nullity_at(m, {a: sp.sqrt(2)}) == 2
    assert _nullity_at(m, {a: sp.sqrt(3)}) == 1


def test_untestable_factor_is_reported():
    """A rate Phi_29(a) (29th cyclotomic polynomial, positive on the reals): its roots modulo p
    exist only for p = 1 mod 29, none of the test primes; the note says so instead of claiming
    nothing."""
    phi = sum(a**k for k in range(29))
    ss = steady_state(Model(1, sigma_z(), jumps=[Jump(sigma_minus(), phi)]), method="exact")
    notes = [x for x in ss.assumptions if "rank drop not tested" in x]
    assert len(notes) == 1 and "a factor of total degree 28 with 29 terms" in notes[0]


_CTX = flint.fmpz_mpoly_ctx.get(("x", "y", "z"), "lex")


@st.composite
def _deflatable(draw):
    """Products of random small polynomials in (x^Nx, y^Ny, z^Nz) times random small factors."""
    N = [draw(st.integers(1, 3)) for _ in range(3)]
    coeff = st.integers(-4, 4)
    def poly(maxdeg, nterms):
        d = {tuple(draw(st.integers(0, maxdeg)) for _ in range(3)): draw(coeff) for _ in range(nterms)}
        return _CTX.from_dict({k: v for k, v in d.items() if v})
    f = _CTX.from_dict({(0, 0, 0): draw(st.sampled_from([1, -2, 6]))})
    for _ in range(draw(st.integers(1, 3))):
        q = poly(2, draw(st.integers(1, 4)))
        if not q.is_zero():
            f = f * q.inflate(N) ** draw(st.integers(1, 2))
    return f


@settings(max_examples=60, deadline=None)
@given(_deflatable())
def test_deflated_factorization_equals_flint(f):
    c, facs = factor_fmpz_mpoly(f)
    prod = _CTX.from_dict({(0, 0, 0): c})
    for q, m in facs:
        prod = prod * q ** m
    assert prod == f
    c0, ref = f.factor()
    assert c == int(c0)
    norm = lambda q: q if int(q.leading_coefficient()) > 0 else -q
    assert sorted((str(norm(q)), m) for q, m in facs) == sorted((str(norm(q)), int(m)) for q, m in ref)


def test_univariate_factorization_with_huge_coefficients():
    """A polynomial in one of several variables goes through fmpz_poly (python-flint 0.9's
    fmpz_mpoly factor overflows sorting factors with coefficients beyond a C long)."""
    g, r, _ = _CTX.gens()
    big = 2**200 + 235
    f = -6 * (g - big) ** 2 * (g**3 + 3**90 * g + 1) * (g**2 + 1)
    c, facs = factor_fmpz_mpoly(f)
    assert c == -6
    got = sorted((int(q.degrees()[0]), m) for q, m in facs)
    assert got == [(1, 2), (2, 1), (3, 1)]
    prod = _CTX.from_dict({(0, 0, 0): c})
    for q, m in facs:
        assert q.degrees()[1] == q.degrees()[2] == 0
        prod = prod * q ** m
    assert prod == f


def test_deferred_rank_drop_of_a_large_result_equals_the_eager_one(monkeypatch):
    """A large (fmpz_mpoly) result with a long trace coordinate tests its rank-drop locus when
    ``rank_drop`` is first read: the same factors as the eager test; an untestable factor is
    added to the assumptions then."""
    circle = Model(1, sigma_z(), jumps=[Jump(sigma_minus(), (a**2 + b**2 - 5)**2)])
    cyclo = Model(1, sigma_z(), jumps=[Jump(sigma_minus(), sum(a**k for k in range(29)))])
    eager = {m: steady_state(m, method="exact") for m in (circle, cyclo)}
    monkeypatch.setenv("SYMBOLIC_NESS_NO_CACHE", "1")
    monkeypatch.setattr("symbolic_ness.core._exact_engine.LARGE_TERMS", -1)
    monkeypatch.setattr("symbolic_ness.core._exact_engine.RANK_DROP_TERMS", -1)
    for m, ref in eager.items():
        ss = steady_state(m, method="exact", reductions=("prime_check",))  # another key: not the memo
        assert "_rank" in ss.__dict__ and "rank_drop" not in ss.__dict__
        before = ss.assumptions
        assert ss.rank_drop == ref.rank_drop and ss.assumptions == ref.assumptions
        assert (len(ss.assumptions) - len(before)) == (1 if m is cyclo else 0)
    assert a**2 + b**2 - 5 in eager[circle].rank_drop
