"""On-disk cache of expensive symbolic results — data only, re-certified on every hit.

Results (sympy expressions/matrices, possibly nested in tuples, lists and dicts) are stored
as a JSON tree of whitelisted sympy node types (:mod:`symbolic_ness._cache_codec`): loading an
entry only calls the constructors of that whitelist — nothing stored is evaluated, executed,
compiled or unpickled. The file name is a SHA-256 of the function name, the ``srepr`` of the
inputs (models use :meth:`Model.key`), the sympy version, the package version and a hash of
the deriving code (:func:`code_hash`), so a change of the code that derives a result never
serves a stale one.

Trust model (see the README, "Exactness and errors"): the cache folder is *untrusted*. An
entry is a regular file (no link, FIFO or device; opened without following links and without
blocking), at most :func:`max_entry_bytes` long, starting with the header
``{"symbolic_ness_cache": 1``. Only a kind with a certificate touches the disk: one table maps
each kind to its certificate (``cached(name, certify=...)`` or :func:`register_certifier`), and
every entry read is re-certified once per process before use (e.g. the exact steady state:
:math:`L v = 0` modulo a random prime at a random point). A fresh result is stored only if its
own certificate accepts it, so an entry that cannot be certified (:class:`NotCertifiable`) is
never written, and one read from the disk that fails — for any reason — is discarded and
recomputed with a :class:`CacheWarning`. A kind without a certificate is memoized in the
process only (nothing is read or written): there is no owner-based trust.

Housekeeping: the package marks a folder it writes to with the file ``.symbolic_ness-cache``;
``symbolic-ness cache clear`` (:func:`clear_cache`) removes, in a marked folder only, the regular
files whose name (``<kind>-<32 hex digits>.json`` or a leftover ``.symbolic_ness-*.tmp``) and
content header show the package wrote them — never anything else. Entries are written to a
temporary file, flushed to disk and renamed (a partial write never survives; the temporary file
is removed on failure). ``cache info`` / ``cache clear`` inspect and empty the cache.

Environment variables
---------------------
``SYMBOLIC_NESS_NO_CACHE=1``
    disable reading and writing the cache.
``SYMBOLIC_NESS_CACHE_DIR``
    cache location (default ``~/.cache/symbolic_ness``; with an empty or unresolvable home
    directory a per-user folder in the temporary directory, with a warning — never ``/``).
``SYMBOLIC_NESS_CACHE_MAX_MB``
    largest entry read or written (default 256).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import stat
import sys
import tempfile
import warnings
from pathlib import Path

__all__ = ["cached", "cache_dir", "cache_enabled", "clear_cache", "cache_info", "code_hash",
           "register_cache_type", "package_version", "read_entry", "write_entry", "CacheWarning",
           "is_package_file", "NotCertifiable", "register_certifier", "certifier", "certified_kinds"]

_PKG = Path(__file__).resolve().parent

HEADER = '{"symbolic_ness_cache": 1'
MARKER = ".symbolic_ness-cache"
_TMP_PREFIX = ".symbolic_ness-"
_ENTRY_NAME = re.compile(r"^[A-Za-z0-9_.-]+-[0-9a-f]{32}\.json$")
_TMP_NAME = re.compile(r"^\.symbolic_ness-[A-Za-z0-9_]+\.tmp$")
_LEGACY = ('{"t": "', '{"key": "')  # entries of earlier versions of the package (srepr / numpy source)


class CacheWarning(UserWarning):
    """A cache entry was refused (tampered, corrupt, not a regular file, too large, untrusted
    owner) and its result is recomputed; or the cache folder fell back to a temporary one."""


class NotCertifiable(ValueError):
    """Raised by a certificate that cannot check this particular entry (e.g. algebraic numbers):
    a fresh result it cannot check is not stored, and an entry read from the disk that it cannot
    check is refused (recomputed)."""


def cache_enabled() -> bool:
    """Whether the on-disk cache is used: ``False`` when the environment variable
    ``SYMBOLIC_NESS_NO_CACHE`` is ``1``, ``true`` or ``yes`` (exactly these spellings), else
    ``True`` (the default, the variable unset). Read on every call, so setting the variable
    takes effect at once. With the cache disabled, :func:`cached` functions are memoized in the
    process only.

    Returns
    -------
    bool

    Examples
    --------
    >>> import os
    >>> old = os.environ.get("SYMBOLIC_NESS_NO_CACHE")
    >>> os.environ["SYMBOLIC_NESS_NO_CACHE"] = "1"
    >>> cache_enabled()
    False
    >>> os.environ["SYMBOLIC_NESS_NO_CACHE"] = "0"
    >>> cache_enabled()
    True
    >>> if old is None:
    ...     del os.environ["SYMBOLIC_NESS_NO_CACHE"]
    ... else:
    ...     os.environ["SYMBOLIC_NESS_NO_CACHE"] = old
    """
    return os.environ.get("SYMBOLIC_NESS_NO_CACHE", "") not in ("1", "true", "yes")


def max_entry_bytes() -> int:
    try:
        mb = float(os.environ.get("SYMBOLIC_NESS_CACHE_MAX_MB", "256"))
    except ValueError:
        mb = 256.0
    return int(max(mb, 0.0) * 2 ** 20)


@functools.lru_cache(maxsize=None)
def _fallback_dir(reason: str) -> Path:
    d = Path(tempfile.gettempdir()) / f"symbolic_ness-cache-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    try:
        st = os.lstat(d)
        if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            d = Path(tempfile.mkdtemp(prefix="symbolic_ness-cache-"))  # someone else's name: a fresh folder
    except FileNotFoundError:
        pass
    warnings.warn(f"symbolic_ness cache: {reason}; using {d}", CacheWarning, stacklevel=3)
    return d


def cache_dir() -> Path:
    """The cache folder: ``SYMBOLIC_NESS_CACHE_DIR`` when set and non-empty, else
    ``~/.cache/symbolic_ness``; with an empty, relative, root, missing or unresolvable home
    directory a per-user folder ``symbolic_ness-cache-<uid>`` in the temporary directory (a
    fresh folder if another user owns that name; with a :class:`CacheWarning`), never the
    filesystem root. The folder is not created here (the
    first written entry creates it, mode ``0o700``).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import os, tempfile
    >>> old = os.environ.get("SYMBOLIC_NESS_CACHE_DIR")
    >>> tmp = tempfile.TemporaryDirectory()
    >>> os.environ["SYMBOLIC_NESS_CACHE_DIR"] = tmp.name
    >>> cache_dir() == Path(tmp.name)
    True
    >>> if old is None:
    ...     del os.environ["SYMBOLIC_NESS_CACHE_DIR"]
    ... else:
    ...     os.environ["SYMBOLIC_NESS_CACHE_DIR"] = old
    >>> tmp.cleanup()
    """
    env = os.environ.get("SYMBOLIC_NESS_CACHE_DIR", "")
    if env:
        return Path(env)
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return _fallback_dir("the home directory cannot be resolved")
    if not str(home) or not home.is_absolute() or home == Path(home.anchor) or not home.is_dir():
        return _fallback_dir(f"the home directory {str(home)!r} is empty, the root or missing")
    return home / ".cache" / "symbolic_ness"


def _open_regular(path: Path):
    """``(fd, stat)`` of ``path`` if it is a regular file (not a link, FIFO or device), else
    ``None``; never blocks (``O_NONBLOCK``) and never follows a link."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return None
    return fd, st


