#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark (suite "bench", run by `make bench`): approving and verifying a
1,000-item meeting, against xmlsec1 signing and verifying the same content with one
enveloped reference. Both are timed the same way, as whole processes, over several
rounds; the figures are the minimum and the median, and the ratios of the medians.

Target (issue 13): sign and verify at most 3x xmlsec1. Referent's process does more
than xmlsec1's: it reads and checks the .referat file into the model, writes the
content document from it, signs with XAdES signed properties and a list of part
digests, and saves the file atomically; xmlsec1 only parses, signs and writes.

Environment: REFERENT_CLI, BENCH_GENERATE (tests/bench/bench-generate), XMLSEC1."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

N_ITEMS = int(os.environ.get('BENCH_SIGN_ITEMS', '1000'))
ROUNDS = int(os.environ.get('BENCH_ROUNDS', '5'))
PASSWORD = 'hemmelig'
CLI = os.environ['REFERENT_CLI']
GENERATE = os.environ['BENCH_GENERATE']
XMLSEC1 = os.environ.get('XMLSEC1') or shutil.which('xmlsec1')

TEMPLATE = (
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
    '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
    '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
    '<ds:Reference URI=""><ds:Transforms>'
    '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
    '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
    '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>'
    '</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>')


def run(*args, cwd=None):
    result = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit('%s failed: %s%s' % (' '.join(args), result.stdout, result.stderr))
    return result


def timed(args, before=None, rounds=ROUNDS):
    """Wall-clock seconds, CPU seconds (user + system) and peak RSS (KiB) of each round
    of the process @args. On a shared machine the CPU time is the steadier figure."""
    times, cpus, peaks = [], [], []
    for _ in range(rounds):
        if before:
            before()
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit('%s failed: %s' % (' '.join(args), process.stderr.read().decode()))
        times.append(elapsed)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss)
    return times, cpus, peaks


def describe(name, result):
    times, cpus, peaks = result
    print('  %-34s wall min %6.3f s median %6.3f s · CPU median %6.3f s · peak RSS %6.1f MiB' %
          (name, min(times), statistics.median(times), statistics.median(cpus), max(peaks) / 1024))


def compare(what, ours, theirs):
    wall = statistics.median(ours[0]) / statistics.median(theirs[0])
    wall_min = min(ours[0]) / min(theirs[0])
    cpu = statistics.median(ours[1]) / statistics.median(theirs[1])
    print('%-7s %.2fx xmlsec1 wall-clock (median; %.2fx min), %.2fx CPU time  target <= 3x  %s' %
          (what + ':', wall, wall_min, cpu, 'met' if wall <= 3 else 'NOT MET'))


def main():
    if XMLSEC1 is None:
        raise SystemExit('xmlsec1 is not installed (Debian package xmlsec1; build-aux/install-deps.sh installs it)')
    tmp = tempfile.mkdtemp(prefix='referent-bench-sign-')
    try:
        run('openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem',
            '-days', '5', '-subj', '/CN=Bench CA', cwd=tmp)
        run('openssl', 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'm.key', '-out', 'm.csr', '-subj',
            '/CN=Maria Lundahl Assov/O=Testkommune', '-utf8', cwd=tmp)
        run('openssl', 'x509', '-req', '-in', 'm.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
            '-out', 'm.pem', '-days', '5', cwd=tmp)
        run('openssl', 'pkcs12', '-export', '-in', 'm.pem', '-inkey', 'm.key', '-out', 'm.p12', '-passout',
            'pass:' + PASSWORD, cwd=tmp)
        p = lambda name: os.path.join(tmp, name)
        run(GENERATE, str(N_ITEMS), '2025', p('unsigned.referat'))
        size = os.path.getsize(p('unsigned.referat'))

        # The same content for xmlsec1, with one enveloped reference.
        content = run(CLI, 'content', p('unsigned.referat')).stdout
        with open(p('template.xml'), 'w', encoding='utf-8') as f:
            f.write(content.replace('</referat>', TEMPLATE + '</referat>'))

        def fresh_copy():
            shutil.copyfile(p('unsigned.referat'), p('meeting.referat'))

        print('Approving and verifying a %d-item meeting (%.1f MB), %d rounds each, whole processes:' %
              (N_ITEMS, size / 1e6, ROUNDS))
        sign = timed([CLI, 'sign', p('meeting.referat'), '--pkcs12', p('m.p12'), '--password', PASSWORD],
                     before=fresh_copy)
        describe('referent-cli sign', sign)
        x_sign = timed([XMLSEC1, '--sign', '--pkcs12', p('m.p12'), '--pwd', PASSWORD, '--output',
                        p('xmlsec-signed.xml'), p('template.xml')])
        describe('xmlsec1 --sign (one reference)', x_sign)
        verify = timed([CLI, 'verify', p('meeting.referat'), '--trust', p('ca.pem')])
        describe('referent-cli verify', verify)
        x_verify = timed([XMLSEC1, '--verify', '--trusted-pem', p('ca.pem'), p('xmlsec-signed.xml')])
        describe('xmlsec1 --verify (one reference)', x_verify)
        compare('sign', sign, x_sign)
        compare('verify', verify, x_verify)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
