// The languages and the template shape are part of the admin API (web/contracts/messaging-api.ts).
export { MESSAGE_LANGUAGES, type MessageLanguage, type MessageTemplate } from '../../contracts/messaging-api';

export const SMS_MAX_CHARACTERS = 300;