def read_entry(path: Path, kind: str | None = None):
    """The data tree stored in the entry ``path`` (the JSON object's ``"data"``), or ``None``
    when there is no entry. A file that is not a regular file, larger than
    :func:`max_entry_bytes`, without the package header, of another ``kind`` or not valid JSON
    raises :class:`ValueError` (the caller recomputes). Nothing is evaluated; the caller
    re-certifies the decoded value."""
    if not os.path.lexists(path):
        return None
    opened = _open_regular(path)
    if opened is None:
        raise ValueError("not a regular file")
    fd, st = opened
    cap = max_entry_bytes()
    try:
        if st.st_size > cap:
            raise ValueError(f"larger than {cap} bytes")
        with os.fdopen(fd, "rb", closefd=True) as f:
            raw = f.read(cap + 1)
    except Exception:
        try:
            os.close(fd)
        except OSError:
            pass
        raise
    if len(raw) > cap:
        raise ValueError(f"larger than {cap} bytes")
    text = raw.decode("utf-8")
    if not text.startswith(HEADER):
        raise ValueError("no symbolic_ness cache header")
    obj = json.loads(text)
    if not isinstance(obj, dict) or (kind is not None and obj.get("kind") != kind) or "data" not in obj:
        raise ValueError("wrong entry kind")
    return obj["data"]


