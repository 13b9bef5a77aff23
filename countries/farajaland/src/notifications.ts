import type { NotificationTemplates } from '@lifeline/domain';
import { t } from './text.ts';

/**
 * Messages to staff, in English and French. Placeholders: see TEMPLATE_PLACEHOLDERS in the domain package.
 * SMS texts stay under 160 characters where they can (links and codes make some two SMS long).
 */
export const notifications: NotificationTemplates = {
  loginCode: {
    subject: t('Your Lifeline login code', 'Votre code de connexion Lifeline'),
    email: t(
      'Hello {{firstname}},\n\nYour login code for {{username}} is {{code}}. It expires in {{minutes}} minutes.\n\n' +
        'If you did not try to log in, tell your system administrator: someone may know your password.\n\n' +
        'Civil Registration, {{country}}',
      'Bonjour {{firstname}},\n\nVotre code de connexion pour {{username}} est {{code}}. Il expire dans {{minutes}} minutes.\n\n' +
        "Si vous n'avez pas essayé de vous connecter, prévenez votre administrateur système : quelqu'un connaît peut-être votre mot de passe.\n\n" +
        'État civil, {{country}}',
    ),
    sms: t(
      'Lifeline: your login code is {{code}} (expires in {{minutes}} min).',
      'Lifeline : votre code de connexion est {{code}} (expire dans {{minutes}} min).',
    ),
  },
  invitation: {
    subject: t('Your Lifeline account', 'Votre compte Lifeline'),
    email: t(
      'Hello {{firstname}},\n\nAn account has been created for you in Lifeline, the civil registration system of {{country}}: ' +
        '{{role}} at {{office}}. Your username is {{username}}.\n\n' +
        'To start, open this link and enter the code {{code}}:\n{{link}}\n\n' +
        'The link and the code work once, for {{hours}} hours. If they expire, ask your system administrator to send a new invitation.',
      'Bonjour {{firstname}},\n\nUn compte a été créé pour vous dans Lifeline, le système d’état civil de {{country}} : ' +
        '{{role}} à {{office}}. Votre nom d’utilisateur est {{username}}.\n\n' +
        'Pour commencer, ouvrez ce lien et saisissez le code {{code}} :\n{{link}}\n\n' +
        'Le lien et le code ne servent qu’une fois, pendant {{hours}} heures. S’ils expirent, demandez une nouvelle invitation à votre administrateur système.',
    ),
    sms: t(
      'Lifeline: your username is {{username}}. Activate your account within {{hours}} h at {{link}} with code {{code}}',
      'Lifeline : votre identifiant est {{username}}. Activez votre compte sous {{hours}} h sur {{link}} avec le code {{code}}',
    ),
  },
  passwordReset: {
    subject: t('Reset your Lifeline password', 'Réinitialiser votre mot de passe Lifeline'),
    email: t(
      'Hello {{firstname}},\n\nA new password was requested for {{username}}. Enter the code {{code}} on the page where you asked for it, ' +
        'or open this link:\n{{link}}\n\nThe code expires in {{minutes}} minutes. If you did not ask for it, you can ignore this message.',
      'Bonjour {{firstname}},\n\nUn nouveau mot de passe a été demandé pour {{username}}. Saisissez le code {{code}} sur la page où vous l’avez demandé, ' +
        'ou ouvrez ce lien :\n{{link}}\n\nLe code expire dans {{minutes}} minutes. Si vous ne l’avez pas demandé, ignorez ce message.',
    ),
    sms: t(
      'Lifeline: code {{code}} to choose a new password for {{username}} (expires in {{minutes}} min).',
      'Lifeline : code {{code}} pour choisir un nouveau mot de passe pour {{username}} (expire dans {{minutes}} min).',
    ),
  },
  usernameReminder: {
    subject: t('Your Lifeline username', 'Votre nom d’utilisateur Lifeline'),
    email: t(
      'Hello {{firstname}},\n\nYou asked for your username. It is: {{usernames}}\n\nIf you did not ask, you can ignore this message.',
      'Bonjour {{firstname}},\n\nVous avez demandé votre nom d’utilisateur. Le voici : {{usernames}}\n\nSi vous ne l’avez pas demandé, ignorez ce message.',
    ),
    sms: t('Lifeline: your username is {{usernames}}', 'Lifeline : votre nom d’utilisateur est {{usernames}}'),
  },
  // Messages to the informant of a record: {{name}} is the child's or the deceased's, {{event}} "birth" or "death".
  families: {
    declarationReceived: {
      enabled: true,
      subject: t('We received the declaration of a {{event}}', 'Nous avons reçu la déclaration d’un(e) {{event}}'),
      email: t(
        'Hello,\n\nThe declaration of the {{event}} of {{name}} has been received. Its tracking number is {{trackingId}}: ' +
          'give it if you contact the civil registry.\n\nCivil Registration, {{country}}',
        'Bonjour,\n\nLa déclaration de {{event}} de {{name}} a été reçue. Son numéro de suivi est {{trackingId}} : ' +
          'donnez-le si vous contactez l’état civil.\n\nÉtat civil, {{country}}',
      ),
      sms: t(
        'Civil registry: the {{event}} of {{name}} was declared. Tracking number {{trackingId}}.',
        'État civil : la déclaration de {{event}} de {{name}} est reçue. Numéro de suivi {{trackingId}}.',
      ),
    },
    registered: {
      enabled: true,
      subject: t('The {{event}} of {{name}} is registered', '{{name}} : {{event}} enregistré(e)'),
      email: t(
        'Hello,\n\nThe {{event}} of {{name}} is registered under the number {{registrationNumber}}. ' +
          'You can collect the certificate at the civil registration office.\n\nCivil Registration, {{country}}',
        'Bonjour,\n\nLe/la {{event}} de {{name}} est enregistré(e) sous le numéro {{registrationNumber}}. ' +
          'Vous pouvez retirer l’acte au bureau de l’état civil.\n\nÉtat civil, {{country}}',
      ),
      sms: t(
        'Civil registry: the {{event}} of {{name}} is registered, number {{registrationNumber}}.',
        'État civil : {{event}} de {{name}} enregistré(e), numéro {{registrationNumber}}.',
      ),
    },
    rejected: {
      enabled: true,
      subject: t('The declaration of {{name}} needs more', 'La déclaration de {{name}} est incomplète'),
      email: t(
        'Hello,\n\nThe declaration of the {{event}} of {{name}} (tracking number {{trackingId}}) could not be registered yet. ' +
          'Please bring: {{reason}}.\n\nCivil Registration, {{country}}',
        'Bonjour,\n\nLa déclaration de {{event}} de {{name}} (numéro de suivi {{trackingId}}) ne peut pas encore être enregistrée. ' +
          'Merci d’apporter : {{reason}}.\n\nÉtat civil, {{country}}',
      ),
      sms: t(
        'Civil registry: {{trackingId}} needs more. Please bring: {{reason}}',
        'État civil : {{trackingId}} est incomplet. Merci d’apporter : {{reason}}',
      ),
    },
    certificateReady: {
      enabled: true,
      subject: t('The certificate of {{name}} is ready', 'L’acte de {{name}} est prêt'),
      email: t(
        'Hello,\n\nThe {{event}} certificate of {{name}} ({{registrationNumber}}) is ready. Collect it at the civil ' +
          'registration office with your ID.\n\nCivil Registration, {{country}}',
        'Bonjour,\n\nL’acte de {{event}} de {{name}} ({{registrationNumber}}) est prêt. Retirez-le au bureau de l’état ' +
          'civil avec votre pièce d’identité.\n\nÉtat civil, {{country}}',
      ),
      sms: t(
        'Civil registry: the certificate of {{name}} ({{registrationNumber}}) is ready to collect.',
        'État civil : l’acte de {{name}} ({{registrationNumber}}) est prêt à retirer.',
      ),
    },
    correctionApproved: {
      enabled: true,
      subject: t('The record of {{name}} is corrected', 'L’acte de {{name}} est corrigé'),
      email: t(
        'Hello,\n\nThe correction of the {{event}} record of {{name}} ({{registrationNumber}}) is approved.\n\n' +
          'Civil Registration, {{country}}',
        'Bonjour,\n\nLa rectification de l’acte de {{event}} de {{name}} ({{registrationNumber}}) est approuvée.\n\n' +
          'État civil, {{country}}',
      ),
      sms: t(
        'Civil registry: the correction of the record of {{name}} ({{registrationNumber}}) is approved.',
        'État civil : la rectification de l’acte de {{name}} ({{registrationNumber}}) est approuvée.',
      ),
    },
  },
};
