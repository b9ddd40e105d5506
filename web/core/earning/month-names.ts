// Month names and abbreviations the booking apps write, per language, in lower case without the
// trailing dot. Polish and Ukrainian dates use the genitive ("26 listopada"), so both forms are
// listed. A word may appear in several languages only when it means the same month in all of them.
const MONTHS_BY_LANGUAGE: Record<string, readonly (readonly string[])[]> = {
  en: [
    ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
    ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
  ],
  nl: [
    ['januari'], ['februari'], ['maart', 'mrt'], ['april'], ['mei'], ['juni'],
    ['juli'], ['augustus'], ['september'], ['oktober', 'okt'], ['november'], ['december'],
  ],
  da: [
    ['januar'], ['februar'], ['marts'], ['april'], ['maj'], ['juni'],
    ['juli'], ['august'], ['september'], ['oktober', 'okt'], ['november'], ['december'],
  ],
  de: [
    ['januar', 'jän', 'jänner'], ['februar'], ['märz', 'mär', 'maerz'], ['april'], ['mai'], ['juni'],
    ['juli'], ['august'], ['september'], ['oktober', 'okt'], ['november'], ['dezember', 'dez'],
  ],
  fr: [
    ['janvier', 'janv'], ['février', 'févr', 'fevrier', 'fevr'], ['mars'], ['avril', 'avr'], ['mai'], ['juin'],
    ['juillet', 'juil'], ['août', 'aout'], ['septembre'], ['octobre'], ['novembre'], ['décembre', 'déc', 'decembre'],
  ],
  pl: [
    ['styczeń', 'stycznia', 'sty'], ['luty', 'lutego', 'lut'], ['marzec', 'marca'], ['kwiecień', 'kwietnia', 'kwi'],
    ['maj', 'maja'], ['czerwiec', 'czerwca', 'cze'], ['lipiec', 'lipca', 'lip'], ['sierpień', 'sierpnia', 'sie'],
    ['wrzesień', 'września', 'wrz'], ['październik', 'października', 'paź', 'paz'], ['listopad', 'listopada', 'lis'],
    ['grudzień', 'grudnia', 'gru'],
  ],
  uk: [
    ['січень', 'січня', 'січ'], ['лютий', 'лютого', 'лют'], ['березень', 'березня', 'бер'], ['квітень', 'квітня', 'кві', 'квіт'],
    ['травень', 'травня', 'тра', 'трав'], ['червень', 'червня', 'чер', 'черв'], ['липень', 'липня', 'лип'],
    ['серпень', 'серпня', 'сер', 'серп'], ['вересень', 'вересня', 'вер'], ['жовтень', 'жовтня', 'жов', 'жовт'],
    ['листопад', 'листопада', 'лис'], ['грудень', 'грудня', 'гру', 'груд'],
  ],
};

const MONTH_BY_WORD: ReadonlyMap<string, number> = buildLookup();

function buildLookup(): Map<string, number> {
  const lookup = new Map<string, number>();
  for (const months of Object.values(MONTHS_BY_LANGUAGE)) {
    months.forEach((words, index) => {
      for (const word of words) {
        const existing = lookup.get(word);
        if (existing !== undefined && existing !== index + 1) {
          throw new Error(`Month word "${word}" means two different months.`);
        }
        lookup.set(word, index + 1);
      }
    });
  }
  return lookup;
}

/** The month number (1-12) a word names in any supported language, or undefined. */
export function monthFromWord(word: string): number | undefined {
  return MONTH_BY_WORD.get(word.normalize('NFC').toLowerCase().replace(/\.$/, ''));
}
