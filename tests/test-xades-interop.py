#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Referent's approvals against an independent XAdES implementation (xadesjs, run by
Node.js from tests/xades/, installed by build-aux/install-deps.sh with `npm ci`).

- xadesjs verifies an approval Referent made, and refuses it once the minutes change;
- Referent accepts an approval xadesjs made over `referent-cli content`, and does not
  count one that xadesjs made for another member than the certificate's holder.

Usage: test-xades-interop.py SOURCE_ROOT (REFERENT_CLI names the command-line tool)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = sys.argv[1]
CLI = os.environ['REFERENT_CLI']
XADES = os.path.join(ROOT, 'tests', 'xades')
SAMPLE = os.path.join(ROOT, 'data', 'samples', 'socialudvalget-2025-05-06.referat')
PASSWORD = 'hemmelig'
failures = []


def run(*args, cwd=None, check=True):
    result = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise SystemExit('%s failed (%d): %s%s' % (' '.join(args), result.returncode, result.stdout, result.stderr))
    return result


def expect(condition, what):
    print(('ok - ' if condition else 'not ok - ') + what)
    if not condition:
        failures.append(what)


def make_pki(tmp):
    run('openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days',
        '5', '-subj', '/CN=Referent Test CA/O=Referent test', '-addext', 'basicConstraints=critical,CA:TRUE',
        '-addext', 'keyUsage=critical,keyCertSign,cRLSign', cwd=tmp)
    run('openssl', 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'maria.key', '-out', 'maria.csr', '-subj',
        '/CN=Maria Lundahl Assov/O=Testkommune', '-utf8', cwd=tmp)
    run('openssl', 'x509', '-req', '-in', 'maria.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out',
        'maria.pem', '-days', '5', cwd=tmp)
    run('openssl', 'pkcs12', '-export', '-in', 'maria.pem', '-inkey', 'maria.key', '-out', 'maria.p12', '-passout',
        'pass:' + PASSWORD, cwd=tmp)


def node(script, *args):
    return run('node', os.path.join(XADES, script), *args, check=False)


def main():
    if not os.path.isdir(os.path.join(XADES, 'node_modules', 'xadesjs')):
        raise SystemExit('xadesjs is not installed: run build-aux/install-deps.sh (npm ci --prefix tests/xades)')
    tmp = tempfile.mkdtemp(prefix='referent-xades-')
    try:
        make_pki(tmp)
        minutes = os.path.join(tmp, 'minutes.referat')
        shutil.copy(SAMPLE, minutes)
        run(CLI, 'sign', minutes, '--pkcs12', os.path.join(tmp, 'maria.p12'), '--password', PASSWORD)

        # Referent's approval, checked by xadesjs.
        signed = os.path.join(tmp, 'signed.xml')
        run(CLI, 'content', minutes, '--approval', '1', '-o', signed)
        result = node('verify.mjs', signed)
        report = json.loads(result.stdout or '{}')
        expect(result.returncode == 0 and report.get('valid') is True,
               'xadesjs verifies an approval Referent made: %s' % result.stdout.strip())
        expect(report.get('claimedRoles') == ['urn:referent:participant:p1'], 'the signed member is p1')
        expect('Maria Lundahl Assov' in (report.get('subject') or ''), 'the signing certificate is Maria’s')

        # One word of the minutes changed: xadesjs refuses it too.
        with open(signed, encoding='utf-8') as f:
            text = f.read()
        changed = os.path.join(tmp, 'changed.xml')
        with open(changed, 'w', encoding='utf-8') as f:
            f.write(text.replace('<title>', '<title>Ændret ', 1))
        result = node('verify.mjs', changed)
        expect(result.returncode != 0 and '"valid":false' in result.stdout, 'xadesjs refuses changed minutes')

        # An approval made by xadesjs over the same content, checked by Referent.
        fresh = os.path.join(tmp, 'fresh.referat')
        shutil.copy(SAMPLE, fresh)
        content = os.path.join(tmp, 'content.xml')
        run(CLI, 'content', fresh, '-o', content)
        by_js = os.path.join(tmp, 'by-xadesjs.xml')
        result = node('sign.mjs', content, os.path.join(tmp, 'maria.key'), os.path.join(tmp, 'maria.pem'),
                      'urn:referent:participant:p1', by_js)
        expect(result.returncode == 0, 'xadesjs signs the content: %s' % result.stderr.strip())
        attach = run(CLI, 'attach', fresh, by_js, check=False)
        expect(attach.returncode == 0, 'referent-cli attach takes it: %s' % attach.stderr.strip())
        verify = run(CLI, 'verify', fresh, '--trust', os.path.join(tmp, 'ca.pem'), check=False)
        expect(verify.returncode == 0 and verify.stdout.startswith('Valid: '),
               'Referent verifies an approval xadesjs made: %s' % verify.stdout.strip())
        expect('1 of 7 members present have approved' in verify.stdout, 'and counts it for Maria')

        # xadesjs signing with Maria's certificate "for" Johan (p2): sound, not counted.
        other = os.path.join(tmp, 'other.referat')
        shutil.copy(SAMPLE, other)
        run(CLI, 'content', other, '-o', content)
        for_johan = os.path.join(tmp, 'for-johan.xml')
        node('sign.mjs', content, os.path.join(tmp, 'maria.key'), os.path.join(tmp, 'maria.pem'),
             'urn:referent:participant:p2', for_johan)
        run(CLI, 'attach', other, for_johan)
        verify = run(CLI, 'verify', other, '--trust', os.path.join(tmp, 'ca.pem'), check=False)
        expect(verify.returncode == 1 and verify.stdout.startswith('Not counted: '),
               'an approval for another member than the certificate’s is not counted: %s' % verify.stdout.strip())
        expect('0 of 7 members present have approved' in verify.stdout, 'and no member has approved')
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        raise SystemExit('%d check(s) failed' % len(failures))


main()
