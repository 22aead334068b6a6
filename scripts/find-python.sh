#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains what to install and exits 1.
# Rasa Open Source 3.6 runs on Python 3.8-3.10 only; this project is tested on 3.10.
set -u
want="3.10"
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.10)
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
for d in "$pyenv_root"/versions/3.10*/bin/python3.10; do [ -x "$d" ] && candidates+=("$d"); done
candidates+=(/usr/local/bin/python3.10 /usr/bin/python3.10 python3)
for c in "${candidates[@]}"; do
  path=$(command -v "$c" 2>/dev/null) || continue
  version=$("$path" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || continue
  if [ "$version" = "$want" ]; then
    echo "$path"
    exit 0
  fi
  if [ -n "${PYTHON:-}" ] && [ "$c" = "$PYTHON" ]; then
    echo "PYTHON=$PYTHON is Python $version, but Rasa 3.6 needs Python $want." >&2
  fi
done
printf '%s\n' "No Python $want found (looked at \$PYTHON, python3.10 on PATH, pyenv in $pyenv_root)." >&2
printf '%s\n' "Rasa Open Source 3.6 supports Python 3.8-3.10 only. Install Python 3.10, for example:" >&2
printf '%s\n' "  pyenv install 3.10.13          (with pyenv)" >&2
printf '%s\n' "  sudo apt install python3.10 python3.10-venv   (Debian/Ubuntu with 3.10 packages)" >&2
printf '%s\n' "then run the command again, or point to it: make setup PYTHON=/path/to/python3.10" >&2
exit 1
