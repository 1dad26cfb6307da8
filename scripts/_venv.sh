# shellcheck shell=bash
# The project's virtual environment, shared by scripts/serve and scripts/check (sourced, not run).
#
#   . "$(dirname "$0")/_venv.sh"
#   venv_ready runtime   # requirements.txt: enough to build and serve the site
#   venv_ready dev       # requirements-dev.txt: also the checks and tests
#
# venv_ready creates .venv/ in the repository with `python3 -m venv` when it is missing or broken,
# installs the pinned requirements when they changed since the last install (a hash of the
# requirements files is kept in .venv/), and puts .venv/bin first on PATH. Debian's own Python
# refuses `pip install` outside a virtual environment (PEP 668), hence the environment.
#
# PYTHON names the Python to create it with (default: python3; 3.11 or newer). VENV_PIP_WHEELS is
# where Debian keeps its pip wheel (default /usr/share/python-wheels; see _venv_create).

VENV_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV_DIR="$VENV_ROOT/.venv"
VENV_STAMP="$VENV_DIR/.requirements.sha256"
VENV_APT_HINT="sudo apt-get install -y python3-venv"

_venv_say() { printf 'venv: %s\n' "$*" >&2; }
_venv_die() {
  printf 'venv: error: %s\n' "$*" >&2
  exit 1
}

# The hash of every requirements file: any change to a pin means a new install.
_venv_requirements_hash() {
  local sum=sha256sum
  command -v sha256sum >/dev/null 2>&1 || sum="shasum -a 256" # macOS
  cat "$VENV_ROOT/requirements.txt" "$VENV_ROOT/requirements-dev.txt" | $sum | cut -d' ' -f1
}

# Is the recorded install good enough for LEVEL? dev includes runtime (requirements-dev.txt has -r requirements.txt).
_venv_installed() {
  local level=$1 recorded_hash recorded_level
  [ -f "$VENV_STAMP" ] || return 1
  read -r recorded_hash recorded_level <"$VENV_STAMP" || return 1
  [ "$recorded_hash" = "$(_venv_requirements_hash)" ] || return 1
  [ "$level" = runtime ] || [ "$recorded_level" = dev ]
}

# A venv whose Python still runs (a pyenv version may have been removed since) and has pip.
_venv_usable() {
  [ -f "$VENV_DIR/pyvenv.cfg" ] && "$VENV_DIR/bin/python" -c 'import pip' 2>/dev/null
}

_venv_create() {
  local python=${PYTHON:-python3}
  command -v "$python" >/dev/null 2>&1 ||
    _venv_die "no '$python' on PATH: install Python 3.11 or newer (Debian: sudo apt-get install -y python3 python3-venv)"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    _venv_die "$("$python" --version 2>&1) is too old: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)"

  if [ -f "$VENV_DIR/pyvenv.cfg" ]; then
    _venv_say "$VENV_DIR is broken (its Python was removed, or pip is missing): creating it again"
    rm -rf "$VENV_DIR"
  elif [ -e "$VENV_DIR" ] && [ -n "$(ls -A "$VENV_DIR")" ]; then
    _venv_die "$VENV_DIR exists but is not a virtual environment: move it away"
  fi

  _venv_say "creating $VENV_DIR with $(command -v "$python") ($("$python" --version 2>&1))"
  if "$python" -c 'import ensurepip' 2>/dev/null; then
    if ! "$python" -m venv "$VENV_DIR"; then
      rm -rf "$VENV_DIR"
      _venv_die "'$python -m venv $VENV_DIR' failed (see above)"
    fi
    return
  fi
  # Debian without python3-venv has no ensurepip. Its pip wheel (python3-pip-whl, which python3-pip
  # pulls in) can still put pip into an environment made without one.
  local wheel
  wheel=$(find "${VENV_PIP_WHEELS:-/usr/share/python-wheels}" -maxdepth 1 -name 'pip-*.whl' 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$wheel" ]; then
    _venv_die "this Python cannot create a virtual environment with pip (no ensurepip): $VENV_APT_HINT"
  fi
  _venv_say "no ensurepip (python3-venv is not installed): installing pip from $wheel"
  if ! "$python" -m venv --without-pip "$VENV_DIR" ||
    ! "$VENV_DIR/bin/python" "$wheel/pip" install -q --no-index --no-deps --disable-pip-version-check "$wheel"; then
    rm -rf "$VENV_DIR"
    _venv_die "could not create $VENV_DIR without ensurepip: $VENV_APT_HINT"
  fi
}

_venv_install() {
  local level=$1 file=requirements.txt
  [ "$level" = dev ] && file=requirements-dev.txt
  _venv_say "installing $file into $VENV_DIR (new or changed requirements: this can take a few minutes)"
  rm -f "$VENV_STAMP"
  "$VENV_DIR/bin/python" -m pip install -q --disable-pip-version-check -r "$VENV_ROOT/$file" ||
    _venv_die "'pip install -r $file' failed (see above); run the command again once fixed"
  printf '%s %s\n' "$(_venv_requirements_hash)" "$level" >"$VENV_STAMP"
}

# venv_ready LEVEL: the environment exists and holds LEVEL's requirements; .venv/bin is first on PATH.
venv_ready() {
  local level=${1:?venv_ready runtime|dev}
  case $level in runtime | dev) ;; *) _venv_die "venv_ready: unknown level '$level'" ;; esac
  if ! _venv_usable || ! _venv_installed "$level"; then
    # One creation or install at a time: `scripts/serve` and `scripts/check` may start together.
    if command -v flock >/dev/null 2>&1; then
      exec 9<"$VENV_ROOT"
      flock 9
    fi
    _venv_usable || _venv_create
    _venv_installed "$level" || _venv_install "$level"
    if command -v flock >/dev/null 2>&1; then
      exec 9<&-
    fi
  fi
  export VIRTUAL_ENV="$VENV_DIR"
  export PATH="$VENV_DIR/bin:$PATH"
  unset PYTHONHOME
  hash -r
}
