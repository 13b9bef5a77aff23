import type { Text } from '@lifeline/domain';
import type { Verification, VerificationStatus } from './service.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const t = (en: string, fr: string): Text => ({ en, fr });

const VERDICTS: Record<VerificationStatus, { colour: string; title: Text; detail: Text }> = {
  VALID: {
    colour: '#0b6b4d',
    title: t('Genuine certificate', 'Certificat authentique'),
    detail: t(
      'This certificate was issued by the civil registry and is current. Check that the details below match the paper.',
      "Ce certificat a été délivré par l'état civil et il est à jour. Vérifiez que les informations ci-dessous correspondent au document papier.",
    ),
  },
  SUPERSEDED: {
    colour: '#9a6700',
    title: t('Superseded certificate', 'Certificat remplacé'),
    detail: t(
      'The record was corrected after this certificate was printed. Ask the holder for a new certificate.',
      "L'acte a été rectifié après l'impression de ce certificat. Demandez au titulaire un nouveau certificat.",
    ),
  },
  REVOKED: {
    colour: '#b42318',
    title: t('Revoked registration', 'Enregistrement révoqué'),
    detail: t(
      'The registration this certificate proves has been revoked. The certificate is not valid.',
      "L'enregistrement attesté par ce certificat a été révoqué. Le certificat n'est pas valable.",
    ),
  },
  UNKNOWN: {
    colour: '#b42318',
    title: t('Unknown certificate', 'Certificat inconnu'),
    detail: t(
      'No certificate with this number was issued by the civil registry.',
      "Aucun certificat portant ce numéro n'a été délivré par l'état civil.",
    ),
  },
  ISSUED_AFTER_BACKUP: {
    colour: '#9a6700',
    title: t('Issued after the last backup', 'Délivré après la dernière sauvegarde'),
    detail: t(
      'This certificate carries the registry’s signature but was printed after the backup the register was restored from. Check it with the registry before accepting it.',
      'Ce certificat porte la signature de l’état civil mais a été imprimé après la sauvegarde à partir de laquelle le registre a été restauré. Vérifiez-le auprès de l’état civil avant de l’accepter.',
    ),
  },
  TAMPERED: {
    colour: '#b42318',
    title: t('Altered QR code', 'Code QR altéré'),
    detail: t(
      'The signed data in the QR code does not match this certificate: it may have been altered. Do not accept it.',
      'Les données signées du code QR ne correspondent pas à ce certificat : il a pu être modifié. Ne l’acceptez pas.',
    ),
  },
};

const LABELS = {
  name: t('Name', 'Nom'),
  date: t('Date of event', "Date de l'événement"),
  registrationNumber: t('Registration number', "Numéro d'enregistrement"),
  certificate: t('Certificate number', 'Numéro du certificat'),
  checked: t('Checked at', 'Vérifié le'),
};

const both = (text: Text) => `${escapeHtml(text.en)}<span class="fr" lang="fr">${escapeHtml(text.fr)}</span>`;

function row(label: Text, value: string): string {
  return `<tr><th>${both(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

/**
 * The public verification page: plain HTML, English and French, readable on a phone, no scripts and no outside
 * assets (it must work on any network, and the strict content security policy allows nothing else).
 */
export function verificationPage(result: Verification, header: { country: Text; authority: Text }): string {
  const verdict = VERDICTS[result.status];
  const rows: string[] = [];
  if (result.certificate) {
    rows.push(row(LABELS.name, result.certificate.name));
    rows.push(row(LABELS.date, result.certificate.dateOfEvent ?? '—'));
    rows.push(row(LABELS.registrationNumber, result.certificate.registrationNumber));
  } else if (result.registrationNumber) {
    rows.push(row(LABELS.registrationNumber, result.registrationNumber));
  }
  rows.push(row(LABELS.certificate, result.certificateId));
  rows.push(row(LABELS.checked, `${result.checkedAt.slice(0, 19).replace('T', ' ')} UTC`));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(verdict.title.en)} · ${escapeHtml(verdict.title.fr)}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f5;color:#17191c;line-height:1.45}
main{max-width:34rem;margin:0 auto;padding:1.25rem}
header{text-align:center;margin-bottom:1rem;color:#0b5a40}
header strong{display:block;font-size:1.05rem;letter-spacing:.04em;text-transform:uppercase}
header span{display:block;font-size:.85rem;color:#555}
.verdict{border-radius:.6rem;padding:1rem 1.1rem;color:#fff;background:${verdict.colour}}
.verdict h1{margin:0 0 .4rem;font-size:1.35rem}
.verdict p{margin:.2rem 0}
.fr{display:block;opacity:.85;font-size:.92em}
table{width:100%;border-collapse:collapse;margin-top:1rem;background:#fff;border-radius:.6rem;overflow:hidden}
th,td{text-align:left;vertical-align:top;padding:.6rem .8rem;border-bottom:1px solid #e3e7e5}
th{width:45%;font-weight:600;font-size:.9rem}
td{font-weight:700;word-break:break-all}
footer{margin-top:1rem;font-size:.8rem;color:#555;text-align:center}
</style>
</head>
<body>
<main>
<header><strong>${escapeHtml(header.country.en)}</strong><span lang="fr">${escapeHtml(header.country.fr ?? '')}</span><span>${escapeHtml(header.authority.en)} · ${escapeHtml(header.authority.fr ?? '')}</span></header>
<section class="verdict" data-status="${result.status}">
<h1>${both(verdict.title)}</h1>
<p>${both(verdict.detail)}</p>
</section>
<table>${rows.join('')}</table>
<footer>${both(t('Certificate verification service of the civil registry.', "Service de vérification des certificats de l'état civil."))}</footer>
</main>
</body>
</html>
`;
}