def is_package_file(path: Path) -> bool:
    """Whether ``path`` is a regular file the package wrote: an entry name with the package
    header (or an earlier version's entry format), or a leftover temporary file."""
    if _TMP_NAME.match(path.name):
        return stat.S_ISREG(os.lstat(path).st_mode) if os.path.lexists(path) else False
    if not _ENTRY_NAME.match(path.name):
        return False
    opened = _open_regular(path)
    if opened is None:
        return False
    fd, _ = opened
    with os.fdopen(fd, "rb") as f:
        head = f.read(64).decode("utf-8", "replace")
    return head.startswith(HEADER) or head.startswith(_LEGACY)


def _mark(folder: Path) -> None:
    marker = folder / MARKER
    if not os.path.lexists(marker):
        try:
            with open(marker, "x") as f:
                f.write("This folder holds cache entries of symbolic_ness; "
                        "`symbolic-ness cache clear` removes only the entries it wrote.\n")
        except OSError:
            pass


def clear_cache() -> int:
    """Delete the cache entries the package wrote in :func:`cache_dir` (see the module
    docstring: only in a folder marked by the package, only files it recognizes as its own).
    Foreign files, folders and links are left alone, and so is the marker file; a folder that
    does not exist or is not marked is not touched at all. Used by ``symbolic-ness cache clear``.

    Returns
    -------
    int
        The number of files removed (entries and leftover temporary files).

    Examples
    --------
    An empty marked folder holding one foreign file: nothing of it is removed.

    >>> import os, tempfile
    >>> old = os.environ.get("SYMBOLIC_NESS_CACHE_DIR")
    >>> tmp = tempfile.TemporaryDirectory()
    >>> os.environ["SYMBOLIC_NESS_CACHE_DIR"] = tmp.name
    >>> _mark(Path(tmp.name))
    >>> _ = (Path(tmp.name) / "notes.txt").write_text("mine")
    >>> clear_cache()
    0
    >>> sorted(f.name for f in Path(tmp.name).iterdir())
    ['.symbolic_ness-cache', 'notes.txt']
    >>> if old is None:
    ...     del os.environ["SYMBOLIC_NESS_CACHE_DIR"]
    ... else:
    ...     os.environ["SYMBOLIC_NESS_CACHE_DIR"] = old
    >>> tmp.cleanup()

    See :func:`cached` for an entry written and then cleared.
    """
    d = cache_dir()
    if not d.is_dir() or not (d / MARKER).is_file():
        return 0
    count = 0
    for f in sorted(d.iterdir()):
        try:
            if is_package_file(f):
                f.unlink()
                count += 1
        except OSError:
            continue
    return count


