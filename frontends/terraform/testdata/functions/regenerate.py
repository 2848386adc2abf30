#!/usr/bin/env python3
"""Writes golden.jsonl: what Terraform itself answers for each line of
expressions.txt, evaluated in context.tf with the files under files/.

Runs the real `terraform console` (offline: no init, no providers) once for
`type(EXPR)` and once for `jsonencode(EXPR)`, in a temporary copy of this
directory. Each output line is one JSON object:
  {"expr": E, "type": T, "json": J}   Terraform's type and its jsonencode
  {"expr": E, "type": T, "json_error": M}  a value jsonencode refuses (infinity)
  {"expr": E, "type": T, "unknown": true}  Terraform prints (known after apply)
  {"expr": E, "error": M}             Terraform rejects the expression
Usage: regenerate.py [--jobs N] [--terraform PATH]
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))


def unquote(text):
    """The string value of a quoted string as terraform console prints it."""
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError("not a quoted string: %r" % text)
    body, out, i = text[1:-1], [], 0
    simple = {'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\'}
    while i < len(body):
        c = body[i]
        if c != '\\':
            out.append(c)
            i += 1
            continue
        e = body[i + 1]
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e == 'u':
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif e == 'U':
            out.append(chr(int(body[i + 2:i + 10], 16)))
            i += 10
        else:
            raise ValueError("unexpected escape \\%s in %r" % (e, text))
    return ''.join(out)


def error_text(stderr):
    """Terraform's error as `Summary: detail`, the source excerpt dropped."""
    lines = [l.rstrip() for l in stderr.splitlines()]
    summary, detail = None, []
    for line in lines:
        if summary is None:
            if line.startswith('Error: '):
                summary = line[len('Error: '):]
            continue
        if line.startswith('  on <console-input>') or line.startswith('  (source code') or \
                (line.startswith('  ') and detail == []):
            continue
        detail.append(line)
    if summary is None:
        return stderr.strip()
    return (summary + ': ' + ' '.join(l.strip() for l in detail if l.strip())).strip()


LOCAL = threading.local()


def workdir_of_thread(base):
    """A copy of the context per worker: consoles sharing a directory would
    contend for its state lock."""
    if not hasattr(LOCAL, 'workdir'):
        LOCAL.workdir = tempfile.mkdtemp(dir=base)
        shutil.copy(os.path.join(HERE, 'context.tf'), LOCAL.workdir)
        shutil.copytree(os.path.join(HERE, 'files'), os.path.join(LOCAL.workdir, 'files'))
    return LOCAL.workdir


def console(terraform, base, expression):
    env = dict(os.environ, TF_CLI_CONFIG_FILE=os.devnull, TF_IN_AUTOMATION='1',
               CHECKPOINT_DISABLE='1')
    for _ in range(5):
        run = subprocess.run([terraform, 'console', '-no-color'], input=expression + '\n',
                             capture_output=True, text=True, cwd=workdir_of_thread(base),
                             env=env, timeout=120)
        if 'state lock' not in run.stderr:
            return run.returncode, run.stdout, run.stderr
    raise RuntimeError('terraform console keeps failing on its state lock: ' + run.stderr)


def answer(terraform, workdir, expression):
    rc, out, err = console(terraform, workdir, 'type(%s)' % expression)
    if rc != 0:
        return {'expr': expression, 'error': error_text(err)}
    kind = ' '.join(out.split())
    rc, out, err = console(terraform, workdir, 'jsonencode(%s)' % expression)
    if rc != 0:
        return {'expr': expression, 'type': kind, 'json_error': error_text(err)}
    if out.strip() == '(known after apply)':
        # Terraform itself does not know it before apply (no providers here).
        return {'expr': expression, 'type': kind, 'unknown': True}
    text = unquote(out)
    json.loads(text)  # Terraform's JSON must parse
    return {'expr': expression, 'type': kind, 'json': text}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--jobs', type=int, default=2)
    parser.add_argument('--terraform', default=shutil.which('terraform') or 'terraform')
    args = parser.parse_args()
    expressions = [l for l in open(os.path.join(HERE, 'expressions.txt'), encoding='utf-8')
                   .read().split('\n') if l.strip() and not l.startswith('#')]
    with tempfile.TemporaryDirectory() as workdir:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda e: answer(args.terraform, workdir, e), expressions))
    version = subprocess.run([args.terraform, 'version'], capture_output=True,
                             text=True).stdout.splitlines()[0]
    with open(os.path.join(HERE, 'golden.jsonl'), 'w', encoding='utf-8') as out:
        for result in results:
            out.write(json.dumps(result, ensure_ascii=False) + '\n')
    errors = sum('error' in r for r in results)
    for result in results:
        if 'state lock' in json.dumps(result):
            raise RuntimeError('a state lock error reached the golden data: %r' % result)
    print('%s: %d expressions, %d rejected by Terraform' % (version, len(results), errors))


if __name__ == '__main__':
    sys.exit(main())
