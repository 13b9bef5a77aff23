/** Words of offline work, the outbox and the phone layout (issue 12). */
const en: Record<string, string> = {
  'outbox.title': 'Outbox',
  'outbox.intro.online':
    'What this device has for the server. Waiting items are sent on their own, oldest first; nothing is deleted without you.',
  'outbox.intro.offline':
    'You are offline. What you send is kept on this device and goes out by itself when the connection returns.',
  'outbox.storageNotPersistent':
    'This browser may clear the storage of this site when the device is short of space. Install the app (Add to home screen) so that what waits here is kept.',
  'outbox.empty': 'Nothing waits to be sent.',
  'outbox.untitled': '{event} without a name yet',
  'outbox.queuedAt': 'kept {at}',
  'outbox.state.waiting': 'Waiting',
  'outbox.state.sending': 'Sending',
  'outbox.state.sent': 'Sent',
  'outbox.state.refused': 'Refused',
  'outbox.state.attention': 'Needs attention',
  'outbox.lastTry': 'Tried {attempts, plural, one {once} other {# times}}: {reason}. It will be tried again.',
  'outbox.sentAs': 'Received by the server as {trackingId}.',
  'outbox.reason.refused': 'The server refused it: {reason}',
  'outbox.reason.attention': 'It cannot be sent without you: {reason}',
  'outbox.edit': 'Edit and send again',
  'outbox.action.NOTIFY': 'Incomplete declaration',
  'outbox.action.DECLARE': 'Declaration',
  'outbox.action.VALIDATE': 'Validation',
  'outbox.action.REGISTER': 'Registration',
  'outbox.action.REJECT': 'Sent for updates',
  'outbox.action.ARCHIVE': 'Archiving',
  'outbox.action.REQUEST_CORRECTION': 'Correction request',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at {path}. The link may be mistyped or out of date.',
  'notFound.back': 'Go to your workqueues',
  'record.queued': '{action}: kept on this device. It will be sent when the connection returns (see the outbox).',
  'record.offline.copy': 'You are offline: this is the copy of the record kept on this device.',
  'record.offline.registerLater': 'Registering needs a connection: the registration number comes from the server.',
  'forms.file.photograph': 'Take a photo',
  'common.close': 'Close',
  'certificate.preview.title': 'Preview of the {kind}',
  'certificate.preview.intro':
    'Check the certificate before printing: the print and the fee are recorded only when you press the button below.',
  'forms.draftStarted': '{event} started {at}',
};

const fr: Record<string, string> = {
  'outbox.title': "Boîte d'envoi",
  'outbox.intro.online':
    "Ce que cet appareil doit envoyer au serveur. Les éléments en attente partent d'eux-mêmes, les plus anciens d'abord ; rien n'est supprimé sans vous.",
  'outbox.intro.offline':
    'Vous êtes hors ligne. Ce que vous envoyez est gardé sur cet appareil et part de lui-même au retour de la connexion.',
  'outbox.storageNotPersistent':
    "Ce navigateur peut effacer les données de ce site si l'appareil manque de place. Installez l'application (Ajouter à l'écran d'accueil) pour que ce qui attend ici soit gardé.",
  'outbox.empty': "Rien n'attend d'être envoyé.",
  'outbox.untitled': '{event} encore sans nom',
  'outbox.queuedAt': 'gardé le {at}',
  'outbox.state.waiting': 'En attente',
  'outbox.state.sending': 'Envoi en cours',
  'outbox.state.sent': 'Envoyé',
  'outbox.state.refused': 'Refusé',
  'outbox.state.attention': 'À vérifier',
  'outbox.lastTry': 'Essayé {attempts, plural, one {une fois} other {# fois}} : {reason}. Un nouvel essai aura lieu.',
  'outbox.sentAs': 'Reçu par le serveur sous le numéro {trackingId}.',
  'outbox.reason.refused': 'Le serveur l’a refusé : {reason}',
  'outbox.reason.attention': 'Impossible de l’envoyer sans vous : {reason}',
  'outbox.edit': 'Modifier et renvoyer',
  'outbox.action.NOTIFY': 'Déclaration incomplète',
  'outbox.action.DECLARE': 'Déclaration',
  'outbox.action.VALIDATE': 'Validation',
  'outbox.action.REGISTER': 'Enregistrement',
  'outbox.action.REJECT': 'Renvoi pour correction',
  'outbox.action.ARCHIVE': 'Archivage',
  'outbox.action.REQUEST_CORRECTION': 'Demande de rectification',
  'notFound.title': 'Page introuvable',
  'notFound.body': "Il n'y a pas de page à l'adresse {path}. Le lien est peut-être erroné ou périmé.",
  'notFound.back': 'Aller à vos files de travail',
  'record.queued':
    '{action} : gardé sur cet appareil. Ce sera envoyé au retour de la connexion (voir la boîte d’envoi).',
  'record.offline.copy': 'Vous êtes hors ligne : voici la copie du dossier gardée sur cet appareil.',
  'record.offline.registerLater':
    "L'enregistrement demande une connexion : le numéro d'enregistrement vient du serveur.",
  'forms.file.photograph': 'Prendre une photo',
  'common.close': 'Fermer',
  'certificate.preview.title': 'Aperçu : {kind}',
  'certificate.preview.intro':
    "Vérifiez le certificat avant de l'imprimer : l'impression et les frais ne sont enregistrés qu'au bouton ci-dessous.",
  'forms.draftStarted': '{event} commencée le {at}',
};

export const field = { en, fr };