def cache_info() -> dict:
    """A summary of the cache in :func:`cache_dir` (``symbolic-ness cache info``).

    Only the regular files named like entries (``<kind>-<32 hex digits>.json``, no links) are
    counted; a missing folder counts as empty.

    Returns
    -------
    dict
        ``{"dir": str, "enabled": bool, "entries": int, "bytes": int}``: the folder, whether the
        cache is enabled (:func:`cache_enabled`), the number of entries and their total size.

    Examples
    --------
    >>> import os, tempfile
    >>> old = os.environ.get("SYMBOLIC_NESS_CACHE_DIR")
    >>> tmp = tempfile.TemporaryDirectory()
    >>> os.environ["SYMBOLIC_NESS_CACHE_DIR"] = tmp.name
    >>> info = cache_info()
    >>> info["dir"] == tmp.name, info["entries"], info["bytes"]
    (True, 0, 0)
    >>> sorted(info)
    ['bytes', 'dir', 'enabled', 'entries']
    >>> if old is None:
    ...     del os.environ["SYMBOLIC_NESS_CACHE_DIR"]
    ... else:
    ...     os.environ["SYMBOLIC_NESS_CACHE_DIR"] = old
    >>> tmp.cleanup()
    """
    d = cache_dir()
    files = [f for f in d.iterdir() if _ENTRY_NAME.match(f.name) and f.is_file() and not f.is_symlink()] \
        if d.is_dir() else []
    return {"dir": str(d), "enabled": cache_enabled(), "entries": len(files),
            "bytes": sum(f.stat().st_size for f in files)}


_CERTIFIERS: dict = {}


def register_certifier(kind: str, fn) -> None:
    """Register ``fn(result, args, kwargs)`` as the certificate of the cache kind ``kind``.

    The one table of certificates: a kind is read from or written to the disk only if it has
    one. ``fn`` raises (any exception) when ``result`` is not the value of the cached function
    at ``args``/``kwargs``; :class:`NotCertifiable` when it cannot tell (such a value is neither
    stored nor accepted from the disk). The core kinds are registered by
    ``symbolic_ness.core``, the papers' kinds by their packages.

    Parameters
    ----------
    kind : str
        The cache kind (the ``name`` given to :func:`cached`).
    fn : callable
        ``fn(result, args, kwargs) -> None``, cheap (a modular or numeric check at a random point).

    Returns
    -------
    None

    Examples
    --------
    >>> def check_square(result, args, kwargs):
    ...     if result != args[0] ** 2:
    ...         raise ValueError("not the square")
    >>> register_certifier("doctest-square", check_square)
    >>> certifier("doctest-square") is check_square
    True
    """
    _CERTIFIERS[kind] = fn


def certifier(kind: str):
    """The certificate registered for the cache kind ``kind`` (``None``: the kind is memoized in
    the process only and never touches the disk).

    Parameters
    ----------
    kind : str
        A cache kind.

    Returns
    -------
    callable or None
        ``fn(result, args, kwargs)`` registered with :func:`register_certifier`.

    Examples
    --------
    >>> certifier("no-such-kind") is None
    True
    """
    return _CERTIFIERS.get(kind)


def certified_kinds() -> tuple:
    """The cache kinds that have a certificate (sorted); only these are read from or written to
    the disk.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> import symbolic_ness.core  # registers the core kinds
    >>> "exact_solve" in certified_kinds()
    True
    """
    return tuple(sorted(_CERTIFIERS))


def register_cache_type(cls):
    """Make a sympy class defined in the package (e.g. ``RealRoot``) decodable from the cache
    (it joins the whitelist of :mod:`symbolic_ness._cache_codec`)."""
    from ._cache_codec import register
    return register(cls)


@functools.lru_cache(maxsize=None)
def package_version() -> str:
    try:
        from importlib.metadata import version
        return version("symbolic_ness")
    except Exception:  # pragma: no cover - not installed
        return "unknown"


