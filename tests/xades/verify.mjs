// SPDX-License-Identifier: GPL-3.0-or-later
// An independent check of a Referent approval with xadesjs:
//   node verify.mjs SIGNED.xml
// SIGNED.xml is `referent-cli content FILE --approval N`: the approved content with
// the approval's ds:Signature in place. Verifies the XML signature with the key of
// the certificate that the signed SigningCertificate(V2) names (never a key that
// KeyInfo merely offers) and prints JSON: valid, signingTime, claimedRoles, subject.
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import * as xmldom from '@xmldom/xmldom';
import xpath from 'xpath';
import * as xadesjs from 'xadesjs';
import { X509Certificate } from 'xmldsigjs';

xadesjs.setNodeDependencies({
  XMLSerializer: xmldom.XMLSerializer,
  DOMParser: xmldom.DOMParser,
  DOMImplementation: xmldom.DOMImplementation,
  xpath,
});
xadesjs.Application.setEngine('NodeJS', webcrypto);

const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const doc = xadesjs.Parse(readFileSync(process.argv[2], 'utf8'));
const signature = doc.getElementsByTagNameNS(DSIG, 'Signature')[0];
const signed = new xadesjs.SignedXml(doc);
signed.LoadXml(signature);

// The signing certificate: the KeyInfo certificate whose SHA-256 digest the signed
// properties carry.
const digestNode = signature.getElementsByTagNameNS(XADES, 'CertDigest')[0];
const wanted = digestNode.getElementsByTagNameNS(DSIG, 'DigestValue')[0].textContent.trim();
let certificate = null;
for (const node of Array.from(signature.getElementsByTagNameNS(DSIG, 'X509Certificate'))) {
  const der = Buffer.from(node.textContent.replace(/\s+/g, ''), 'base64');
  const digest = Buffer.from(await webcrypto.subtle.digest('SHA-256', der)).toString('base64');
  if (digest === wanted) certificate = new X509Certificate(der);
}
let valid = false;
let error = null;
if (certificate === null) {
  error = 'no certificate in KeyInfo matches SigningCertificate';
} else {
  try {
    const key = await certificate.exportKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
    valid = await signed.Verify(key);
  } catch (e) {
    error = String(e && e.message ? e.message : e);
  }
}
const roles = Array.from(signature.getElementsByTagNameNS(XADES, 'ClaimedRole')).map((n) => n.textContent.trim());
const time = signature.getElementsByTagNameNS(XADES, 'SigningTime')[0];
console.log(JSON.stringify({
  valid,
  error,
  signingTime: time ? time.textContent.trim() : null,
  claimedRoles: roles,
  subject: certificate ? certificate.Subject : null,
}));
process.exit(valid ? 0 : 1);
