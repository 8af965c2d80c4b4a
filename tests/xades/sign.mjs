// SPDX-License-Identifier: GPL-3.0-or-later
// Makes an approval with xadesjs, as another XAdES tool would:
//   node sign.mjs CONTENT.xml KEY.pem CERT.pem ROLE OUT.xml
// CONTENT.xml is `referent-cli content FILE`; KEY.pem a PKCS#8 RSA key; ROLE the
// claimed role naming the member, urn:referent:participant:ID. OUT.xml is the content
// with an enveloped XAdES signature (SigningTime, SigningCertificateV2, SignerRole),
// to be added with `referent-cli attach`.
import { readFileSync, writeFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import * as xmldom from '@xmldom/xmldom';
import xpath from 'xpath';
import * as xadesjs from 'xadesjs';

xadesjs.setNodeDependencies({ XMLSerializer: xmldom.XMLSerializer, DOMParser: xmldom.DOMParser, DOMImplementation: xmldom.DOMImplementation, xpath });
xadesjs.Application.setEngine('NodeJS', webcrypto);
const [content, keyPem, certPem, role, out] = process.argv.slice(2);
const der = (pem) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
const key = await webcrypto.subtle.importKey('pkcs8', der(readFileSync(keyPem, 'utf8')), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
const cert = der(readFileSync(certPem, 'utf8')).toString('base64');
const doc = xadesjs.Parse(readFileSync(content, 'utf8'));
const signed = new xadesjs.SignedXml();
const sig = await signed.Sign({ name: 'RSASSA-PKCS1-v1_5' }, key, doc, {
  x509: [cert],
  signingCertificateV2: cert,
  signingTime: { value: new Date() },
  signerRole: { claimed: [role] },
  references: [{ hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
});
doc.documentElement.appendChild(sig.GetXml());
writeFileSync(out, new xmldom.XMLSerializer().serializeToString(doc));