@functools.lru_cache(maxsize=None)
def code_hash(module: str) -> str:
    """SHA-256 (16 hex digits) of the source that derives results of ``module``.

    Hashed (by :func:`files_digest`: sorted paths relative to the package and contents): every
    ``.py`` file in the directory of ``module`` (when it can be found), every ``.py`` file under
    ``algebra/``, ``core/``, ``export/`` and ``engines/``, and ``_cache.py`` /
    ``_cache_codec.py``. It is part of every cache key (:func:`cached`), so any edit of the
    deriving code invalidates the stored results. Computed once per process per ``module``.

    Parameters
    ----------
    module : str
        A dotted module name (e.g. a cached function's ``__module__``); an unknown name hashes
        the layer sources only.

    Returns
    -------
    str
        16 lowercase hex digits.

    Examples
    --------
    >>> h = code_hash("symbolic_ness.core")
    >>> len(h), all(c in "0123456789abcdef" for c in h)
    (16, True)
    >>> code_hash("symbolic_ness.core") == h
    True
    """
    files = set()
    mfile = getattr(sys.modules.get(module), "__file__", None)
    if mfile is None:
        try:
            import importlib.util
            spec = importlib.util.find_spec(module)
            mfile = spec.origin if spec is not None else None
        except (ImportError, ValueError):
            mfile = None
    if mfile:
        files.update(Path(mfile).resolve().parent.glob("*.py"))
    for sub in ("algebra", "core", "export", "engines"):
        files.update((_PKG / sub).rglob("*.py"))
    files.update((_PKG / "_cache.py", _PKG / "_cache_codec.py"))
    return files_digest(files)


def write_entry(path: Path, text: str) -> None:
    """Write one cache entry atomically: a temporary file ``.symbolic_ness-*.tmp`` in the same
    folder, flushed to disk, then a rename (a reader never sees half an entry; on any failure the
    temporary file is removed). The folder is marked as the package's (``.symbolic_ness-cache``).
    An entry above :func:`max_entry_bytes` is not written. ``OSError`` propagates."""
    data = text.encode("utf-8")
    if len(data) > max_entry_bytes():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _mark(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TMP_PREFIX, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def entry_text(kind: str, data) -> str:
    """The stored text of an entry: the package header, the kind and the data tree."""
    return json.dumps({"symbolic_ness_cache": 1, "kind": kind, "data": data})


def refuse(path: Path, kind: str, why) -> None:
    """Warn that the entry ``path`` is refused (and remove it if it is a regular file)."""
    warnings.warn(f"symbolic_ness cache: entry {path.name} ({kind}) refused and recomputed: {why}",
                  CacheWarning, stacklevel=3)
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):
            os.unlink(path)
    except OSError:
        pass


