r"""Plain text (titles, notes) as LaTeX text: math kept, Unicode symbols as math, specials escaped."""
from __future__ import annotations

__all__ = ["latex_text"]

_TEXT_UNICODE = {"α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "Γ": r"\Gamma", "δ": r"\delta", "ε": r"\epsilon",
                 "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "π": r"\pi", "ρ": r"\rho",
                 "σ": r"\sigma", "φ": r"\phi", "ϕ": r"\phi", "ψ": r"\psi", "ω": r"\omega", "Δ": r"\Delta",
                 "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "≈": r"\approx", "→": r"\to", "×": r"\times",
                 "·": r"\cdot", "±": r"\pm", "∞": r"\infty", "⟨": r"\langle", "⟩": r"\rangle", "†": r"\dagger",
                 "⊗": r"\otimes", "∑": r"\sum", "√": r"\surd", "−": "-", "₊": "_+", "₋": "_-"}
_TEXT_ESCAPE = {"_": r"\_", "&": r"\&", "%": r"\%", "#": r"\#", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                "^": r"\^{}", "<": r"$<$", ">": r"$>$", "|": r"$|$"}


def latex_text(s: str) -> str:
    r"""Plain text (e.g. a section title) as LaTeX text: ``$...$`` parts kept as math, words
    with a backslash command set in math, other special characters escaped.

    Parameters
    ----------
    s : str
        Plain text, possibly with ``$...$`` math and unicode Greek letters.

    Returns
    -------
    str
        LaTeX text mode source.

    Examples
    --------
    >>> latex_text("proved for all n >= 7")
    'proved for all n $\\ge$ 7'
    >>> latex_text(r"gamma_c (Eq. 24), <zz> at x=g/\gamma, $\lambda_{\min}$")
    'gamma\\_c (Eq. 24), $<$zz$>$ at $x=g/\\gamma$, $\\lambda_{\\min}$'
    """
    out = []
    parts = s.split("$")
    for k in range(0, len(parts), 2):  # ASCII relations in words are the relations: n >= 7 -> $n \ge 7$
        parts[k] = parts[k].replace(">=", "≥").replace("<=", "≤")
    for k, part in enumerate(parts):
        if k % 2 == 1 and k < len(parts) - 1:
            out.append("$" + part + "$")
            continue
        words = []
        for w in part.split(" "):
            for u, t in _TEXT_UNICODE.items():
                if u in w:
                    w = w.replace(u, "$" + t + "$") if "\\" not in w else w.replace(u, t + " ")
            if "\\" in w and "$" not in w:
                core = w.rstrip(",.;:)")
                tail = w[len(core):]
                lead = core[: len(core) - len(core.lstrip("("))]
                words.append(lead + "$" + core[len(lead):] + "$" + tail)
            elif "$" in w:
                words.append(w)
            else:
                words.append("".join(_TEXT_ESCAPE.get(ch, ch) for ch in w))
        out.append(" ".join(words))
    return "".join(out)