def files_digest(files, prefix: bytes = b"") -> str:
    """SHA-256 (16 hex digits) of ``prefix`` and, in sorted order, of every file's path relative to
    the package (POSIX form) and content; files that cannot be read are skipped."""
    h = hashlib.sha256(prefix)
    for f in sorted(files):
        try:
            h.update(f.relative_to(_PKG).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
        except (OSError, ValueError):
            continue
    return h.hexdigest()[:16]


def _key_of(obj) -> str:
    import sympy as sp
    if hasattr(obj, "key") and callable(obj.key):
        return obj.key()
    if isinstance(obj, (list, tuple)):
        return "(" + ",".join(_key_of(o) for o in obj) + ")"
    if isinstance(obj, dict):
        return "{" + ",".join(f"{_key_of(k)}:{_key_of(v)}" for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(obj, sp.Basic) or isinstance(obj, sp.MatrixBase):
        return sp.srepr(obj)
    return repr(obj)


def cached(name: str, certify=None):
    """Decorator: cache a pure function of sympy-representable arguments on disk.

    ``certify(result, args, kwargs)`` — or the certificate registered for ``name`` with
    :func:`register_certifier`; ``certify`` given here is registered in the same table —
    re-certifies a result read from the disk, once per process (it raises — any exception —
    when the result is wrong). A fresh result is written only if its certificate accepts it.
    Without a certificate the kind is memoized in the process only (nothing is read or
    written). A refused entry is recomputed with a :class:`CacheWarning`.

    The entry is ``<cache_dir()>/<name>-<h>.json`` with ``h`` the first 32 hex digits of the
    SHA-256 of ``name``, the sympy and package versions, :func:`code_hash` of the function's
    module and the keys of the arguments (``Model.key()``, ``srepr`` of sympy objects,
    ``repr`` otherwise). In front of the disk sits an in-process memo (per cache folder). With
    :func:`cache_enabled` false nothing is read or written.

    Parameters
    ----------
    name : str
        The cache kind: the prefix of the entry files and the key of the certificate table.
    certify : callable, optional
        ``certify(result, args, kwargs) -> None``; raises when ``result`` is wrong,
        :class:`NotCertifiable` when it cannot tell. Default ``None``: use the certificate
        registered for ``name`` (if any) at call time.

    Returns
    -------
    callable
        A decorator; the wrapped function keeps the signature and has the attributes
        ``uncached`` (the original function), ``certify`` (the ``certify`` argument) and
        ``kind`` (``name``).

    Examples
    --------
    A certified kind in a temporary cache folder: the first call writes one entry.

    >>> import os, tempfile
    >>> import sympy as sp
    >>> old = os.environ.get("SYMBOLIC_NESS_CACHE_DIR"), os.environ.get("SYMBOLIC_NESS_NO_CACHE")
    >>> tmp = tempfile.TemporaryDirectory()
    >>> os.environ["SYMBOLIC_NESS_CACHE_DIR"] = tmp.name
    >>> _ = os.environ.pop("SYMBOLIC_NESS_NO_CACHE", None)  # the cache enabled
    >>> def check_cube(result, args, kwargs):
    ...     if sp.expand(result - args[0] ** 3) != 0:
    ...         raise ValueError("not the cube")
    >>> @cached("doctest-cube", certify=check_cube)
    ... def cube(e):
    ...     return sp.expand(e ** 3)
    >>> x = sp.Symbol("x")
    >>> cube(x + 1)
    x**3 + 3*x**2 + 3*x + 1
    >>> cube.kind, cache_info()["entries"]
    ('doctest-cube', 1)
    >>> clear_cache()
    1
    >>> for var, value in zip(("SYMBOLIC_NESS_CACHE_DIR", "SYMBOLIC_NESS_NO_CACHE"), old):
    ...     if value is None:
    ...         _ = os.environ.pop(var, None)
    ...     else:
    ...         os.environ[var] = value
    >>> tmp.cleanup()
    """
    if certify is not None:
        register_certifier(name, certify)

    def deco(fn):
        memo: dict = {}

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            import sympy as sp
            check = _CERTIFIERS.get(name)
            raw = (f"{name}|{sp.__version__}|{package_version()}|{code_hash(fn.__module__)}|"
                   f"{_key_of(args)}|{_key_of(kwargs)}")
            disk = cache_enabled() and check is not None
            folder = cache_dir() if disk else None
            mkey = (str(folder), raw)
            if mkey in memo:  # in-process memo in front of the disk (certified once per process)
                return memo[mkey]
            if not disk:
                res = memo[mkey] = fn(*args, **kwargs)
                return res
            h = hashlib.sha256(raw.encode()).hexdigest()[:32]
            path = folder / f"{name}-{h}.json"
            try:
                tree = read_entry(path, name)
                if tree is not None:
                    from ._cache_codec import decode
                    res = decode(tree)
                    check(res, args, kwargs)
                    memo[mkey] = res
                    return res
            except Exception as e:  # noqa: BLE001 - tampered, corrupt, uncertifiable or incompatible: recompute
                refuse(path, name, e)
            res = memo[mkey] = fn(*args, **kwargs)
            try:
                from ._cache_codec import encode
                text = entry_text(name, encode(res))
            except (TypeError, ValueError):
                return res
            try:
                check(res, args, kwargs)  # a value its own certificate cannot check is not stored
            except NotCertifiable:
                return res
            except Exception as e:  # noqa: BLE001 - a certificate rejecting a fresh value: a bug, report it
                warnings.warn(f"symbolic_ness cache: fresh {name} value not stored, its certificate failed: {e}",
                              CacheWarning, stacklevel=2)
                return res
            try:
                write_entry(path, text)
            except OSError:
                pass
            return res

        wrapper.uncached = fn
        wrapper.certify = certify
        wrapper.kind = name
        return wrapper

    return deco
